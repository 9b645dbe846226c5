#include "limitchoice.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "sha256.h"
#include "strlist.h"
#include "timelimit.h"

/* Bumped whenever what an entry means changes. */
#define CACHE_FORMAT "judge time-limit cache 1"

/* ==== The key: everything a derived limit depends on ==== */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void hash_str(struct sha256 *s, const char *tag, const char *v)
{
	sha256_update(s, tag, strlen(tag) + 1);
	sha256_update(s, v ? v : "", v ? strlen(v) + 1 : 0);
}

static void hash_file(struct sha256 *s, const char *path)
{
	char buf[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		hash_str(s, "unreadable", strerror(errno));
		return;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		sha256_update(s, buf, (size_t)n);
	if (n < 0)
		hash_str(s, "read error", strerror(errno));
	close(fd);
}

/*
 * Every regular file below `dir` in bytewise order: its path below the top
 * and its bytes.  Directory symlinks are not followed (as problem_load()),
 * file symlinks are.
 */
static void hash_tree(struct sha256 *s, const char *dir, const char *rel, int depth)
{
	struct strlist names = { 0 };
	struct dirent *de;
	DIR *d = depth < 32 ? opendir(dir) : NULL;

	if (!d) {
		hash_str(s, "unlistable", rel);
		return;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			strlist_push(&names, de->d_name);
	closedir(d);
	if (names.n > 1)
		qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	for (size_t i = 0; i < names.n; i++) {
		char *path = util_path_join(dir, names.v[i]);
		char *sub = rel[0] ? xasprintf("%s/%s", rel, names.v[i]) : xstrdup(names.v[i]);
		struct stat st;

		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			hash_str(s, "dir", sub);
			hash_tree(s, path, sub, depth + 1);
		} else if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			hash_str(s, "file", sub);
			hash_file(s, path);
		}
		free(path);
		free(sub);
	}
	strlist_free(&names);
}

static void cache_key(const struct problem *p, const struct testrun_opts *o, char key[65])
{
	struct sha256 s;
	char num[96];

	sha256_init(&s);
	hash_str(&s, "format", CACHE_FORMAT);
	hash_str(&s, "version", cli_version);
	snprintf(num, sizeof(num), "%d %lld %lld %d %d", (int)o->mode,
		 o->memory_set ? (long long)o->lim.memory_kib : -1LL,
		 o->output_set ? (long long)o->lim.output_bytes : -1LL, o->wall_set,
		 o->wall_set ? (int)o->lim.wall_ms : 0);
	hash_str(&s, "options", num);
	hash_str(&s, "policies", "");
	hash_tree(&s, o->policies_dir, "", 0);
	hash_str(&s, "package", "");
	hash_tree(&s, p->root, "", 0);
	sha256_hex(&s, key);
}

/* ==== The cache itself ==== */

/*
 * $XDG_CACHE_HOME/judge/time-limits, else ~/.cache/..., made 0700 and
 * opened; -1 when there is none.  A directory another user owns or may
 * write is not used: an entry planted there would set the limit.
 */
static int cache_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *base, *judge, *dir;
	struct stat st;
	int fd;

	if (xdg && xdg[0] == '/')
		base = xstrdup(xdg);
	else if (home && home[0] == '/')
		base = xasprintf("%s/.cache", home);
	else
		return -1;
	judge = xasprintf("%s/judge", base);
	dir = xasprintf("%s/time-limits", judge);
	(void)mkdir(base, 0700);
	(void)mkdir(judge, 0700);
	(void)mkdir(dir, 0700);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0 && (fstat(fd, &st) < 0 || st.st_uid != geteuid() || (st.st_mode & 022))) {
		close(fd);
		fd = -1;
	}
	free(base);
	free(judge);
	free(dir);
	return fd;
}

/* The slowest accepted time remembered under `key`, or -1. */
static int64_t cache_read(const char *key)
{
	int dfd = cache_dir(), fd;
	long long v = -1;
	char buf[64];
	ssize_t n;

	if (dfd < 0)
		return -1;
	fd = openat(dfd, key, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		buf[n > 0 ? n : 0] = '\0';
		if (n <= 0 || sscanf(buf, "slowest_ms %lld\n", &v) != 1 || v < 0)
			v = -1;
	}
	close(dfd);
	return v;
}

static void cache_write(const char *key, int64_t slowest_ms)
{
	int dfd = cache_dir(), fd = -1;
	char tmp[128];
	FILE *f;

	if (dfd < 0)
		return;
	for (int i = 0; i < 16 && fd < 0; i++) {
		snprintf(tmp, sizeof(tmp), ".%.64s.%08lx", key, (unsigned long)random() ^ (unsigned long)getpid());
		fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	}
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (f) {
		fprintf(f, "slowest_ms %lld\n", (long long)slowest_ms);
		if (fclose(f) != 0 || renameat(dfd, tmp, dfd, key) < 0)
			unlinkat(dfd, tmp, 0);
	} else if (fd >= 0) {
		close(fd);
		unlinkat(dfd, tmp, 0);
	}
	close(dfd);
}

/* ==== Deriving ==== */

