#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "landlock.h"

/*
 * Landlock is applied in a grandchild (it cannot be undone), which then
 * tries each access and reports the errno of each through shared memory.
 *
 *   box/ro/file    under a read rule
 *   box/rw/        under a write rule
 *   box/x/prog     under an exec rule (a copy of /bin/true)
 *   box/out/secret under no rule
 */
static char box[PATH_MAX];
static int abi;

static void mk(const char *rel, bool is_dir)
{
	char p[PATH_MAX + 64];
	int fd;

	snprintf(p, sizeof(p), "%s/%s", box, rel);
	if (is_dir) {
		cr_assert_eq(mkdir(p, 0755), 0, "%s", p);
		return;
	}
	fd = open(p, O_WRONLY | O_CREAT, 0755);
	cr_assert_geq(fd, 0, "%s", p);
	cr_assert_eq(write(fd, "data", 4), 4);
	close(fd);
}

static void setup(void)
{
	char tmpl[] = "/tmp/judge-landlock-XXXXXX";

	abi = landlock_probe();
	if (abi <= 0)
		return;
	cr_assert_not_null(mkdtemp(tmpl));
	cr_assert_not_null(realpath(tmpl, box));
	mk("ro", true);
	mk("ro/file", false);
	mk("rw", true);
	mk("x", true);
	mk("out", true);
	mk("out/secret", false);
}

static void teardown(void)
{
	char cmd[PATH_MAX + 16];

	if (!box[0])
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", box);
	if (system(cmd) != 0)
		cr_log_warn("could not remove %s", box);
}

TestSuite(landlock, .init = setup, .fini = teardown);

struct ll_arg {
	const struct landlock_spec *spec;
	char paths[8][PATH_MAX + 64];
	pid_t outsider;
};

