#include "policycache.h"

#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "filter.h"
#include "sha256.h"

/*
 * The entry format.  Native byte order and widths: the key holds the build
 * id, so an entry is only ever read by the binary that wrote it.  Every
 * length is checked against what is left before it is used.
 *
 *   header  "JUDGEPC\n", u32 format, u32 body length, u32 crc32(body)
 *   body    bytes key material
 *           u32 n, n x { str path, u8 regular }        the checks
 *           u32 n, n x { str path, bytes content }     the files read
 *           the policy (put_policy), then the filter: u32 n, n x 8 bytes
 */
#define MAGIC		"JUDGEPC\n"
#define FORMAT		1u
#define HEADER_LEN	(8 + 4 + 4 + 4)
#define ENTRY_MAX	(4u << 20)	/* a policy chain is some 20 KiB; bigger is not ours */
#define FILE_MAX	(1u << 20)	/* a policy file bigger than this is not cached */
#define CHAIN_MAX	32		/* files in one entry; policy.c stops "extends" at 16 */

static struct policycache_stats stats;

const struct policycache_stats *policycache_stats(void)
{
	return &stats;
}

/*** Recording ***/

void policycache_rec_check(struct policycache_rec *r, const char *path, bool regular)
{
	r->checks = xrealloc(r->checks, (r->n_checks + 1) * sizeof(*r->checks));
	r->checks[r->n_checks].path = xstrdup(path);
	r->checks[r->n_checks++].regular = regular;
}

void policycache_rec_read(struct policycache_rec *r, const char *path, const char *bytes,
			  size_t len, const struct stat *st)
{
	/* a pipe or a device could not be read again the same way: no entry */
	if (!S_ISREG(st->st_mode) || len > FILE_MAX) {
		r->unusable = true;
		return;
	}
	r->reads = xrealloc(r->reads, (r->n_reads + 1) * sizeof(*r->reads));
	r->reads[r->n_reads].path = xstrdup(path);
	r->reads[r->n_reads].bytes = xmalloc(len ? len : 1);
	memcpy(r->reads[r->n_reads].bytes, bytes, len);
	r->reads[r->n_reads++].len = len;
}

void policycache_rec_free(struct policycache_rec *r)
{
	for (size_t i = 0; i < r->n_checks; i++)
		free(r->checks[i].path);
	for (size_t i = 0; i < r->n_reads; i++) {
		free(r->reads[i].path);
		free(r->reads[i].bytes);
	}
	free(r->checks);
	free(r->reads);
	memset(r, 0, sizeof(*r));
}

/*** The directory ***/

/*
 * A directory fit to hold entries: opened without following a link, the
 * user's own, and nobody else's to read or write (`strict`), or at least to
 * write (a parent such as /run or ~/.cache).
 */
static int open_dir_at(int at, const char *name, mode_t mode, bool create, bool strict)
{
	struct stat st;
	int fd;

	fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && create) {
		if (mkdirat(at, name, mode) < 0 && errno != EEXIST)
			return -1;
		fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	}
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || (st.st_uid != geteuid() && !(st.st_uid == 0 && !strict)) ||
	    (st.st_mode & (strict ? 077 : 022))) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * base/judge/policies.  The directory itself is what makes entries safe to
 * trust: only its owner (this user) can add or replace a file in a 0700
 * directory, whatever the path to it, so an existing one is opened in one
 * step.  The first time, each level is made and checked on the way.
 */
static int open_under(const char *base, mode_t judge_mode)
{
	int b, j, fd;
	char *full;

	if (!base || base[0] != '/')
		return -1;
	full = xasprintf("%s/judge/policies", base);
	fd = open_dir_at(AT_FDCWD, full, 0700, false, true);
	free(full);
	if (fd >= 0)
		return fd;
	b = open_dir_at(AT_FDCWD, base, 0, false, false);
	if (b < 0)
		return -1;
	j = open_dir_at(b, "judge", judge_mode, true, false);
	close(b);
	if (j < 0)
		return -1;
	fd = open_dir_at(j, "policies", 0700, true, true);
	close(j);
	return fd;
}

