#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "filter.h"
#include "policy.h"
#include "policycache.h"

/*
 * The policy cache across processes (policycache.c).  Each test points
 * JUDGE_POLICY_CACHE at a fresh directory of its own, so that no test sees
 * another's entries or a live judge's; hits and stores are counted by the
 * module itself, so a test can tell a hit from a load that gave the same.
 */

static struct policy fresh, got;	/* ~24 KiB each */
static char cache_dir[64], work[64];

static void setup(void)
{
	snprintf(cache_dir, sizeof(cache_dir), "/tmp/judge-pcache-XXXXXX");
	snprintf(work, sizeof(work), "/tmp/judge-pwork-XXXXXX");
	cr_assert_not_null(mkdtemp(cache_dir));
	cr_assert_not_null(mkdtemp(work));
	setenv("JUDGE_POLICY_CACHE", cache_dir, 1);
}

static void teardown(void)
{
	util_remove_tree(cache_dir);
	util_remove_tree(work);
}

TestSuite(policycache, .init = setup, .fini = teardown);

static const char *shipped(void)
{
	const char *dir = getenv("JUDGE_POLICIES");

	return dir && *dir ? dir : "policies";
}

static void list_eq(const struct strlist *a, const struct strlist *b, const char *what)
{
	cr_assert_eq(a->n, b->n, "%s: %zu entries, %zu", what, a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		cr_expect_str_eq(a->v[i], b->v[i], "%s[%zu]", what, i);
}

static void opt_eq(const char *a, const char *b, const char *what)
{
	if (!a || !b)
		cr_expect_eq(a, b, "%s: one is NULL", what);
	else
		cr_expect_str_eq(a, b, "%s", what);
}

/* Every field of struct policy (policyrecord.c stops the build when one is added). */
static void policy_eq(const struct policy *a, const struct policy *b)
{
	opt_eq(a->name, b->name, "name");
	opt_eq(a->file, b->file, "file");
	opt_eq(a->description, b->description, "description");
	opt_eq(a->compile_policy, b->compile_policy, "compile_policy");
	list_eq(&a->extensions, &b->extensions, "extensions");
	list_eq(&a->compile, &b->compile, "compile");
	list_eq(&a->run, &b->run, "run");
	list_eq(&a->env, &b->env, "env");
	list_eq(&a->files_read, &b->files_read, "files_read");
	list_eq(&a->files_write, &b->files_write, "files_write");
	list_eq(&a->files_exec, &b->files_exec, "files_exec");
	cr_expect_arr_eq(a->abis, b->abis, sizeof(a->abis), "abis");
	cr_expect_arr_eq(a->sys, b->sys, sizeof(a->sys), "sys");
	cr_expect_eq(a->default_action.kill, b->default_action.kill);
	cr_expect_eq(a->default_action.err, b->default_action.err);
	cr_expect_eq(a->files_deny.kill, b->files_deny.kill);
	cr_expect_eq(a->files_deny.err, b->files_deny.err);
	cr_expect_eq(a->processes, b->processes);
	cr_expect_eq(a->threads, b->threads);
	cr_expect_eq(a->mem_rlimit, b->mem_rlimit);
	cr_expect_eq(a->runtime_memory_kib, b->runtime_memory_kib);
	cr_expect_eq(a->memory_exit_code, b->memory_exit_code);
	cr_assert_eq(a->n_arg_rules, b->n_arg_rules, "n_arg_rules");
	for (size_t i = 0; i < a->n_arg_rules; i++) {
		const struct arg_rule *x = &a->arg_rules[i], *y = &b->arg_rules[i];

		cr_expect_eq(x->arg, y->arg, "arg_rules[%zu].arg", i);
		cr_expect_eq(x->n_values, y->n_values, "arg_rules[%zu].n_values", i);
		cr_expect_arr_eq(x->values, y->values, x->n_values * sizeof(x->values[0]), "values %zu", i);
		cr_expect_eq(x->has_mask, y->has_mask, "arg_rules[%zu].has_mask", i);
		cr_expect_eq(x->mask, y->mask, "arg_rules[%zu].mask", i);
		cr_expect_eq(x->else_err, y->else_err, "arg_rules[%zu].else_err", i);
	}
}

static void load(const char *name, const char *dir, struct policy *p)
{
	struct jerr err;
	char buf[1024];

	if (policy_load(name, dir, p, &err) < 0) {
		jerr_format(&err, buf, sizeof(buf));
		cr_assert_fail("%s: %s", name, buf);
	}
}

/* A load with the cache off: what policy_load gives by parsing. */
static void load_fresh(const char *name, const char *dir, struct policy *p)
{
	char *was = xstrdup(getenv("JUDGE_POLICY_CACHE"));

	setenv("JUDGE_POLICY_CACHE", "0", 1);
	load(name, dir, p);
	setenv("JUDGE_POLICY_CACHE", was, 1);
	free(was);
}

static unsigned long hits(void)
{
	return policycache_stats()->hits;
}

static unsigned long stores(void)
{
	return policycache_stats()->stores;
}

/* The one entry in the cache directory (its full path), failing unless there is exactly one. */
static const char *the_entry(void)
{
	static char path[PATH_MAX];
	DIR *d = opendir(cache_dir);
	struct dirent *de;
	int n = 0;

	cr_assert_not_null(d);
	while ((de = readdir(d)))
		if (strstr(de->d_name, ".pc")) {
			snprintf(path, sizeof(path), "%s/%s", cache_dir, de->d_name);
			n++;
		}
	closedir(d);
	cr_assert_eq(n, 1, "%d entries in %s", n, cache_dir);
	return path;
}

static int entries(void)
{
	DIR *d = opendir(cache_dir);
	struct dirent *de;
	int n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d)))
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f, "%s", path);
	fputs(text, f);
	cr_assert_eq(fclose(f), 0);
}