static int try_open(const char *p, int flags)
{
	int fd = open(p, flags | O_CLOEXEC, 0644);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int ll_child(void *argp, struct harness_shared *sh)
{
	struct ll_arg *a = argp;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return 10;
	sh->ret[0] = landlock_apply(a->spec);
	sh->err[0] = errno;
	if (sh->ret[0] < 0)
		return 11;
	sh->err[1] = try_open(a->paths[1], O_RDONLY);			/* ro/file */
	sh->err[2] = try_open(a->paths[1], O_WRONLY);			/* ro/file, writing */
	sh->err[3] = try_open(a->paths[2], O_WRONLY | O_CREAT);	/* rw/new */
	sh->err[4] = try_open(a->paths[3], O_RDONLY);			/* out/secret */
	sh->err[5] = try_open("/etc/passwd", O_RDONLY);
	sh->err[6] = kill(a->outsider, 0) < 0 ? errno : 0;
	sh->err[7] = try_open(a->paths[4], O_RDONLY | O_DIRECTORY);	/* ro/ listing */
	sh->stage = 1;
	return 0;
}

/* The judge's probe and the tests' (scripts/hostprobe.c) agree on the ABI. */
Test(landlock, probe_reports_a_version)
{
	char want[32], why[PATH_MAX + 256];
	int v = landlock_probe();

	cr_expect_geq(v, 0);
	cr_expect_leq(v, 64, "implausible ABI %d", v);
	snprintf(want, sizeof(want), "landlock=%d", v > 0 ? v : 1);
	cr_expect_eq(harness_host_has(want, why, sizeof(why)), v > 0, "judge says ABI %d; probe: %s",
		     v, why);
	snprintf(want, sizeof(want), "landlock=%d", v + 1);
	cr_expect_not(harness_host_has(want, why, sizeof(why)), "judge says ABI %d; probe has %d", v,
		      v + 1);
}

Test(landlock, rules_bound_the_filesystem)
{
	struct ll_arg a;
	struct landlock_rule rules[4];
	struct landlock_spec spec = { rules, 4, abi };
	struct harness_shared *sh;
	char ro[PATH_MAX + 8], rw[PATH_MAX + 8];
	pid_t outsider;
	int st;

	harness_need("landlock=1");
	snprintf(ro, sizeof(ro), "%s/ro", box);
	snprintf(rw, sizeof(rw), "%s/rw", box);
	rules[0] = (struct landlock_rule){ ro, LL_READ };
	rules[1] = (struct landlock_rule){ rw, LL_WRITE };
	/* a path this system does not have is skipped, not an error */
	rules[2] = (struct landlock_rule){ "/nonexistent/judge-landlock", LL_READ };
	rules[3] = (struct landlock_rule){ "/proc/self/", LL_READ };

	/* someone outside the sandbox to signal: a child of the test */
	outsider = fork();
	cr_assert_geq(outsider, 0);
	if (outsider == 0) {
		pause();
		_exit(0);
	}
	memset(&a, 0, sizeof(a));
	a.spec = &spec;
	a.outsider = outsider;
	snprintf(a.paths[1], sizeof(a.paths[1]), "%s/ro/file", box);
	snprintf(a.paths[2], sizeof(a.paths[2]), "%s/rw/new", box);
	snprintf(a.paths[3], sizeof(a.paths[3]), "%s/out/secret", box);
	snprintf(a.paths[4], sizeof(a.paths[4]), "%s/ro", box);
	st = harness_fork(ll_child, &a, &sh);
	kill(outsider, SIGKILL);
	waitpid(outsider, NULL, 0);

	cr_assert_eq(sh->ret[0], 0, "landlock_apply: %s", strerror(sh->err[0]));
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s", harness_status_str(st));
	cr_assert_eq(sh->stage, 1);
	cr_expect_eq(sh->err[1], 0, "read under a read rule: %s", strerror(sh->err[1]));
	cr_expect_eq(sh->err[2], EACCES, "write under a read rule: %s", strerror(sh->err[2]));
	cr_expect_eq(sh->err[3], 0, "create under a write rule: %s", strerror(sh->err[3]));
	cr_expect_eq(sh->err[4], EACCES, "read under no rule: %s", strerror(sh->err[4]));
	cr_expect_eq(sh->err[5], EACCES, "/etc/passwd: %s", strerror(sh->err[5]));
	cr_expect_eq(sh->err[7], 0, "listing a read directory: %s", strerror(sh->err[7]));
	if (abi >= 6)
		cr_expect_eq(sh->err[6], EPERM, "signal out of the domain: %s", strerror(sh->err[6]));
}

static int exec_child(void *argp, struct harness_shared *sh)
{
	const struct landlock_spec *spec = argp;
	char *argv[] = { (char *)"true", NULL };
	char *envp[] = { NULL };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || landlock_apply(spec) < 0)
		return 10;
	sh->stage = 1;
	execve(spec->rules[0].path, argv, envp);
	sh->err[0] = errno;
	/* only reached when exec was refused: try the one the rules allow */
	execve(spec->rules[1].path, argv, envp);
	sh->err[1] = errno;
	return 12;
}

/* Execution needs an exec rule; a read rule on the same file is not enough. */
Test(landlock, exec_needs_an_exec_rule)
{
	struct landlock_rule rules[4];
	struct landlock_spec spec = { rules, 4, abi };
	char ro_prog[PATH_MAX + 16], x_prog[PATH_MAX + 16], cmd[3 * PATH_MAX];
	struct harness_shared *sh;
	int st;

	harness_need("landlock=1");
	snprintf(ro_prog, sizeof(ro_prog), "%s/ro/true", box);
	snprintf(x_prog, sizeof(x_prog), "%s/x/true", box);
	snprintf(cmd, sizeof(cmd), "cp /bin/true '%s' && cp /bin/true '%s'", ro_prog, x_prog);
	cr_assert_eq(system(cmd), 0);
	rules[0] = (struct landlock_rule){ ro_prog, LL_READ };
	rules[1] = (struct landlock_rule){ x_prog, LL_EXEC };
	/* the loader and libc of /bin/true */
	rules[2] = (struct landlock_rule){ "/usr/lib/", LL_EXEC };
	rules[3] = (struct landlock_rule){ "/etc/ld.so.cache", LL_READ };
	st = harness_fork(exec_child, &spec, &sh);
	cr_expect_eq(sh->stage, 1);
	cr_expect_eq(sh->err[0], EACCES, "exec with a read rule: %s", strerror(sh->err[0]));
	cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exec with an exec rule: %s (%s)",
		  harness_status_str(st), strerror(sh->err[1]));
}