static int open_cache_dir(const char *env)
{
	const char *x;
	int fd;

	if (env && env[0]) {
		/* a directory named outright: only its last level is made */
		if (env[0] != '/')
			return -1;
		return open_dir_at(AT_FDCWD, env, 0700, true, true);
	}
	/* /run/judge is also where isolate.c keeps its network namespace: 0755 */
	if (geteuid() == 0)
		return open_under("/run", 0755);
	x = getenv("XDG_RUNTIME_DIR");
	if (x && (fd = open_under(x, 0700)) >= 0)
		return fd;
	x = getenv("XDG_CACHE_HOME");
	if (x && x[0])
		return open_under(x, 0700);
	x = getenv("HOME");
	if (x && x[0] == '/') {
		char *cache = xasprintf("%s/.cache", x);
		int home = open_dir_at(AT_FDCWD, x, 0, false, false);

		fd = -1;
		/* ~/.cache may be made, never the home directory */
		if (home >= 0) {
			int c = open_dir_at(home, ".cache", 0700, true, false);

			if (c >= 0) {
				close(c);
				fd = open_under(cache, 0700);
			}
			close(home);
		}
		free(cache);
		return fd;
	}
	return -1;
}

int policycache_dir_fd(void)
{
	/* once per process and setting: `judge test` loads a policy per submission */
	static int fd = -1;
	static char *for_env;
	static bool opened;
	const char *env = getenv("JUDGE_POLICY_CACHE");

	if (opened && ((!env && !for_env) || (env && for_env && strcmp(env, for_env) == 0)))
		return fd;
	if (fd >= 0)
		close(fd);
	free(for_env);
	for_env = env ? xstrdup(env) : NULL;
	opened = true;
	fd = env && strcmp(env, "0") == 0 ? -1 : open_cache_dir(env);
	return fd;
}

/*** The key ***/

struct build_id {
	const unsigned char *bytes;
	size_t len;
};

static int find_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
	struct build_id *id = data;

	(void)size;
	/* the first object is the judge itself */
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		const unsigned char *p, *end;

		if (ph->p_type != PT_NOTE)
			continue;
		p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
		end = p + ph->p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)p;
			size_t name = (n->n_namesz + 3) & ~3u, desc = (n->n_descsz + 3) & ~3u;
			const unsigned char *d = p + sizeof(*n) + name;

			if (d + desc > end)
				break;
			if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 &&
			    memcmp(p + sizeof(*n), "GNU", 4) == 0 && n->n_descsz > 0) {
				id->bytes = d;
				id->len = n->n_descsz;
				return 1;
			}
			p = d + desc;
		}
	}
	return 1;
}

/*
 * The linker's hash of this very binary: it changes with any change to the
 * code or the syscall tables, which a version string would not (a dirty
 * tree builds many binaries under one version).
 */
static const struct build_id *build_id(void)
{
	static struct build_id id;
	static bool looked;

	if (!looked) {
		dl_iterate_phdr(find_build_id, &id);
		looked = true;
	}
	return id.len ? &id : NULL;
}

struct buf {
	unsigned char *p;
	size_t n, cap;
};

static void buf_put(struct buf *b, const void *data, size_t len)
{
	if (b->n + len > b->cap) {
		while (b->n + len > b->cap)
			b->cap = b->cap ? 2 * b->cap : 4096;
		b->p = xrealloc(b->p, b->cap);
	}
	if (len)
		memcpy(b->p + b->n, data, len);
	b->n += len;
}

#define PUT(b, v) do { __typeof__(v) v_ = (v); buf_put(b, &v_, sizeof(v_)); } while (0)

static void put_bytes(struct buf *b, const void *data, size_t len)
{
	PUT(b, (uint32_t)len);
	buf_put(b, data, len);
}

static void put_str(struct buf *b, const char *s)
{
	put_bytes(b, s, strlen(s));
}

bool policycache_key(struct policycache_key *k, const char *name_or_path, const char *policies_dir)
{
	const struct build_id *id;
	struct buf b = { 0 };
	struct sha256 h;
	char hex[65];

	memset(k, 0, sizeof(*k));
	if (policycache_dir_fd() < 0 || !(id = build_id()))
		return false;
	put_bytes(&b, id->bytes, id->len);
	PUT(&b, (uint32_t)FORMAT);
	PUT(&b, (uint32_t)sizeof(struct policy));
	put_str(&b, name_or_path);
	put_str(&b, policies_dir);
	/* the recorded paths would be replayed in the new directory all the same; kept apart */
	if (name_or_path[0] != '/' || policies_dir[0] != '/') {
		char cwd[PATH_MAX];

		if (!getcwd(cwd, sizeof(cwd))) {
			free(b.p);
			return false;
		}
		put_str(&b, cwd);
	}
	sha256_init(&h);
	sha256_update(&h, b.p, b.n);
	sha256_hex(&h, hex);
	snprintf(k->file, sizeof(k->file), "%.40s.pc", hex);
	k->material = (char *)b.p;
	k->len = b.n;
	return true;
}

