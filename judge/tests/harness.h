#ifndef JUDGE_TESTS_HARNESS_H
#define JUDGE_TESTS_HARNESS_H

/*
 * Shared by the unit tests of filter, decide, rules, tracer and the pure
 * modules.  Everything is static inline: each test file is its own
 * translation unit, all linked into one Criterion binary.
 *
 * Where things are:
 *   JUDGE_HELPERS   build/helpers: tiny programs the tracer tests run
 *   JUDGE_POLICIES  policies/: the shipped policies
 *   JUDGE_TESTDATA  judge/tests/data (default: relative to the repository root,
 *                   or found next to JUDGE_POLICIES)
 */

#include <criterion/criterion.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "judgerun.h"
#include "policy.h"
#include "run.h"
#include "util.h"
#include "verdict.h"

static inline const char *harness_policies_dir(void)
{
	const char *dir = getenv("JUDGE_POLICIES");

	return dir && *dir ? dir : "policies";
}

static inline const char *harness_testdata(void)
{
	static char buf[PATH_MAX];
	const char *dir = getenv("JUDGE_TESTDATA");

	if (dir && *dir)
		return dir;
	/* `make unit` gives an absolute policies dir; the data sits beside it */
	snprintf(buf, sizeof(buf), "%s/../judge/tests/data", harness_policies_dir());
	if (access(buf, R_OK) == 0)
		return buf;
	return "judge/tests/data";
}

/* snprintf into an array, failing the test should the text not fit. */
#define harness_format(buf, ...)						\
	cr_assert_lt(snprintf(buf, sizeof(buf), __VA_ARGS__), (int)sizeof(buf),	\
		     "%s: too long for the test's buffer", #buf)

/* judge/tests/data/unit-policies/NAME.json; a ring so a few can be live at once. */
static inline const char *harness_unit_policy(const char *name)
{
	static char path[4][PATH_MAX];
	static unsigned which;

	which = (which + 1) % 4;
	harness_format(path[which], "%s/unit-policies/%s.json", harness_testdata(), name);
	return path[which];
}

/* Loads a policy or fails the test with the loader's message. */
static inline void harness_load(const char *name_or_path, struct policy *p)
{
	struct jerr err;
	char buf[1024];

	if (policy_load(name_or_path, harness_policies_dir(), p, &err) < 0) {
		jerr_format(&err, buf, sizeof(buf));
		cr_assert_fail("policy %s: %s", name_or_path, buf);
	}
}

static inline const char *harness_status_str(int st)
{
	static char buf[64];

	if (WIFEXITED(st))
		snprintf(buf, sizeof(buf), "exited %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(buf, sizeof(buf), "killed by signal %d (%s)", WTERMSIG(st),
			 sigabbrev_np(WTERMSIG(st)) ? sigabbrev_np(WTERMSIG(st)) : "?");
	else
		snprintf(buf, sizeof(buf), "status 0x%x", st);
	return buf;
}

/*
 * Skips the test and says why: Criterion alone prints no reason for a skip
 * unless asked to be verbose about every test.
 */
#define harness_skip(...)							\
	do {									\
		fprintf(stderr, "[SKIP] %s::%s: ", criterion_current_suite->name,	\
			criterion_current_test->name);				\
		fprintf(stderr, __VA_ARGS__);					\
		fputc('\n', stderr);						\
		cr_skip_test(__VA_ARGS__);					\
	} while (0)

/*
 * Absolute path of a helper program.  A missing helper skips the test with
 * the reason rather than failing it: the binary was built without `make unit`.
 */
static inline const char *harness_helper(const char *name)
{
	static char path[4][PATH_MAX];
	static unsigned which;
	const char *dir = getenv("JUDGE_HELPERS");

	if (!dir || !*dir)
		harness_skip("JUDGE_HELPERS is not set: run through `make unit`");
	which = (which + 1) % 4;
	snprintf(path[which], sizeof(path[which]), "%s/%s", dir, name);
	if (access(path[which], X_OK) != 0)
		harness_skip("helper %s is not built", path[which]);
	return path[which];
}

/*
 * Whether this machine has a feature a test relies on (int80, x32,
 * landlock=N, cgroup, cgroup1, cgroup2, userns, pidns), from the probe the
 * end-to-end scripts use too (scripts/hostprobe.c, built beside the
 * helpers).  When it has not, why holds the probe's reason.
 */
static inline bool harness_host_has(const char *feature, char *why, size_t len)
{
	char cmd[PATH_MAX + 64];
	FILE *p;
	int st;

	snprintf(cmd, sizeof(cmd), "'%s' '%s'", harness_helper("hostprobe"), feature);
	fflush(NULL);
	p = popen(cmd, "r");
	cr_assert_not_null(p, "popen %s: %s", cmd, strerror(errno));
	why[0] = '\0';
	if (!fgets(why, (int)len, p))
		why[0] = '\0';
	why[strcspn(why, "\n")] = '\0';
	st = pclose(p);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) <= 1, "%s: %s", cmd, harness_status_str(st));
	return WEXITSTATUS(st) == 0;
}

