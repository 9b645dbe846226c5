#include "policycache.h"

#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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
#include "policyrecord.h"
#include "sha256.h"

/*
 * The entry format, written and read with policyrecord.h's buffer and
 * cursor (bytes: u32 length, then the bytes; str: the same, no NUL).
 * Native byte order and widths: the key holds the build id, so an entry is
 * only ever read by the binary that wrote it.  Every length is checked
 * against what is left before it is used.
 *
 *   header  "JUDGEPC\n", u32 format, u32 body length, u32 crc32(body)
 *   body    bytes key material
 *           u32 n, n x { str path, u8 regular }        the checks
 *           u32 n, n x { str path, bytes content }     the files read
 *           the policy (policyrecord_put_policy), then the filter: u32 n, n x 8 bytes
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

bool policycache_key(struct policycache_key *k, const char *name_or_path, const char *policies_dir)
{
	const struct build_id *id;
	struct policyrecord_buf b = { 0 };
	struct sha256 h;
	char hex[65];

	memset(k, 0, sizeof(*k));
	if (policycache_dir_fd() < 0 || !(id = build_id()))
		return false;
	policyrecord_put_bytes(&b, id->bytes, id->len);
	POLICYRECORD_PUT(&b, (uint32_t)FORMAT);
	POLICYRECORD_PUT(&b, (uint32_t)sizeof(struct policy));
	policyrecord_put_str(&b, name_or_path);
	policyrecord_put_str(&b, policies_dir);
	/* the recorded paths would be replayed in the new directory all the same; kept apart */
	if (name_or_path[0] != '/' || policies_dir[0] != '/') {
		char cwd[PATH_MAX];

		if (!getcwd(cwd, sizeof(cwd))) {
			free(b.p);
			return false;
		}
		policyrecord_put_str(&b, cwd);
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
	DIR *d = util_opendir_at(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct dirent *de;

	if (!d)
		return;
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
	struct policyrecord_buf body = { 0 }, head = { 0 };
	static unsigned seq;
	struct filter flt = { 0 };
	struct jerr err;
	char tmp[64];
	int dfd = policycache_dir_fd(), fd;
	uint32_t crc;
	bool ok;

	if (dfd < 0 || rec->unusable || !rec->n_reads)
		return;
	policyrecord_put_bytes(&body, k->material, k->len);
	POLICYRECORD_PUT(&body, (uint32_t)rec->n_checks);
	for (size_t i = 0; i < rec->n_checks; i++) {
		policyrecord_put_str(&body, rec->checks[i].path);
		POLICYRECORD_PUT(&body, (uint8_t)rec->checks[i].regular);
	}
	POLICYRECORD_PUT(&body, (uint32_t)rec->n_reads);
	for (size_t i = 0; i < rec->n_reads; i++) {
		policyrecord_put_str(&body, rec->reads[i].path);
		policyrecord_put_bytes(&body, rec->reads[i].bytes, rec->reads[i].len);
	}
	policyrecord_put_policy(&body, p);
	/* the program run_plan will ask for; this process gets it now too */
	if (filter_compile(p, FILTER_SECCOMP, &flt, &err) == 0) {
		POLICYRECORD_PUT(&body, (uint32_t)flt.len);
		policyrecord_put(&body, flt.insns, (size_t)flt.len * sizeof(*flt.insns));
		filter_cache_offer(p, FILTER_SECCOMP, flt.insns, flt.len);
		filter_free(&flt);
	} else {
		POLICYRECORD_PUT(&body, (uint32_t)0);
	}
	if (body.n > ENTRY_MAX - HEADER_LEN)
		goto out;
	crc = (uint32_t)crc32(0, body.p, (uInt)body.n);
	policyrecord_put(&head, MAGIC, 8);
	POLICYRECORD_PUT(&head, (uint32_t)FORMAT);
	POLICYRECORD_PUT(&head, (uint32_t)body.n);
	POLICYRECORD_PUT(&head, crc);
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
static bool replay(struct policyrecord_cur *c)
{
	uint32_t n;
	dev_t devs[CHAIN_MAX];
	ino_t inos[CHAIN_MAX];

	POLICYRECORD_GET(c, n);
	if (n > c->left / 5)
		return false;
	for (uint32_t i = 0; i < n; i++) {
		char *path = policyrecord_get_str(c);
		uint8_t regular;
		bool same;

		POLICYRECORD_GET(c, regular);
		same = path && !c->bad && is_regular(path) == (regular != 0);
		free(path);
		if (!same)
			return false;
	}
	POLICYRECORD_GET(c, n);
	if (c->bad || n == 0 || n > CHAIN_MAX)
		return false;
	for (uint32_t i = 0; i < n; i++) {
		char *path = policyrecord_get_str(c);
		uint32_t len;
		const void *bytes = policyrecord_get_bytes(c, &len);
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
	struct policyrecord_cur c;
	uint32_t format, body, crc, n_insns;
	const void *key, *insns;

	if (dfd < 0 || !(buf = read_entry(dfd, k->file, &len)))
		return 0;
	c = (struct policyrecord_cur){ .p = buf, .left = len };
	key = policyrecord_take(&c, 8);
	if (!key || memcmp(key, MAGIC, 8) != 0)
		goto miss;
	POLICYRECORD_GET(&c, format);
	POLICYRECORD_GET(&c, body);
	POLICYRECORD_GET(&c, crc);
	if (format != FORMAT || body != c.left || crc32(0, c.p, (uInt)c.left) != crc)
		goto miss;
	key = policyrecord_get_bytes(&c, &body);
	if (!key || body != k->len || memcmp(key, k->material, k->len) != 0)
		goto miss;
	if (!replay(&c))
		goto miss;
	policyrecord_get_policy(&c, out);
	POLICYRECORD_GET(&c, n_insns);
	insns = policyrecord_take(&c, (size_t)n_insns * sizeof(struct sock_filter));
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