void policycache_key_free(struct policycache_key *k)
{
	free(k->material);
	k->material = NULL;
}

/*** Writing an entry ***/

static void put_opt(struct buf *b, const char *s)
{
	PUT(b, (uint8_t)(s != NULL));
	if (s)
		put_str(b, s);
}

static void put_list(struct buf *b, const struct strlist *l)
{
	PUT(b, (uint32_t)l->n);
	for (size_t i = 0; i < l->n; i++)
		put_str(b, l->v[i]);
}

static void put_deny(struct buf *b, struct deny_action d)
{
	PUT(b, (uint8_t)d.kill);
	PUT(b, (int32_t)d.err);
}

/*
 * A field added to struct policy must be stored here, read in get_policy
 * and compared in test_policycache.c; this stops the build until it is.
 */
_Static_assert(sizeof(struct policy) == 24792 && offsetof(struct policy, sys) == 100,
	       "struct policy changed: update policycache.c and test_policycache.c");

static void put_policy(struct buf *b, const struct policy *p)
{
	uint32_t n = 0;

	put_str(b, p->name);
	put_str(b, p->file);
	put_opt(b, p->description);
	put_opt(b, p->compile_policy);
	put_list(b, &p->extensions);
	put_list(b, &p->compile);
	put_list(b, &p->run);
	put_list(b, &p->env);
	put_list(b, &p->files_read);
	put_list(b, &p->files_write);
	put_list(b, &p->files_exec);
	for (int a = 0; a < ABI_COUNT; a++)
		PUT(b, (uint8_t)p->abis[a]);
	/* only the entries that say something: some hundreds of the 3 x 1024 */
	for (int a = 0; a < ABI_COUNT; a++)
		for (int nr = 0; nr < SYSCALLS_MAX; nr++)
			n += p->sys[a][nr].action != SYS_DEFAULT || p->sys[a][nr].err || p->sys[a][nr].rule ||
			     p->sys[a][nr].arg_rule;
	PUT(b, n);
	for (int a = 0; a < ABI_COUNT; a++)
		for (int nr = 0; nr < SYSCALLS_MAX; nr++) {
			const struct sys_entry *e = &p->sys[a][nr];

			if (e->action == SYS_DEFAULT && !e->err && !e->rule && !e->arg_rule)
				continue;
			PUT(b, (uint8_t)a);
			PUT(b, (uint16_t)nr);
			buf_put(b, e, sizeof(*e));
		}
	put_deny(b, p->default_action);
	put_deny(b, p->files_deny);
	PUT(b, (int32_t)p->processes);
	PUT(b, (int32_t)p->threads);
	PUT(b, (uint32_t)p->mem_rlimit);
	PUT(b, (int64_t)p->runtime_memory_kib);
	PUT(b, (int32_t)p->memory_exit_code);
	PUT(b, (uint32_t)p->n_arg_rules);
	for (size_t i = 0; i < p->n_arg_rules; i++) {
		const struct arg_rule *r = &p->arg_rules[i];

		PUT(b, (int32_t)r->arg);
		PUT(b, (uint32_t)r->n_values);
		buf_put(b, r->values, r->n_values * sizeof(r->values[0]));
		PUT(b, (uint8_t)r->has_mask);
		PUT(b, (uint64_t)r->mask);
		PUT(b, (int32_t)r->else_err);
	}
}

/* Whether `s` is the name of an entry: 40 lowercase hex digits, then ".pc". */
static bool entry_name(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");

	return n == 40 && strcmp(s + n, ".pc") == 0;
}