/* Miss, store, hit: and the hit gives what a load without the cache gives. */
static void hit_equals_load(const char *name)
{
	unsigned long h = hits(), s = stores();

	load_fresh(name, shipped(), &fresh);
	load(name, shipped(), &got);
	cr_assert_eq(stores(), s + 1, "%s: not stored", name);
	policy_free(&got);
	load(name, shipped(), &got);
	cr_assert_eq(hits(), h + 1, "%s: no hit", name);
	policy_eq(&fresh, &got);
	policy_free(&got);
	policy_free(&fresh);
}

Test(policycache, hit_equals_fresh_load)
{
	static const char *const names[] = { "c", "cpp", "python3", "java", "csharp", "compile" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		hit_equals_load(names[i]);
	/* java's chain has argument rules: the comparison covered them */
	load("java", shipped(), &got);
	cr_expect_gt(got.n_arg_rules, 0);
	policy_free(&got);
}

Test(policycache, hit_hands_the_filter_over)
{
	struct filter a, b;
	struct jerr err;

	load("c", shipped(), &got);	/* stores */
	policy_free(&got);
	load("c", shipped(), &got);	/* a hit: the program comes with it */
	cr_assert_eq(hits(), 1);
	cr_assert_eq(filter_compile_cached(&got, FILTER_SECCOMP, &a, &err), 0);
	cr_assert_eq(filter_compile(&got, FILTER_SECCOMP, &b, &err), 0);
	cr_assert_eq(a.len, b.len);
	cr_expect_arr_eq(a.insns, b.insns, a.len * sizeof(*a.insns));
	filter_free(&a);
	filter_free(&b);
	policy_free(&got);
}

/* A small chain of our own in `work`: child.json extends base.json. */
static void make_chain(void)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/base.json", work);
	write_file(path, "{\"allow\": [\"read\", \"write\"], \"processes\": 1}\n");
	snprintf(path, sizeof(path), "%s/child.json", work);
	write_file(path, "{\"extends\": \"base\", \"description\": \"one\"}\n");
}

