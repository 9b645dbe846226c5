#include <criterion/criterion.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "rules.h"
#include "syscalls.h"

/*
 * rules_normalize is lexical: the tracer compares names before the kernel
 * resolves them, so each case here is one the kernel would resolve to the
 * same file, and the expected string is where the kernel would end up.
 */
struct norm_case {
	const char *base, *path, *want;	/* want NULL: -1 */
};

static const struct norm_case norm_cases[] = {
	{ "/", "/", "/" },
	{ "/", "/etc/passwd", "/etc/passwd" },
	{ "/home/u", "/etc/passwd", "/etc/passwd" },	/* absolute ignores the base */
	{ "/home/u", "a/b", "/home/u/a/b" },
	{ "/home/u/", "a", "/home/u/a" },
	{ "/home/u", ".", "/home/u" },
	{ "/home/u", "./a/./b/.", "/home/u/a/b" },
	{ "/", "/a/./b", "/a/b" },
	{ "/", "//a///b//", "/a/b" },
	{ "/", "/a/b/", "/a/b" },
	{ "/", "/a/b/..", "/a" },
	{ "/", "/a/b/../", "/a" },
	{ "/", "/a/b/../c", "/a/c" },
	{ "/", "/a/b/c/../d", "/a/b/d" },
	{ "/", "/usr/lib/../bin/gcc", "/usr/bin/gcc" },
	{ "/", "/a/b/c/../../d", "/a/d" },
	{ "/", "/usr/lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12",
	  "/usr/include/c++/12" },
	{ "/home/u", "..", "/home" },
	{ "/home/u", "../v/x", "/home/v/x" },
	{ "/x/y", "a/../../..", "/" },
	/* ".." at the root stays at the root, as in the kernel */
	{ "/", "/..", "/" },
	{ "/", "/../../etc/passwd", "/etc/passwd" },
	{ "/", "/a/../../../etc", "/etc" },
	{ "/tmp", "../../../../etc/shadow", "/etc/shadow" },
	/* names that merely start with dots are names */
	{ "/", "/a/...", "/a/..." },
	{ "/", "/a/..b", "/a/..b" },
	{ "/", "/a/.b/c", "/a/.b/c" },
	{ "/", "/a/b..", "/a/b.." },
};

Test(rules, normalize_table)
{
	for (size_t i = 0; i < ARRAY_SIZE(norm_cases); i++) {
		const struct norm_case *c = &norm_cases[i];
		char out[PATH_MAX];
		int r;

		memset(out, 'Z', sizeof(out));
		r = rules_normalize(c->base, c->path, out, sizeof(out));
		cr_expect_eq(r, 0, "normalize(%s, %s) = %d", c->base, c->path, r);
		if (r == 0)
			cr_expect_str_eq(out, c->want, "normalize(%s, %s)", c->base, c->path);
	}
}

Test(rules, normalize_too_long)
{
	static char longp[PATH_MAX * 3];
	char out[PATH_MAX], small[8];

	/* more than the scratch buffer: refused, never cut short */
	memset(longp, 'a', sizeof(longp) - 1);
	longp[0] = '/';
	cr_expect_eq(rules_normalize("/", longp, out, sizeof(out)), -1);
	/* fits the scratch buffer, not `out` */
	longp[PATH_MAX + 10] = '\0';
	cr_expect_eq(rules_normalize("/", longp, out, sizeof(out)), -1);
	/* the output length is honoured exactly: "/abcdef" needs 8 bytes */
	cr_expect_eq(rules_normalize("/", "/abcdef", small, sizeof(small)), 0);
	cr_expect_str_eq(small, "/abcdef");
	cr_expect_eq(rules_normalize("/", "/abcdefg", small, sizeof(small)), -1);
	cr_expect_eq(rules_normalize("/", "/", small, 1), -1);
	/* a long path that ".." brings back under the limit is fine */
	memset(longp, 0, sizeof(longp));
	strcpy(longp, "/x/");
	memset(longp + 3, 'b', 200);
	strcat(longp, "/../y");
	cr_expect_eq(rules_normalize("/", longp, out, sizeof(out)), 0);
	cr_expect_str_eq(out, "/x/y");
}