/*
 * Runs each accepted source under a generous limit: *slowest gets the
 * slowest AC's CPU time, or -1 when none was AC.  0, or -1 with err.
 */
static int derive(const struct problem *p, const struct testrun_opts *o, const struct strlist *srcs,
		  void (*say)(const char *), struct limitchoice *c, int64_t *slowest, struct jerr *err)
{
	struct testrun_opts ao = *o;
	struct testrun_ctx ctx;

	/* The accepted sources in their own languages, checked by the problem's own checker. */
	ao.policy = NULL;
	ao.entry = NULL;
	ao.checker = NULL;
	ao.keep_outputs = NULL;
	ao.progress = NULL;
	ao.compiling = NULL;
	ao.compiled = NULL;
	ao.fail_fast = true;
	ao.time_set = true;
	ao.lim.cpu_ms = TIMELIMIT_PROBE_MS;
	if (!ao.wall_set)
		ao.lim.wall_ms = limits_default_wall_ms(TIMELIMIT_PROBE_MS);
	*slowest = -1;
	if (testrun_prepare(p, &ao, &ctx, err) < 0)
		return -1;
	for (size_t i = 0; i < srcs->n; i++) {
		struct testrun tr;
		char *line;
		const char *base = strrchr(srcs->v[i], '/');

		line = xasprintf("deriving the time limit: judging accepted %s (%zu of %zu)",
				 base ? base + 1 : srcs->v[i], i + 1, srcs->n);
		if (say)
			say(line);
		free(line);
		if (testrun_source(&ctx, srcs->v[i], &tr, err) < 0) {
			testrun_free(&tr);
			testrun_ctx_free(&ctx);
			return -1;
		}
		if (tr.verdict == V_AC) {
			c->n_accepted++;
			if (tr.max_cpu_ms > *slowest)
				*slowest = tr.max_cpu_ms;
		}
		testrun_free(&tr);
	}
	testrun_ctx_free(&ctx);
	return 0;
}

int limitchoice_decide(const struct problem *p, const struct testrun_opts *o,
		       void (*say)(const char *line), struct limitchoice *c, struct jerr *err)
{
	struct strlist srcs = { 0 };
	char *acc, key[65];
	double margin;
	struct stat st;
	int64_t slowest;

	memset(c, 0, sizeof(*c));
	timelimit_rules(p, &c->multiplier, &margin);
	if (o->time_set) {
		c->ms = o->lim.cpu_ms;
		c->from = "command line";
		return 0;
	}
	if (p->time_ms > 0) {
		c->ms = p->time_ms;
		c->from = "package";
		return 0;
	}
	c->ms = LIMITS_DEFAULT_CPU_MS;
	c->from = "default";
	c->why = "a folder of tests without .timelimit";
	/* Kattis's rule is a Kattis package's; a folder of pairs says its limit in .timelimit. */
	if (p->format != PROBLEM_KATTIS)
		return 0;
	c->why = "the package gives no time limit and has no accepted submission to derive one from";
	acc = xasprintf("%s/submissions/accepted", p->root);
	if (stat(acc, &st) < 0 || !S_ISDIR(st.st_mode) ||
	    testrun_sources_in(acc, o->policies_dir, false, &srcs, NULL, err) < 0 || !srcs.n) {
		free(acc);
		strlist_free(&srcs);
		return 0;
	}
	free(acc);
	cache_key(p, o, key);
	slowest = cache_read(key);
	if (slowest >= 0) {
		c->cached = true;
	} else {
		if (derive(p, o, &srcs, say, c, &slowest, err) < 0) {
			strlist_free(&srcs);
			return -1;
		}
		if (slowest >= 0)
			cache_write(key, slowest);
	}
	strlist_free(&srcs);
	if (slowest >= 0) {
		c->slowest_ms = slowest;
		c->resolution_ms = timelimit_resolution_ms(p);
		c->ms = timelimit_from_slowest(slowest, c->multiplier, c->resolution_ms);
		c->from = "derived";
	}
	return 0;
}

void limitchoice_store(const struct problem *p, const struct testrun_opts *o, int64_t slowest_ms)
{
	char key[65];

	if (p->format != PROBLEM_KATTIS || slowest_ms < 0)
		return;
	cache_key(p, o, key);
	cache_write(key, slowest_ms);
}

char *limitchoice_text(const struct limitchoice *c)
{
	char step[48];

	if (!strcmp(c->from, "derived"))
		return xasprintf("%lld ms (derived: slowest accepted %lld ms x %g, rounded up to %s%s)",
				 (long long)c->ms, (long long)c->slowest_ms, c->multiplier,
				 timelimit_rounding_text(c->resolution_ms, step, sizeof(step)),
				 c->cached ? "; remembered from an earlier run" : "");
	if (!strcmp(c->from, "default"))
		return xasprintf("%lld ms (default: %s)", (long long)c->ms, c->why);
	return xasprintf("%lld ms (%s)", (long long)c->ms, c->from);
}

void limitchoice_apply(const struct limitchoice *c, struct testrun_opts *o)
{
	o->lim.cpu_ms = c->ms;
	o->time_set = true;
	if (!o->wall_set)
		o->lim.wall_ms = limits_default_wall_ms(c->ms);
}