/* Removes the oldest files beyond the bound (a writer's leftover temporary included). */
static void evict(int dfd)
{
	struct old {
		struct timespec t;
		char name[80];
	} *v = NULL;
	size_t n = 0;
	int fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((de = readdir(d))) {
		struct stat st;

		/*
		 * Only names this cache writes: JUDGE_POLICY_CACHE=DIR may name a
		 * directory that holds other files of the user's, which are
		 * never the cache's to remove.
		 */
		if ((!entry_name(de->d_name) && strncmp(de->d_name, ".tmp-", 5) != 0) ||
		    strlen(de->d_name) >= sizeof(v->name) ||
		    fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode))
			continue;
		/* a writer killed between its create and its rename left this */
		if (strncmp(de->d_name, ".tmp-", 5) == 0) {
			if (st.st_mtim.tv_sec < time(NULL) - 60)
				unlinkat(dfd, de->d_name, 0);
			continue;
		}
		v = xrealloc(v, (n + 1) * sizeof(*v));
		v[n].t = st.st_mtim;
		/* the length was checked above */
		memcpy(v[n++].name, de->d_name, strlen(de->d_name) + 1);
	}
	closedir(d);
	while (n > POLICYCACHE_MAX_ENTRIES) {
		size_t o = 0;

		for (size_t i = 1; i < n; i++)
			if (v[i].t.tv_sec < v[o].t.tv_sec ||
			    (v[i].t.tv_sec == v[o].t.tv_sec && v[i].t.tv_nsec < v[o].t.tv_nsec))
				o = i;
		/* another judge may have removed it first: gone either way */
		unlinkat(dfd, v[o].name, 0);
		v[o] = v[--n];
	}
	free(v);
}

void policycache_put(const struct policycache_key *k, const struct policycache_rec *rec,
		     const struct policy *p)
{
	struct buf body = { 0 }, head = { 0 };
	static unsigned seq;
	struct filter flt = { 0 };
	struct jerr err;
	char tmp[64];
	int dfd = policycache_dir_fd(), fd;
	uint32_t crc;
	bool ok;

	if (dfd < 0 || rec->unusable || !rec->n_reads)
		return;
	put_bytes(&body, k->material, k->len);
	PUT(&body, (uint32_t)rec->n_checks);
	for (size_t i = 0; i < rec->n_checks; i++) {
		put_str(&body, rec->checks[i].path);
		PUT(&body, (uint8_t)rec->checks[i].regular);
	}
	PUT(&body, (uint32_t)rec->n_reads);
	for (size_t i = 0; i < rec->n_reads; i++) {
		put_str(&body, rec->reads[i].path);
		put_bytes(&body, rec->reads[i].bytes, rec->reads[i].len);
	}
	put_policy(&body, p);
	/* the program run_plan will ask for; this process gets it now too */
	if (filter_compile(p, FILTER_SECCOMP, &flt, &err) == 0) {
		PUT(&body, (uint32_t)flt.len);
		buf_put(&body, flt.insns, (size_t)flt.len * sizeof(*flt.insns));
		filter_cache_offer(p, FILTER_SECCOMP, flt.insns, flt.len);
		filter_free(&flt);
	} else {
		PUT(&body, (uint32_t)0);
	}
	if (body.n > ENTRY_MAX - HEADER_LEN)
		goto out;
	crc = (uint32_t)crc32(0, body.p, (uInt)body.n);
	buf_put(&head, MAGIC, 8);
	PUT(&head, (uint32_t)FORMAT);
	PUT(&head, (uint32_t)body.n);
	PUT(&head, crc);
	snprintf(tmp, sizeof(tmp), ".tmp-%d-%u-%ld", (int)getpid(), seq++, (long)(time(NULL) & 0xffffff));
	fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		goto out;
	ok = write(fd, head.p, head.n) == (ssize_t)head.n && write(fd, body.p, body.n) == (ssize_t)body.n;
	ok = close(fd) == 0 && ok;
	/* rename: a reader opens the old entry or the new one, never half of one */
	if (!ok || renameat(dfd, tmp, dfd, k->file) < 0) {
		unlinkat(dfd, tmp, 0);
	} else {
		stats.stores++;
		evict(dfd);
	}
out:
	free(body.p);
	free(head.p);
}

/*** Reading an entry ***/

struct cur {
	const unsigned char *p;
	size_t left;
	bool bad;
};

static const void *take(struct cur *c, size_t n)
{
	const void *r = c->p;

	if (c->bad || n > c->left) {
		c->bad = true;
		return NULL;
	}
	c->p += n;
	c->left -= n;
	return r;
}

#define GET(c, v) do { const void *g_ = take(c, sizeof(v)); if (g_) memcpy(&(v), g_, sizeof(v)); else memset(&(v), 0, sizeof(v)); } while (0)

static const void *get_bytes(struct cur *c, uint32_t *len)
{
	GET(c, *len);
	return take(c, *len);
}