/* Prefixes: a trailing '/' is a directory and everything in it; else one file. */
struct within_case {
	const char *path;
	bool want;
};

Test(rules, path_within_table)
{
	char *v[] = { (char *)"/usr/lib/", (char *)"/etc/ld.so.cache", (char *)"/tmp/box/", NULL };
	struct strlist list = { v, 3 };
	static const struct within_case cases[] = {
		{ "/usr/lib", true },		/* the directory itself */
		{ "/usr/lib/x86_64-linux-gnu/libc.so.6", true },
		{ "/usr/lib/a", true },
		{ "/usr/libx", false },		/* a sibling sharing the prefix */
		{ "/usr/libx/a", false },
		{ "/usr/li", false },
		{ "/usr", false },
		{ "/", false },
		{ "/etc/ld.so.cache", true },
		{ "/etc/ld.so.cache/x", false },	/* a file has nothing below it */
		{ "/etc/ld.so.cache2", false },
		{ "/etc/ld.so", false },
		{ "/etc", false },
		{ "/tmp/box", true },
		{ "/tmp/boxes", false },
		{ "/tmp/box/out.txt", true },
		{ "", false },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_expect_eq(rules_path_within(&list, cases[i].path), cases[i].want, "\"%s\"",
			     cases[i].path);
}

Test(rules, path_within_no_slash_is_a_file)
{
	char *v[] = { (char *)"/usr/lib", NULL };
	struct strlist list = { v, 1 };
	struct strlist empty = { NULL, 0 };
	char *root_v[] = { (char *)"/", NULL };
	struct strlist root = { root_v, 1 };

	cr_expect(rules_path_within(&list, "/usr/lib"));
	cr_expect_not(rules_path_within(&list, "/usr/lib/libc.so.6"));
	cr_expect_not(rules_path_within(&list, "/usr/libx"));
	cr_expect_not(rules_path_within(&empty, "/usr/lib"));
	cr_expect(rules_path_within(&root, "/"));
	cr_expect(rules_path_within(&root, "/etc/shadow"));
}

/* clone flags: threads and plain processes pass; anything that escapes the judge does not. */
struct clone_case {
	const char *name;
	uint64_t flags;
	long want;	/* -1: never allowed */
};

#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)
#define FORK_FLAGS (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD)

Test(rules, clone_flags_table)
{
	static const struct clone_case cases[] = {
		{ "clone", THREAD_FLAGS, THREAD_FLAGS },
		{ "clone", FORK_FLAGS, FORK_FLAGS },
		{ "clone", SIGCHLD, SIGCHLD },
		{ "clone", CLONE_VM | CLONE_VFORK | SIGCHLD, CLONE_VM | CLONE_VFORK | SIGCHLD },
		{ "fork", 0, SIGCHLD },
		{ "vfork", 0xdeadbeef, SIGCHLD },	/* fork and vfork take no flags */
		{ "clone", SIGCHLD | CLONE_UNTRACED, -1 },
		{ "clone", THREAD_FLAGS | CLONE_UNTRACED, -1 },
		{ "clone", SIGCHLD | CLONE_PTRACE, -1 },
		{ "clone", SIGCHLD | CLONE_NEWNS, -1 },
		{ "clone", SIGCHLD | CLONE_NEWUSER, -1 },
		{ "clone", SIGCHLD | CLONE_NEWPID, -1 },
		{ "clone", SIGCHLD | CLONE_NEWNET, -1 },
		{ "clone", SIGCHLD | CLONE_NEWUTS, -1 },
		{ "clone", SIGCHLD | CLONE_NEWIPC, -1 },
		{ "clone", SIGCHLD | CLONE_NEWCGROUP, -1 },
		{ "clone", THREAD_FLAGS | CLONE_NEWNET, -1 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		uint64_t a[6] = { cases[i].flags };
		long got = rules_clone_flags(sysprops_of_name(cases[i].name), a);

		cr_expect_eq(got, cases[i].want, "%s(%#llx) = %#lx", cases[i].name,
			     (unsigned long long)cases[i].flags, got);
	}
}

Test(rules, clone_flags_thread_bit_survives)
{
	uint64_t a[6] = { THREAD_FLAGS };

	cr_expect(rules_clone_flags(sysprops_of_name("clone"), a) & CLONE_THREAD);
	a[0] = FORK_FLAGS;
	cr_expect_not(rules_clone_flags(sysprops_of_name("clone"), a) & CLONE_THREAD);
}

Test(rules, check_arg_table)
{
	struct arg_rule in_only = { .arg = 2, .n_values = 2, .values = { 0, 7 } };
	struct arg_rule mask_only = { .arg = 0, .has_mask = true, .mask = 0xff };
	struct arg_rule both = { .arg = 1, .n_values = 2, .values = { 1, 0x100 }, .has_mask = true,
				 .mask = 0xff };
	struct arg_rule neg = { .arg = 5, .n_values = 1, .values = { (uint64_t)-100 } };
	struct arg_rule none = { .arg = 0 };
	const struct {
		const struct arg_rule *r;
		uint64_t a[6];
		bool want;
	} cases[] = {
		{ &in_only, { 9, 9, 0 }, true },
		{ &in_only, { 9, 9, 7 }, true },
		{ &in_only, { 0, 0, 1 }, false },
		{ &in_only, { 0, 0, 7ULL << 32 }, false },	/* all 64 bits count */
		{ &mask_only, { 0 }, true },
		{ &mask_only, { 0xff }, true },
		{ &mask_only, { 0x100 }, false },
		{ &mask_only, { 1ULL << 63 }, false },
		{ &both, { 0, 1 }, true },
		{ &both, { 0, 0x100 }, false },	/* in the list, outside the mask */
		{ &both, { 0, 2 }, false },	/* inside the mask, not in the list */
		{ &neg, { 0, 0, 0, 0, 0, (uint64_t)-100 }, true },
		{ &neg, { 0, 0, 0, 0, 0, 100 }, false },
		{ &none, { 12345 }, true },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_expect_eq(rules_check_arg(cases[i].r, cases[i].a), cases[i].want, "case %zu", i);
}

Test(rules, kinds_and_applicability)
{
	cr_expect_eq(rules_kind_from_name("path"), RULE_PATH);
	cr_expect_eq(rules_kind_from_name("exec"), RULE_EXEC);
	cr_expect_eq(rules_kind_from_name("clone"), RULE_CLONE);
	cr_expect_eq(rules_kind_from_name("self"), RULE_SELF);
	cr_expect_eq(rules_kind_from_name("arg"), RULE_NONE);	/* arg rules are objects */
	cr_expect_eq(rules_kind_from_name("nonsense"), RULE_NONE);
	cr_expect_str_eq(rules_kind_name(RULE_PATH), "path");
	cr_expect(rules_applies(RULE_PATH, "openat"));
	cr_expect(rules_applies(RULE_PATH, "newfstatat"));
	cr_expect_not(rules_applies(RULE_PATH, "read"));
	cr_expect(rules_applies(RULE_EXEC, "execve"));
	cr_expect_not(rules_applies(RULE_EXEC, "openat"));
	cr_expect(rules_applies(RULE_CLONE, "clone"));
	/* clone3's flags are in memory another thread can rewrite after the check */
	cr_expect_not(rules_applies(RULE_CLONE, "clone3"));
	cr_expect(rules_applies(RULE_SELF, "tgkill"));
	cr_expect_not(rules_applies(RULE_SELF, "ptrace"));
	cr_expect(rules_applies(RULE_ARG, "anything"));
}

/*
 * rules_check_path reads its strings from a live task: the test process
 * itself, whose memory and cwd are known.  Files are made in a fresh
 * directory so that real paths are what the test says they are.
 */
static char box[PATH_MAX];
static struct path_lists pl;

static void push(struct strlist *l, const char *fmt, const char *a)
{
	char buf[PATH_MAX];

	cr_assert_lt(snprintf(buf, sizeof(buf), fmt, a), (int)sizeof(buf));
	strlist_push(l, buf);
}

static void box_setup(void)
{
	char tmpl[] = "/tmp/judge-rules-XXXXXX", buf[PATH_MAX + 32];
	int fd;

	cr_assert_not_null(mkdtemp(tmpl));
	cr_assert_not_null(realpath(tmpl, box));
	snprintf(buf, sizeof(buf), "%s/in", box);
	cr_assert_eq(mkdir(buf, 0755), 0);
	snprintf(buf, sizeof(buf), "%s/in/file", box);
	fd = open(buf, O_CREAT | O_WRONLY, 0644);
	cr_assert_geq(fd, 0);
	close(fd);
	snprintf(buf, sizeof(buf), "%s/out", box);
	cr_assert_eq(mkdir(buf, 0755), 0);
	snprintf(buf, sizeof(buf), "%s/out/secret", box);
	fd = open(buf, O_CREAT | O_WRONLY, 0644);
	cr_assert_geq(fd, 0);
	close(fd);
	/* a link inside the readable directory that leads out of it */
	snprintf(buf, sizeof(buf), "%s/in/escape", box);
	cr_assert_eq(symlink("../out", buf), 0);
	snprintf(buf, sizeof(buf), "%s/in/deep", box);
	cr_assert_eq(mkdir(buf, 0755), 0);
	snprintf(buf, sizeof(buf), "%s/in/deep/escape", box);
	cr_assert_eq(symlink("../../out", buf), 0);
	snprintf(buf, sizeof(buf), "%s/in/dangling", box);
	cr_assert_eq(symlink("../out/not-yet", buf), 0);
	snprintf(buf, sizeof(buf), "%s/top", box);
	fd = open(buf, O_CREAT | O_WRONLY, 0644);
	cr_assert_geq(fd, 0);
	close(fd);
	memset(&pl, 0, sizeof(pl));
	push(&pl.read, "%s/in/", box);
	push(&pl.write, "%s/in/w/", box);
	push(&pl.exec, "%s/in/file", box);
	cr_assert_eq(chdir(box), 0);
}

static void box_teardown(void)
{
	char cmd[PATH_MAX + 16];

	strlist_free(&pl.read);
	strlist_free(&pl.write);
	strlist_free(&pl.exec);
	if (chdir("/") == 0 && box[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", box);
		if (system(cmd) != 0)
			cr_log_warn("could not remove %s", box);
	}
}

static bool check(const char *name, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
		  char *detail, size_t dlen)
{
	uint64_t a[6] = { a0, a1, a2, a3 };

	return rules_check_path(&pl, getpid(), getpid(), name, a, detail, dlen, NULL);
}

#define P(s) ((uint64_t)(uintptr_t)(s))

Test(rules, check_path_self, .init = box_setup, .fini = box_teardown)
{
	char path[PATH_MAX + 64], detail[PATH_MAX + 64];
	int dfd;

	snprintf(path, sizeof(path), "%s/in/file", box);
	cr_expect(check("openat", (uint64_t)AT_FDCWD, P(path), O_RDONLY, 0, detail, sizeof(detail)));
	cr_expect_str_eq(detail, path);
	cr_expect(check("open", P(path), O_RDONLY, 0, 0, detail, sizeof(detail)));
	/* opened for writing: the write list decides, and it does not hold in/file */
	cr_expect_not(check("openat", (uint64_t)AT_FDCWD, P(path), O_WRONLY, 0, detail, sizeof(detail)));
	cr_expect_not(check("openat", (uint64_t)AT_FDCWD, P(path), O_RDONLY | O_CREAT, 0, detail,
			    sizeof(detail)));
	cr_expect_not(check("openat", (uint64_t)AT_FDCWD, P(path), O_RDONLY | O_TRUNC, 0, detail,
			    sizeof(detail)));
	cr_expect_not(check("creat", P(path), 0644, 0, 0, detail, sizeof(detail)));

	/* relative to the cwd (the box), and through "..": where the kernel would go */
	cr_expect(check("openat", (uint64_t)AT_FDCWD, P("in/file"), O_RDONLY, 0, detail, sizeof(detail)));
	cr_expect(check("openat", (uint64_t)AT_FDCWD, P("out/../in/file"), O_RDONLY, 0, detail,
			sizeof(detail)), "%s", detail);
	cr_expect_not(check("openat", (uint64_t)AT_FDCWD, P("in/../out/secret"), O_RDONLY, 0, detail,
			    sizeof(detail)), "%s", detail);
	cr_expect_not(check("stat", P("out/secret"), 0, 0, 0, detail, sizeof(detail)));

	/* relative to a directory fd */
	snprintf(path, sizeof(path), "%s/in", box);
	dfd = open(path, O_RDONLY | O_DIRECTORY);
	cr_assert_geq(dfd, 0);
	cr_expect(check("openat", (uint64_t)dfd, P("file"), O_RDONLY, 0, detail, sizeof(detail)));
	cr_expect_not(check("openat", (uint64_t)dfd, P("../out/secret"), O_RDONLY, 0, detail,
			    sizeof(detail)));
	/* an fd that names no directory: fail closed */
	cr_expect_not(check("openat", 987, P("file"), O_RDONLY, 0, detail, sizeof(detail)));
	close(dfd);

	/* a symbolic link inside the list that leads outside it */
	snprintf(path, sizeof(path), "%s/in/escape/secret", box);
	cr_expect_not(check("openat", (uint64_t)AT_FDCWD, P(path), O_RDONLY, 0, detail, sizeof(detail)));
	cr_expect(strstr(detail, "/out/secret") != NULL, "%s", detail);

	/*
	 * The kernel follows a link before the ".." after it: in/deep/escape
	 * is box/out, its ".." the box itself, so this names box/top, outside
	 * every list, though its lexical form in/deep/top lies inside in/.
	 */
	snprintf(path, sizeof(path), "%s/in/deep/escape/../top", box);
	cr_expect_not(check("openat", (uint64_t)AT_FDCWD, P(path), O_RDONLY, 0, detail, sizeof(detail)),
		      "%s allowed: the kernel opens %s/top", path, box);

	/* a dangling link: O_CREAT would make its target, wherever it points */
	snprintf(path, sizeof(path), "%s/in/dangling", box);
	cr_expect_not(check("openat", (uint64_t)AT_FDCWD, P(path), O_RDONLY, 0, detail, sizeof(detail)),
		      "%s", detail);

	/* unreadable path memory */
	cr_expect_not(check("openat", (uint64_t)AT_FDCWD, 0, O_RDONLY, 0, detail, sizeof(detail)));
	cr_expect_not(check("openat", (uint64_t)AT_FDCWD, 8, O_RDONLY, 0, detail, sizeof(detail)));
	/* a syscall with no path rule at all */
	cr_expect_not(check("read", 0, 0, 0, 0, detail, sizeof(detail)));
}

Test(rules, check_path_empty_and_exec, .init = box_setup, .fini = box_teardown)
{
	char path[PATH_MAX + 64], detail[PATH_MAX + 64];

	/* fstat() is newfstatat(fd, "", AT_EMPTY_PATH): it names an open fd, not a path */
	cr_expect(check("newfstatat", 1, P(""), 0, AT_EMPTY_PATH, detail, sizeof(detail)));
	/* an empty path never writes or executes anything by name */
	cr_expect_not(check("execve", P(""), 0, 0, 0, detail, sizeof(detail)));
	cr_expect_not(check("unlinkat", (uint64_t)AT_FDCWD, P(""), 0, 0, detail, sizeof(detail)));

	snprintf(path, sizeof(path), "%s/in/file", box);
	cr_expect(check("execve", P(path), 0, 0, 0, detail, sizeof(detail)));
	snprintf(path, sizeof(path), "%s/in", box);
	cr_expect_not(check("execve", P(path), 0, 0, 0, detail, sizeof(detail)));
	cr_expect_not(check("execve", P("/bin/sh"), 0, 0, 0, detail, sizeof(detail)));
}

Test(rules, check_path_two_paths_and_openat2, .init = box_setup, .fini = box_teardown)
{
	char from[PATH_MAX + 64], to[PATH_MAX + 64], detail[PATH_MAX + 64];
	struct open_how how = { 0 };

	/* both ends of a rename must be writable */
	snprintf(from, sizeof(from), "%s/in/w/a", box);
	snprintf(to, sizeof(to), "%s/in/w/b", box);
	cr_expect(check("rename", P(from), P(to), 0, 0, detail, sizeof(detail)));
	snprintf(to, sizeof(to), "%s/out/b", box);
	cr_expect_not(check("rename", P(from), P(to), 0, 0, detail, sizeof(detail)));
	cr_expect_not(check("renameat", (uint64_t)AT_FDCWD, P(to), (uint64_t)AT_FDCWD, P(from), detail,
			    sizeof(detail)));
	/* a symlink's target is only text; where it is made is what counts */
	cr_expect(check("symlink", P("/etc/shadow"), P(from), 0, 0, detail, sizeof(detail)));
	cr_expect_not(check("symlink", P(from), P(to), 0, 0, detail, sizeof(detail)));

	/* openat2 keeps its flags in memory */
	snprintf(from, sizeof(from), "%s/in/file", box);
	how.flags = O_RDONLY;
	cr_expect(check("openat2", (uint64_t)AT_FDCWD, P(from), P(&how), sizeof(how), detail,
			sizeof(detail)));
	how.flags = O_RDWR;
	cr_expect_not(check("openat2", (uint64_t)AT_FDCWD, P(from), P(&how), sizeof(how), detail,
			    sizeof(detail)));
	cr_expect_not(check("openat2", (uint64_t)AT_FDCWD, P(from), 8, sizeof(how), detail,
			    sizeof(detail)));
}

Test(rules, check_path_proc_self_is_the_program, .init = box_setup, .fini = box_teardown)
{
	char detail[PATH_MAX + 64], want[64];
	uint64_t a[6] = { (uint64_t)AT_FDCWD, P("/proc/self/status"), O_RDONLY };
	struct path_lists own = { 0 };
	pid_t fake = getpid() + 1;

	/*
	 * "self" is the tgid the tracer names, not whoever reads the string:
	 * the string comes from this process, the tgid is another.
	 */
	snprintf(want, sizeof(want), "/proc/%d/", fake);
	strlist_push(&own.read, want);
	cr_expect(rules_check_path(&own, getpid(), fake, "openat", a, detail, sizeof(detail), NULL), "%s",
		  detail);
	snprintf(want, sizeof(want), "/proc/%d/status", fake);
	cr_expect_str_eq(detail, want);
	/* /proc/selfish is not /proc/self */
	a[1] = P("/proc/selfish");
	cr_expect_not(rules_check_path(&own, getpid(), fake, "openat", a, detail, sizeof(detail), NULL));
	cr_expect_str_eq(detail, "/proc/selfish");
	strlist_free(&own.read);
}

/*
 * Every syscall the loader accepts a path or exec rule for must be one
 * rules_check_path knows how to read; otherwise the rule would deny always.
 * Each argument points at one allowed path, so any layout of path, dirfd and
 * flags arguments finds it.
 */
Test(rules, every_path_syscall_has_a_layout)
{
	static const char allowed[] = "/tmp/judge-rules-any/f";
	struct path_lists all = { 0 };
	uint64_t a[6];
	char detail[PATH_MAX + 64];
	int checked = 0;

	strlist_push(&all.read, "/tmp/judge-rules-any/");
	strlist_push(&all.write, "/tmp/judge-rules-any/");
	strlist_push(&all.exec, "/tmp/judge-rules-any/");
	for (int i = 0; i < 6; i++)
		a[i] = (uint64_t)(uintptr_t)allowed;
	for (enum abi abi = 0; abi < ABI_COUNT; abi++)
		for (long nr = 0; nr < syscalls_count(abi); nr++) {
			const char *name = syscalls_name(abi, nr);

			if (!name || !(rules_applies(RULE_PATH, name) || rules_applies(RULE_EXEC, name)))
				continue;
			cr_expect(rules_check_path(&all, getpid(), getpid(), name, a, detail, sizeof(detail), NULL),
				  "%s %s: %s", abi_name(abi), name, detail);
			checked++;
		}
	cr_expect_gt(checked, 30);
	strlist_free(&all.read);
	strlist_free(&all.write);
	strlist_free(&all.exec);
}

/*
 * A refusal says what the kernel would where that reveals nothing outside
 * the lists: the errno a program sees is the one it gets without the judge.
 */
Test(rules, check_path_kernel_errno, .init = box_setup, .fini = box_teardown)
{
	static char longp[PATH_MAX + 16];
	char detail[PATH_MAX + 64], path[PATH_MAX + 64];
	uint64_t a[6] = { (uint64_t)AT_FDCWD, 0, O_RDONLY };
	int err = -1, fd;

	/* NULL and unmapped: EFAULT, for the read and the write list alike */
	cr_expect_not(rules_check_path(&pl, getpid(), getpid(), "openat", a, detail, sizeof(detail), &err));
	cr_expect_eq(err, EFAULT);
	a[2] = O_WRONLY | O_CREAT;
	cr_expect_not(rules_check_path(&pl, getpid(), getpid(), "openat", a, detail, sizeof(detail), &err));
	cr_expect_eq(err, EFAULT);
	a[2] = O_RDONLY;
	a[1] = 16;
	cr_expect_not(rules_check_path(&pl, getpid(), getpid(), "openat", a, detail, sizeof(detail), &err));
	cr_expect_eq(err, EFAULT);

	/* no NUL within PATH_MAX */
	memset(longp, 'a', sizeof(longp) - 1);
	longp[0] = '/';
	a[1] = P(longp);
	cr_expect_not(rules_check_path(&pl, getpid(), getpid(), "openat", a, detail, sizeof(detail), &err));
	cr_expect_eq(err, ENAMETOOLONG);

	/* a dirfd that is none, or no directory */
	a[0] = 999;
	a[1] = P("in/file");
	cr_expect_not(rules_check_path(&pl, getpid(), getpid(), "openat", a, detail, sizeof(detail), &err));
	cr_expect_eq(err, EBADF);
	snprintf(path, sizeof(path), "%s/in/file", box);
	fd = open(path, O_RDONLY);
	cr_assert_geq(fd, 0);
	a[0] = (uint64_t)fd;
	a[1] = P("x");
	cr_expect_not(rules_check_path(&pl, getpid(), getpid(), "openat", a, detail, sizeof(detail), &err));
	cr_expect_eq(err, ENOTDIR);
	close(fd);

	/* a loop inside the lists: the program may learn so */
	snprintf(path, sizeof(path), "%s/in/loop1", box);
	cr_assert_eq(symlink("loop2", path), 0);
	snprintf(path, sizeof(path), "%s/in/loop2", box);
	cr_assert_eq(symlink("loop1", path), 0);
	a[0] = (uint64_t)AT_FDCWD;
	a[1] = P("in/loop1");
	cr_expect_not(rules_check_path(&pl, getpid(), getpid(), "openat", a, detail, sizeof(detail), &err));
	cr_expect_eq(err, ELOOP, "%s", detail);

	/* outside the lists, or a link out of them: the policy's own denial */
	a[1] = P("out/secret");
	cr_expect_not(rules_check_path(&pl, getpid(), getpid(), "openat", a, detail, sizeof(detail), &err));
	cr_expect_eq(err, 0);
	a[1] = P("in/escape/secret");
	cr_expect_not(rules_check_path(&pl, getpid(), getpid(), "openat", a, detail, sizeof(detail), &err));
	cr_expect_eq(err, 0);
	a[1] = P("in/dangling");
	cr_expect_not(rules_check_path(&pl, getpid(), getpid(), "openat", a, detail, sizeof(detail), &err));
	cr_expect_eq(err, 0);
}