/* Skips the test, with the probe's reason, on a machine without the feature. */
static inline void harness_need(const char *feature)
{
	char why[PATH_MAX + 256];

	if (!harness_host_has(feature, why, sizeof(why)))
		harness_skip("%s", why);
}

/*
 * What a grandchild reports back.  It lives in a shared mapping because the
 * grandchild may have no syscall left to report with once its filter is in.
 */
struct harness_shared {
	int stage;		/* how far the grandchild got */
	long ret[16];
	int err[16];
};

/*
 * Forks a grandchild (Criterion's test process is the child), runs fn in it,
 * and returns its wait status.  fn ends the grandchild itself; if it returns,
 * the grandchild exits with its value through the raw syscall, so no libc or
 * sanitizer exit hook runs under a filter.  If even exit_group is refused,
 * the grandchild kills itself with an illegal instruction, which needs no
 * syscall: that is SIGILL.
 */
static inline int harness_fork(int (*fn)(void *arg, struct harness_shared *sh), void *arg,
			       struct harness_shared **shp)
{
	static struct harness_shared *sh;
	int status = 0;
	pid_t pid;

	if (!sh) {
		sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		cr_assert_neq(sh, MAP_FAILED, "mmap: %s", strerror(errno));
	}
	memset(sh, 0, sizeof(*sh));
	for (unsigned i = 0; i < ARRAY_SIZE(sh->ret); i++)
		sh->ret[i] = 0x5a5a5a5aL;
	fflush(NULL);
	pid = fork();
	cr_assert_geq(pid, 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		int r = fn(arg, sh);

		syscall(SYS_exit_group, r);
		__builtin_trap();
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	if (shp)
		*shp = sh;
	return status;
}

/* Runs a syscall and stores its result and errno in slot i. */
#define HARNESS_SYSCALL(sh, i, ...)					\
	do {								\
		errno = 0;						\
		(sh)->ret[i] = syscall(__VA_ARGS__);			\
		(sh)->err[i] = (sh)->ret[i] < 0 ? errno : 0;		\
	} while (0)

/*
 * One whole run of a helper under a policy, through judgerun() as `judge run`
 * makes it, with no answer to check.  The program's output stays open in
 * rr->out for the test to read; harness_run_done closes it.
 */
struct harness_run {
	struct run_result rr;
	struct result res;
	struct limits lim;
	char out[4096];		/* the start of stdout */
};

static inline struct limits harness_limits(void)
{
	/* generous: tests run in parallel, and a slow machine must not flake */
	return (struct limits){ .cpu_ms = 5000, .wall_ms = 20000, .memory_kib = 256 * 1024,
				.output_bytes = 64LL << 20 };
}

static inline void harness_run(const struct policy *pol, enum run_mode mode, struct limits lim,
			       char *const *argv, struct harness_run *h)
{
	struct run_request rq = { 0 };
	struct jerr err;
	char buf[1024];
	ssize_t n;

	memset(h, 0, sizeof(*h));
	h->lim = lim;
	rq.pol = pol;
	rq.lim = lim;
	rq.mode = mode;
	rq.argv = argv;
	rq.vars.memory_mb = lim.memory_kib / 1024;
	if (judgerun(&rq, &lim, NULL, &h->rr, &h->res, &err) < 0) {
		jerr_format(&err, buf, sizeof(buf));
		cr_assert_fail("run_program(%s): %s", argv[0], buf);
	}
	n = pread(h->rr.out.out_fd, h->out, sizeof(h->out) - 1, 0);
	h->out[n > 0 ? n : 0] = '\0';
	/* SPEC §3: every process of the program is dead before the result */
	errno = 0;
	cr_expect(waitpid(-1, NULL, WNOHANG | __WALL) < 0 && errno == ECHILD,
		  "%s left a child behind", argv[0]);
}

static inline void harness_run_done(struct harness_run *h)
{
	output_close(&h->rr.out);
}

static inline const char *harness_mode_name(enum run_mode m)
{
	return m == RUN_SECCOMP ? "seccomp" : "ptrace";
}

#endif