/* A string holds no NUL: it becomes a C string. */
static char *get_str(struct cur *c)
{
	uint32_t len;
	const char *s = get_bytes(c, &len);

	if (!s || memchr(s, '\0', len)) {
		c->bad = true;
		return NULL;
	}
	return xstrndup(s, len);
}

static char *get_opt(struct cur *c)
{
	uint8_t has;

	GET(c, has);
	return has ? get_str(c) : NULL;
}

static void get_list(struct cur *c, struct strlist *l)
{
	uint32_t n;

	GET(c, n);
	/* each string takes at least its length: a count beyond what is left is a lie */
	if (n > c->left / 4) {
		c->bad = true;
		return;
	}
	for (uint32_t i = 0; i < n && !c->bad; i++) {
		char *s = get_str(c);

		if (s)
			strlist_push(l, s);
		free(s);
	}
}

static struct deny_action get_deny(struct cur *c)
{
	uint8_t kill;
	int32_t err;

	GET(c, kill);
	GET(c, err);
	if (kill > 1)
		c->bad = true;
	return (struct deny_action){ .kill = kill, .err = err };
}

static void get_policy(struct cur *c, struct policy *p)
{
	uint32_t n, mem;
	int32_t i32;
	int64_t i64;

	p->name = get_str(c);
	p->file = get_str(c);
	p->description = get_opt(c);
	p->compile_policy = get_opt(c);
	get_list(c, &p->extensions);
	get_list(c, &p->compile);
	get_list(c, &p->run);
	get_list(c, &p->env);
	get_list(c, &p->files_read);
	get_list(c, &p->files_write);
	get_list(c, &p->files_exec);
	for (int a = 0; a < ABI_COUNT; a++) {
		uint8_t on;

		GET(c, on);
		c->bad |= on > 1;
		p->abis[a] = on;
	}
	GET(c, n);
	for (uint32_t i = 0; i < n && !c->bad; i++) {
		uint8_t a;
		uint16_t nr;
		struct sys_entry e;

		GET(c, a);
		GET(c, nr);
		GET(c, e);
		if (a >= ABI_COUNT || nr >= SYSCALLS_MAX || e.action > SYS_KILL || e.rule > RULE_ARG) {
			c->bad = true;
			break;
		}
		p->sys[a][nr] = e;
	}
	p->default_action = get_deny(c);
	p->files_deny = get_deny(c);
	GET(c, i32);
	p->processes = i32;
	GET(c, i32);
	p->threads = i32;
	GET(c, mem);
	c->bad |= mem > MEM_RLIMIT_DATA;
	p->mem_rlimit = (enum mem_rlimit)mem;
	GET(c, i64);
	p->runtime_memory_kib = i64;
	GET(c, i32);
	p->memory_exit_code = i32;
	GET(c, n);
	if (c->bad || n > c->left / 8)
		return (void)(c->bad = true);
	p->n_arg_rules = n;
	p->arg_rules = n ? xcalloc(n, sizeof(*p->arg_rules)) : NULL;
	for (uint32_t i = 0; i < n && !c->bad; i++) {
		struct arg_rule *r = &p->arg_rules[i];
		uint32_t nv;
		uint8_t has;
		const void *v;

		GET(c, i32);
		r->arg = i32;
		GET(c, nv);
		if (nv > ARRAY_SIZE(r->values) || i32 < 0 || i32 > 5) {
			c->bad = true;
			break;
		}
		r->n_values = nv;
		v = take(c, nv * sizeof(r->values[0]));
		if (v)
			memcpy(r->values, v, nv * sizeof(r->values[0]));
		GET(c, has);
		r->has_mask = has;
		GET(c, r->mask);
		GET(c, i32);
		r->else_err = i32;
	}
	/* every RULE_ARG entry must point at a rule that exists */
	for (int a = 0; a < ABI_COUNT && !c->bad; a++)
		for (int nr = 0; nr < SYSCALLS_MAX; nr++)
			if (p->sys[a][nr].action == SYS_RULE && p->sys[a][nr].rule == RULE_ARG &&
			    (p->sys[a][nr].arg_rule < 0 || (size_t)p->sys[a][nr].arg_rule >= p->n_arg_rules)) {
				c->bad = true;
				break;
			}
}