/* New bytes in place, same size, and the old mtime put back. */
static void rewrite_keeping_mtime(const char *path, const char *text)
{
	struct stat before, after;
	struct timespec ts[2];

	cr_assert_eq(stat(path, &before), 0);
	cr_assert_eq(strlen(text), (size_t)before.st_size);
	write_file(path, text);
	ts[0] = before.st_atim;
	ts[1] = before.st_mtim;
	cr_assert_eq(utimensat(AT_FDCWD, path, ts, 0), 0);
	cr_assert_eq(stat(path, &after), 0);
	cr_assert_eq(after.st_size, before.st_size);
	cr_assert_eq(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
	cr_assert_eq(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
}

Test(policycache, edit_of_base_keeping_size_and_mtime_is_seen)
{
	char base[PATH_MAX];

	make_chain();
	snprintf(base, sizeof(base), "%s/base.json", work);
	load("child", work, &got);
	cr_assert_eq(got.processes, 1);
	policy_free(&got);
	load("child", work, &got);
	cr_assert_eq(hits(), 1);
	policy_free(&got);
	rewrite_keeping_mtime(base, "{\"allow\": [\"read\", \"write\"], \"processes\": 7}\n");
	load("child", work, &got);
	cr_expect_eq(hits(), 1, "the old entry was taken");
	cr_expect_eq(got.processes, 7);
	policy_free(&got);
	/* and the new result is what is cached now */
	load("child", work, &got);
	cr_expect_eq(hits(), 2);
	cr_expect_eq(got.processes, 7);
	policy_free(&got);
}

Test(policycache, edit_of_the_file_itself_is_seen)
{
	char child[PATH_MAX];

	make_chain();
	snprintf(child, sizeof(child), "%s/child.json", work);
	load("child", work, &got);
	policy_free(&got);
	rewrite_keeping_mtime(child, "{\"extends\": \"base\", \"description\": \"two\"}\n");
	load("child", work, &got);
	cr_expect_eq(hits(), 0);
	cr_expect_str_eq(got.description, "two");
	policy_free(&got);
}

Test(policycache, new_file_beside_the_extending_one_shadows_policies_dir)
{
	char sub[256], child[PATH_MAX], shadow[PATH_MAX];

	make_chain();
	/* child.json in sub/, its base found in policies_dir (work) */
	snprintf(sub, sizeof(sub), "%s/sub", work);
	cr_assert_eq(mkdir(sub, 0755), 0);
	snprintf(child, sizeof(child), "%s/child.json", sub);
	write_file(child, "{\"extends\": \"base\"}\n");
	load(child, work, &got);
	cr_assert_eq(got.processes, 1);
	policy_free(&got);
	load(child, work, &got);
	cr_assert_eq(hits(), 1);
	policy_free(&got);
	snprintf(shadow, sizeof(shadow), "%s/base.json", sub);
	write_file(shadow, "{\"processes\": 3}\n");
	load(child, work, &got);
	cr_expect_eq(hits(), 1, "the old entry was taken");
	cr_expect_eq(got.processes, 3);
	policy_free(&got);
}

Test(policycache, errors_are_not_cached)
{
	char bad[PATH_MAX], buf[2][1024];
	struct jerr err;

	snprintf(bad, sizeof(bad), "%s/bad.json", work);
	write_file(bad, "{\"allow\": [\"read\",]}\n");
	for (int i = 0; i < 2; i++) {
		cr_assert_eq(policy_load(bad, work, &got, &err), -1);
		jerr_format(&err, buf[i], sizeof(buf[i]));
	}
	cr_expect_str_eq(buf[0], buf[1]);
	cr_expect_eq(err.line, 1);
	cr_expect_eq(stores(), 0);
	cr_expect_eq(entries(), 0);
	/* nor a policy whose base is bad */
	make_chain();
	snprintf(bad, sizeof(bad), "%s/base.json", work);
	write_file(bad, "{\"processes\": 0}\n");
	cr_assert_eq(policy_load("child", work, &got, &err), -1);
	cr_expect_eq(entries(), 0);
}

/* Stores c, damages its entry with `how`, and checks the next load is a plain, correct load. */
static void damaged_entry_is_a_miss(void (*how)(const char *entry))
{
	load_fresh("c", shipped(), &fresh);
	load("c", shipped(), &got);
	policy_free(&got);
	how(the_entry());
	load("c", shipped(), &got);
	cr_expect_eq(hits(), 0, "a damaged entry was taken");
	policy_eq(&fresh, &got);
	policy_free(&got);
	policy_free(&fresh);
}

static void flip_a_byte(const char *entry)
{
	int fd = open(entry, O_RDWR);
	struct stat st;
	unsigned char c;

	cr_assert_geq(fd, 0);
	cr_assert_eq(fstat(fd, &st), 0);
	cr_assert_eq(pread(fd, &c, 1, st.st_size / 2), 1);
	c ^= 0x40;
	cr_assert_eq(pwrite(fd, &c, 1, st.st_size / 2), 1);
	close(fd);
}

/* in the stored program, past every recorded file: only the checksum can tell */
static void flip_a_late_byte(const char *entry)
{
	int fd = open(entry, O_RDWR);
	struct stat st;
	unsigned char c;

	cr_assert_geq(fd, 0);
	cr_assert_eq(fstat(fd, &st), 0);
	cr_assert_eq(pread(fd, &c, 1, st.st_size - 3), 1);
	c ^= 0x01;
	cr_assert_eq(pwrite(fd, &c, 1, st.st_size - 3), 1);
	close(fd);
}

static void truncate_half(const char *entry)
{
	struct stat st;

	cr_assert_eq(stat(entry, &st), 0);
	cr_assert_eq(truncate(entry, st.st_size / 2), 0);
}

static void truncate_to_header(const char *entry)
{
	cr_assert_eq(truncate(entry, 20), 0);
}

static void group_writable(const char *entry)
{
	cr_assert_eq(chmod(entry, 0620), 0);
}

/* the same bytes through a link: the link is not followed */
static void symlinked(const char *entry)
{
	char real[PATH_MAX];

	snprintf(real, sizeof(real), "%s/real.pc", work);
	cr_assert_eq(rename(entry, real), 0);
	cr_assert_eq(symlink(real, entry), 0);
}

/* a second name, in a directory someone else might write */
static void hard_linked(const char *entry)
{
	char other[PATH_MAX];

	snprintf(other, sizeof(other), "%s/other.pc", cache_dir);
	cr_assert_eq(link(entry, other), 0);
}

static void foreign_owned(const char *entry)
{
	cr_assert_eq(chown(entry, 65534, 65534), 0);
}

Test(policycache, flipped_byte_is_a_miss) { damaged_entry_is_a_miss(flip_a_byte); }
Test(policycache, flipped_late_byte_is_a_miss) { damaged_entry_is_a_miss(flip_a_late_byte); }
Test(policycache, truncated_is_a_miss) { damaged_entry_is_a_miss(truncate_half); }
Test(policycache, header_only_is_a_miss) { damaged_entry_is_a_miss(truncate_to_header); }
Test(policycache, group_writable_entry_is_a_miss) { damaged_entry_is_a_miss(group_writable); }
Test(policycache, symlinked_entry_is_a_miss) { damaged_entry_is_a_miss(symlinked); }
Test(policycache, hard_linked_entry_is_a_miss) { damaged_entry_is_a_miss(hard_linked); }

Test(policycache, foreign_owned_entry_is_a_miss)
{
	/* a skipped test's .fini does not run: its directories go first */
	if (geteuid() != 0) {
		teardown();
		cr_skip_test("chown to another user needs root");
	}
	damaged_entry_is_a_miss(foreign_owned);
}

/* A rewritten entry is replaced by the next load: then it hits again. */
Test(policycache, damaged_entry_is_replaced)
{
	load("c", shipped(), &got);
	policy_free(&got);
	truncate_half(the_entry());
	load("c", shipped(), &got);
	policy_free(&got);
	load("c", shipped(), &got);
	cr_expect_eq(hits(), 1);
	cr_expect_eq(stores(), 2);
	policy_free(&got);
}

/* A directory the cache must not use: no entry is read or written, the load works. */
static void unusable_dir(void)
{
	load_fresh("c", shipped(), &fresh);
	load("c", shipped(), &got);
	policy_free(&got);
	load("c", shipped(), &got);
	cr_expect_lt(policycache_dir_fd(), 0);
	cr_expect_eq(stores(), 0);
	cr_expect_eq(hits(), 0);
	policy_eq(&fresh, &got);
	policy_free(&got);
	policy_free(&fresh);
}

Test(policycache, group_writable_dir_is_not_used)
{
	cr_assert_eq(chmod(cache_dir, 0770), 0);
	unusable_dir();
	cr_expect_eq(entries(), 0);
}

Test(policycache, group_readable_dir_is_not_used)
{
	cr_assert_eq(chmod(cache_dir, 0750), 0);
	unusable_dir();
	cr_expect_eq(entries(), 0);
}

Test(policycache, symlinked_dir_is_not_used)
{
	char link_path[PATH_MAX];

	snprintf(link_path, sizeof(link_path), "%s/link", work);
	cr_assert_eq(symlink(cache_dir, link_path), 0);
	setenv("JUDGE_POLICY_CACHE", link_path, 1);
	unusable_dir();
	cr_expect_eq(entries(), 0);
}

Test(policycache, foreign_owned_dir_is_not_used)
{
	/* a skipped test's .fini does not run: its directories go first */
	if (geteuid() != 0) {
		teardown();
		cr_skip_test("chown to another user needs root");
	}
	cr_assert_eq(chown(cache_dir, 65534, 65534), 0);
	unusable_dir();
	cr_expect_eq(entries(), 0);
}

Test(policycache, off_writes_nothing)
{
	char home[256], cachehome[PATH_MAX];
	struct stat st;

	/* where a user's cache would go by default: made by a load with the cache on */
	snprintf(home, sizeof(home), "%s/home", work);
	cr_assert_eq(mkdir(home, 0700), 0);
	setenv("HOME", home, 1);
	unsetenv("XDG_RUNTIME_DIR");
	unsetenv("XDG_CACHE_HOME");
	setenv("JUDGE_POLICY_CACHE", "0", 1);
	load("c", shipped(), &got);
	policy_free(&got);
	load("c", shipped(), &got);
	policy_free(&got);
	cr_expect_eq(stores(), 0);
	cr_expect_eq(hits(), 0);
	cr_expect_lt(policycache_dir_fd(), 0);
	snprintf(cachehome, sizeof(cachehome), "%s/.cache", home);
	cr_expect_neq(stat(cachehome, &st), 0, "%s made with the cache off", cachehome);
	/* the control: on, a non-root user gets ~/.cache/judge/policies, 0700 */
	if (geteuid() != 0) {
		unsetenv("JUDGE_POLICY_CACHE");
		load("c", shipped(), &got);
		policy_free(&got);
		cr_expect_eq(stores(), 1);
		snprintf(cachehome, sizeof(cachehome), "%s/.cache/judge/policies", home);
		cr_assert_eq(stat(cachehome, &st), 0);
		cr_expect_eq(st.st_mode & 0777, 0700);
	}
}

Test(policycache, bounded)
{
	char d[256], name[PATH_MAX];

	make_chain();
	/* each path is a key of its own: d<i>/../child.json */
	for (int i = 0; i < POLICYCACHE_MAX_ENTRIES + 5; i++) {
		snprintf(d, sizeof(d), "%s/d%d", work, i);
		cr_assert_eq(mkdir(d, 0755), 0);
		snprintf(name, sizeof(name), "%s/../child.json", d);
		load(name, work, &got);
		policy_free(&got);
	}
	cr_expect_eq(stores(), POLICYCACHE_MAX_ENTRIES + 5);
	cr_expect_eq(entries(), POLICYCACHE_MAX_ENTRIES);
}

/* JUDGE_POLICY_CACHE=DIR may name a directory of the user's: eviction removes only entries. */
Test(policycache, bound_spares_files_not_its_own)
{
	char d[256], name[PATH_MAX], mine[PATH_MAX];
	struct stat st;
	int fd;

	snprintf(mine, sizeof(mine), "%s/notes.txt", cache_dir);
	fd = open(mine, O_WRONLY | O_CREAT | O_EXCL, 0600);
	cr_assert_geq(fd, 0);
	close(fd);
	/* older than any entry: the first to go if eviction took any file */
	cr_assert_eq(utimensat(AT_FDCWD, mine, (const struct timespec[2]){ { 1, 0 }, { 1, 0 } }, 0), 0);
	make_chain();
	for (int i = 0; i < POLICYCACHE_MAX_ENTRIES + 2; i++) {
		snprintf(d, sizeof(d), "%s/d%d", work, i);
		cr_assert_eq(mkdir(d, 0755), 0);
		snprintf(name, sizeof(name), "%s/../child.json", d);
		load(name, work, &got);
		policy_free(&got);
	}
	cr_expect_eq(stat(mine, &st), 0, "eviction removed a file that is not an entry");
}

/*
 * The decoder past its checksum: every mutation below keeps the CRC and the
 * length right, so each reaches the parser.  None may crash it or make the
 * load fail (under `make asan`, none may read out of bounds); a mutation of
 * the policy's own data may well be taken, which is why the directory, not
 * the checksum, is what keeps others out.
 */
static void write_entry(const char *path, const unsigned char *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, buf, len), (ssize_t)len);
	close(fd);
}