/* The whole file, if it is an entry of ours that could be valid; NULL otherwise. */
static unsigned char *read_entry(int dfd, const char *name, size_t *len)
{
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	unsigned char *buf = NULL;
	struct stat st;
	size_t n = 0;

	if (fd < 0)
		return NULL;
	/* anyone else's writing, or a second name through which someone could, is refused */
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 022) || st.st_nlink != 1 || st.st_size < HEADER_LEN ||
	    st.st_size > ENTRY_MAX)
		goto fail;
	buf = xmalloc((size_t)st.st_size + 1);
	/* one byte more than fstat said: a file that grew meanwhile is refused */
	while (n <= (size_t)st.st_size) {
		ssize_t r = read(fd, buf + n, (size_t)st.st_size + 1 - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	if (n != (size_t)st.st_size)
		goto fail;
	close(fd);
	*len = n;
	return buf;
fail:
	free(buf);
	close(fd);
	return NULL;
}

static bool is_regular(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Whether path still holds exactly these bytes; its identity goes to *id. */
static bool same_bytes(const char *path, const void *bytes, size_t len, dev_t *dev, ino_t *ino)
{
	/* O_NONBLOCK: a FIFO put in the file's place must not hang us */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	char small[8192], *buf = small;
	size_t n = 0;
	bool same = false;

	if (fd < 0)
		return false;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size != len)
		goto out;
	if (len + 1 > sizeof(small))
		buf = xmalloc(len + 1);
	while (n <= len) {
		ssize_t r = read(fd, buf + n, len + 1 - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	same = n == len && memcmp(buf, bytes, len) == 0;
	*dev = st.st_dev;
	*ino = st.st_ino;
out:
	if (buf != small)
		free(buf);
	close(fd);
	return same;
}

/*
 * Asks the recorded questions again.  Besides the answers and the bytes, the
 * files must still be distinct files: the load refuses an "extends" cycle by
 * real path, and a link that now joins two of them would make it fail where
 * the entry says it succeeded.
 */
static bool replay(struct cur *c)
{
	uint32_t n;
	dev_t devs[CHAIN_MAX];
	ino_t inos[CHAIN_MAX];

	GET(c, n);
	if (n > c->left / 5)
		return false;
	for (uint32_t i = 0; i < n; i++) {
		char *path = get_str(c);
		uint8_t regular;
		bool same;

		GET(c, regular);
		same = path && !c->bad && is_regular(path) == (regular != 0);
		free(path);
		if (!same)
			return false;
	}
	GET(c, n);
	if (c->bad || n == 0 || n > CHAIN_MAX)
		return false;
	for (uint32_t i = 0; i < n; i++) {
		char *path = get_str(c);
		uint32_t len;
		const void *bytes = get_bytes(c, &len);
		bool same = path && bytes && same_bytes(path, bytes, len, &devs[i], &inos[i]);

		free(path);
		if (!same)
			return false;
		for (uint32_t j = 0; j < i; j++)
			if (devs[j] == devs[i] && inos[j] == inos[i])
				return false;
	}
	return !c->bad;
}

int policycache_get(const struct policycache_key *k, struct policy *out)
{
	int dfd = policycache_dir_fd();
	unsigned char *buf;
	size_t len;
	struct cur c;
	uint32_t format, body, crc, n_insns;
	const void *key, *insns;

	if (dfd < 0 || !(buf = read_entry(dfd, k->file, &len)))
		return 0;
	c = (struct cur){ .p = buf, .left = len };
	key = take(&c, 8);
	if (!key || memcmp(key, MAGIC, 8) != 0)
		goto miss;
	GET(&c, format);
	GET(&c, body);
	GET(&c, crc);
	if (format != FORMAT || body != c.left || crc32(0, c.p, (uInt)c.left) != crc)
		goto miss;
	key = get_bytes(&c, &body);
	if (!key || body != k->len || memcmp(key, k->material, k->len) != 0)
		goto miss;
	if (!replay(&c))
		goto miss;
	get_policy(&c, out);
	GET(&c, n_insns);
	insns = take(&c, (size_t)n_insns * sizeof(struct sock_filter));
	if (c.bad || c.left != 0) {
		/* out is half written: the caller starts it afresh and loads */
		policy_free(out);
		goto miss_reset;
	}
	if (n_insns)
		filter_cache_offer(out, FILTER_SECCOMP, insns, n_insns);
	free(buf);
	stats.hits++;
	return 1;
miss_reset:
	free(buf);
	return -1;
miss:
	free(buf);
	return 0;
}