/* Sets the header's length and CRC for a body of `len` bytes after the 20-byte header. */
static void reseal(unsigned char *buf, size_t len)
{
	uint32_t body = (uint32_t)(len - 20), crc = (uint32_t)crc32(0, buf + 20, (uInt)body);

	memcpy(buf + 12, &body, 4);
	memcpy(buf + 16, &crc, 4);
}

Test(policycache, resealed_mutations_never_crash, .timeout = 120)
{
	char path[PATH_MAX];
	unsigned char *orig, *buf;
	size_t len;

	load("java", shipped(), &got);	/* a chain of three, with argument rules */
	policy_free(&got);
	snprintf(path, sizeof(path), "%s", the_entry());
	orig = (unsigned char *)util_read_file(path, &len);
	cr_assert_not_null(orig);
	cr_assert_gt(len, 20);
	buf = xmalloc(len);
	for (size_t at = 20; at < len; at += 31) {
		memcpy(buf, orig, len);
		buf[at] ^= (at & 1) ? 0xff : 0x01;
		reseal(buf, len);
		write_entry(path, buf, len);
		load("java", shipped(), &got);
		policy_free(&got);
	}
	for (size_t cut = 20; cut < len; cut += 97) {
		memcpy(buf, orig, len);
		reseal(buf, cut);
		write_entry(path, buf, cut);
		load("java", shipped(), &got);
		policy_free(&got);
	}
	/* and the entry as it was is still a hit */
	write_entry(path, orig, len);
	{
		unsigned long h = hits();

		load("java", shipped(), &got);
		cr_expect_eq(hits(), h + 1);
		policy_free(&got);
	}
	free(buf);
	free(orig);
}
