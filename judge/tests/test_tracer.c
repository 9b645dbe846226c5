#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <errno.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "run.h"
#include "syscalls.h"

/*
 * Whole runs through run_program, each in both modes: seccomp (the kernel
 * decides what it can, the tracer sees the rest) and ptrace (the tracer sees
 * every syscall).  A verdict must not depend on the mode.
 *
 * Criterion runs tests in parallel (`make unit` uses --jobs 2), so limits
 * are generous and every time is checked against a wide window.  Each test
 * has a timeout: a hung trace loop fails the test instead of the whole run.
 */

static struct policy c_pol;

static void load_c(void)
{
	harness_load("c", &c_pol);
}

static void free_c(void)
{
	policy_free(&c_pol);
}

static enum run_mode modes[] = { RUN_SECCOMP, RUN_PTRACE };

#define MODES(name)								\
	ParameterizedTestParameters(tracer, name)				\
	{									\
		return cr_make_param_array(enum run_mode, modes, ARRAY_SIZE(modes)); \
	}									\
	ParameterizedTest(enum run_mode *mode, tracer, name, .init = load_c, .fini = free_c, \
			  .timeout = 60)

static int64_t ms(int64_t ns)
{
	return ns / 1000000;
}

static void run(enum run_mode m, struct limits lim, struct harness_run *h, const char *helper,
		const char *arg1, const char *arg2)
{
	char *argv[] = { (char *)harness_helper(helper), (char *)arg1, (char *)arg2, NULL };

	harness_run(&c_pol, m, lim, argv, h);
	cr_expect_not(h->rr.o.ie, "%s [%s]: internal error: %s", helper, harness_mode_name(m),
		      h->rr.o.ie_msg);
}

static void expect_verdict(const struct harness_run *h, enum verdict v, const char *helper,
			   enum run_mode m)
{
	cr_expect_eq(h->res.verdict, v, "%s [%s]: %s, want %s: %s", helper, harness_mode_name(m),
		     verdict_name(h->res.verdict), verdict_name(v), h->res.message);
}

MODES(hello_is_ok)
{
	struct harness_run h;

	run(*mode, harness_limits(), &h, "hello", NULL, NULL);
	expect_verdict(&h, V_OK, "hello", *mode);
	cr_expect(h.rr.o.exited && h.rr.o.exit_code == 0);
	cr_expect_eq(h.rr.o.signal, 0);
	cr_expect_eq(h.rr.u.output_bytes, 6);
	cr_expect_str_eq(h.out, "hello\n");
	cr_expect_gt(h.rr.u.memory_kib, 0);
	cr_expect_gt(h.rr.u.wall_ns, 0);
	cr_expect_str_eq(h.rr.layers.mode, harness_mode_name(*mode));
	harness_run_done(&h);
}

MODES(exit3_is_re)
{
	struct harness_run h;

	run(*mode, harness_limits(), &h, "exit3", NULL, NULL);
	expect_verdict(&h, V_RE, "exit3", *mode);
	cr_expect(h.rr.o.exited);
	cr_expect_eq(h.rr.o.exit_code, 3);
	cr_expect_eq(h.rr.o.signal, 0);
	cr_expect_str_eq(h.res.message, "exit code 3");
	harness_run_done(&h);
}

MODES(segv_is_re_signal_11)
{
	struct harness_run h;

	run(*mode, harness_limits(), &h, "segv", NULL, NULL);
	expect_verdict(&h, V_RE, "segv", *mode);
	cr_expect_not(h.rr.o.exited);
	cr_expect_eq(h.rr.o.signal, SIGSEGV);
	harness_run_done(&h);
}

static void expect_rf(const struct harness_run *h, const char *helper, enum run_mode m,
		      const char *name, enum abi abi, long nr)
{
	expect_verdict(h, V_RF, helper, m);
	cr_expect(h->rr.o.rf, "%s [%s]: no RF recorded", helper, harness_mode_name(m));
	cr_expect_str_eq(h->rr.o.sys.name, name, "%s [%s]", helper, harness_mode_name(m));
	cr_expect_eq(h->rr.o.sys.abi, abi, "%s [%s]: abi %s", helper, harness_mode_name(m),
		     abi_name(h->rr.o.sys.abi));
	cr_expect_eq(h->rr.o.sys.nr, nr, "%s [%s]: nr %ld", helper, harness_mode_name(m),
		     h->rr.o.sys.nr);
	/* the judge's own kill is not the program's signal */
	cr_expect_eq(h->rr.o.signal, 0, "%s [%s]", helper, harness_mode_name(m));
}

MODES(socket_is_rf_x86_64)
{
	struct harness_run h;

	run(*mode, harness_limits(), &h, "socket", NULL, NULL);
	expect_rf(&h, "socket", *mode, "socket", ABI_X86_64, 41);
	cr_expect_eq(h.rr.o.sys.args[0], 2 /* AF_INET */);
	cr_expect_str_eq(h.res.message, "forbidden syscall socket (x86_64 #41)");
	harness_run_done(&h);
}

MODES(int80_is_rf_i386)
{
	struct harness_run h;

	harness_need("int80");
	run(*mode, harness_limits(), &h, "int80", NULL, NULL);
	expect_rf(&h, "int80", *mode, "socket", ABI_I386, 359);
	/* i386 arguments are the low halves of the registers */
	cr_expect_eq(h.rr.o.sys.args[0], 2);
	cr_expect_eq(h.rr.o.sys.args[1], 1);
	harness_run_done(&h);
}

MODES(x32_is_rf_x32)
{
	struct harness_run h;

	run(*mode, harness_limits(), &h, "x32", NULL, NULL);
	expect_rf(&h, "x32", *mode, "socket", ABI_X32, 41);
	harness_run_done(&h);
}

MODES(fork_is_rf_and_leaves_nothing)
{
	struct harness_run h;

	run(*mode, harness_limits(), &h, "forker", NULL, NULL);
	expect_verdict(&h, V_RF, "forker", *mode);
	cr_expect(strncmp(h.rr.o.sys.name, "clone", 5) == 0 || strcmp(h.rr.o.sys.name, "fork") == 0,
		  "%s", h.rr.o.sys.name);
	harness_run_done(&h);
}

MODES(kill_parent_is_rf)
{
	struct harness_run h;
	char me[32];

	snprintf(me, sizeof(me), "%d", (int)getpid());
	run(*mode, harness_limits(), &h, "kill_parent", me, NULL);
	/* still here: the signal never left the sandbox */
	expect_rf(&h, "kill_parent", *mode, "kill", ABI_X86_64, 62);
	cr_expect_eq(h.rr.o.sys.args[0], (uint64_t)getpid());
	cr_expect_eq(h.rr.o.sys.args[1], SIGKILL);
	harness_run_done(&h);
}

MODES(exec_outside_files_exec_is_rf)
{
	struct harness_run h;

	run(*mode, harness_limits(), &h, "exec_sh", NULL, NULL);
	expect_rf(&h, "exec_sh", *mode, "execve", ABI_X86_64, 59);
	cr_expect_str_eq(h.rr.o.sys.detail, "/bin/sh");
	cr_expect_str_eq(h.res.message, "forbidden syscall execve (x86_64 #59): /bin/sh");
	cr_expect_str_eq(h.out, "");
	harness_run_done(&h);
}

MODES(spin_is_tle_cpu)
{
	struct harness_run h;
	struct limits lim = harness_limits();

	lim.cpu_ms = 200;
	lim.wall_ms = 20000;	/* under load the CPU limit must still be the one hit */
	run(*mode, lim, &h, "spin", NULL, NULL);
	expect_verdict(&h, V_TLE, "spin", *mode);
	cr_expect(h.rr.o.cpu_exceeded);
	cr_expect_str_eq(h.res.limit, "cpu");
	cr_expect(ms(h.rr.u.cpu_ns) >= 200 && ms(h.rr.u.cpu_ns) <= 400, "[%s] cpu %lld ms",
		  harness_mode_name(*mode), (long long)ms(h.rr.u.cpu_ns));
	cr_expect_eq(h.rr.o.signal, 0, "the judge's SIGKILL is not the program's death");
	harness_run_done(&h);
}

MODES(ignoring_signals_is_still_tle)
{
	struct harness_run h;
	struct limits lim = harness_limits();

	lim.cpu_ms = 200;
	lim.wall_ms = 20000;
	run(*mode, lim, &h, "ignore_sigs", NULL, NULL);
	expect_verdict(&h, V_TLE, "ignore_sigs", *mode);
	cr_expect_str_eq(h.res.limit, "cpu");
	cr_expect_leq(ms(h.rr.u.cpu_ns), 2500, "cpu %lld ms", (long long)ms(h.rr.u.cpu_ns));
	harness_run_done(&h);
}

MODES(sleeper_is_tle_wall)
{
	struct harness_run h;
	struct limits lim = harness_limits();

	lim.cpu_ms = 1000;
	lim.wall_ms = 300;
	run(*mode, lim, &h, "sleeper", NULL, NULL);
	expect_verdict(&h, V_TLE, "sleeper", *mode);
	cr_expect(h.rr.o.wall_exceeded);
	cr_expect_str_eq(h.res.limit, "wall");
	/* at least the limit; the upper bound only catches a judge that forgot the timer */
	cr_expect(ms(h.rr.u.wall_ns) >= 300 && ms(h.rr.u.wall_ns) < 20000, "wall %lld ms",
		  (long long)ms(h.rr.u.wall_ns));
	cr_expect_lt(ms(h.rr.u.cpu_ns), 200);
	harness_run_done(&h);
}

/* The CPU time of one native fork + execve + exit of `path`, from wait4. */
static int64_t native_cpu_ns(const char *path)
{
	struct rusage ru;
	int st;
	pid_t pid = fork();

	cr_assert_geq(pid, 0);
	if (pid == 0) {
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	cr_assert_eq(wait4(pid, &st, 0, &ru), pid);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: %s", path, harness_status_str(st));
	return (int64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000 +
	       (int64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The program is billed from its execve: what the launcher did in the child
 * before it (namespaces, the view, rlimits, Landlock, the filter) is not its
 * CPU.  A static program that does nothing is judged and run natively in
 * turns.  Billed from the fork, it cost native + about 2/3 of the launch (the
 * native run pays for its fork too); billed from the execve, a little under
 * native.  The bound, native + launch / 3, sits between the two, a third of
 * the launch from each; medians of runs taken in turns, so that load slows
 * both sides alike.
 */
MODES(doing_nothing_is_billed_from_its_execve)
{
	enum { RUNS = 11 };
	int64_t billed[RUNS], launch[RUNS], native[RUNS];
	const char *path = harness_helper("nothing");

	for (int i = 0; i < RUNS; i++) {
		struct harness_run h;

		native[i] = native_cpu_ns(path);
		run(*mode, harness_limits(), &h, "nothing", NULL, NULL);
		expect_verdict(&h, V_OK, "nothing", *mode);
		billed[i] = h.rr.u.cpu_ns;
		launch[i] = h.rr.u.launch_cpu_ns;
		harness_run_done(&h);
		cr_assert_gt(launch[i], 0, "[%s] the launch's CPU was not read", harness_mode_name(*mode));
	}
	qsort(billed, RUNS, sizeof(billed[0]), cmp_i64);
	qsort(launch, RUNS, sizeof(launch[0]), cmp_i64);
	qsort(native, RUNS, sizeof(native[0]), cmp_i64);
	cr_expect_lt(billed[RUNS / 2], native[RUNS / 2] + launch[RUNS / 2] / 3,
		     "[%s] medians: billed %lld us, native %lld us, launch %lld us",
		     harness_mode_name(*mode), (long long)(billed[RUNS / 2] / 1000),
		     (long long)(native[RUNS / 2] / 1000), (long long)(launch[RUNS / 2] / 1000));
}

/*
 * A judge process keeps its cgroup from one run to the next (cgroup.c):
 * what one run did to it (limit hits, the OOM count) must not show in the
 * next.  The output file is memory charged to the program's group, so 40 MB
 * written under a 24 MiB group (8 MiB and the slack) hits the group's limit
 * whatever the rlimits say.  As root only: without root there is no group.
 */
MODES(a_group_hit_does_not_carry_over_to_the_next_run)
{
	struct harness_run h;
	struct limits lim = harness_limits();

	if (geteuid() != 0)
		harness_skip("not root: runs get no cgroup");
	lim.memory_kib = 8 * 1024;
	lim.output_bytes = 256LL << 20;
	for (int i = 0; i < 2; i++) {
		run(*mode, lim, &h, "flood", "split", "20000000");
		expect_verdict(&h, V_MLE, "flood split 20000000", *mode);
		harness_run_done(&h);
		run(*mode, lim, &h, "hello", NULL, NULL);
		expect_verdict(&h, V_OK, "hello after a group's MLE", *mode);
		cr_expect(h.rr.layers.cgroup, "hello ran without a cgroup");
		harness_run_done(&h);
	}
	/* a larger limit for the group kept: the program may use it */
	lim.memory_kib = 64 * 1024;
	run(*mode, lim, &h, "flood", "split", "20000000");
	expect_verdict(&h, V_OK, "flood split 20000000 under 64M after 8M", *mode);
	harness_run_done(&h);
}

MODES(touch64m_memory_is_measured)
{
	struct harness_run h;

	run(*mode, harness_limits(), &h, "touch64m", NULL, NULL);
	expect_verdict(&h, V_OK, "touch64m", *mode);
	cr_expect(h.rr.u.memory_kib >= 64 * 1024 && h.rr.u.memory_kib <= 72 * 1024,
		  "[%s] memory %lld KiB", harness_mode_name(*mode), (long long)h.rr.u.memory_kib);
	harness_run_done(&h);
}

MODES(touch64m_over_32m_is_mle)
{
	struct harness_run h;
	struct limits lim = harness_limits();

	lim.memory_kib = 32 * 1024;
	run(*mode, lim, &h, "touch64m", NULL, NULL);
	expect_verdict(&h, V_MLE, "touch64m", *mode);
	harness_run_done(&h);
}

MODES(flood_is_ole)
{
	struct harness_run h;
	struct limits lim = harness_limits();

	lim.output_bytes = 64 * 1024;
	run(*mode, lim, &h, "flood", NULL, NULL);
	expect_verdict(&h, V_OLE, "flood", *mode);
	cr_expect(h.rr.o.output_exceeded);
	/* one byte over is how a limit can show it was crossed */
	cr_expect_leq(h.rr.u.output_bytes, 64 * 1024 + 1, "output %lld", (long long)h.rr.u.output_bytes);
	cr_expect_geq(h.rr.u.output_bytes, 60 * 1024, "output %lld", (long long)h.rr.u.output_bytes);
	harness_run_done(&h);
}

/* SPEC §2: the limit is on stdout and stderr together. */
MODES(stdout_and_stderr_count_together)
{
	struct harness_run h;
	struct limits lim = harness_limits();

	lim.output_bytes = 64 * 1024;
	run(*mode, lim, &h, "flood", "split", "40000");
	expect_verdict(&h, V_OLE, "flood split", *mode);
	cr_expect_eq(h.rr.u.output_bytes, 80000);
	harness_run_done(&h);
	/* and under the limit it is fine */
	run(*mode, lim, &h, "flood", "split", "30000");
	expect_verdict(&h, V_OK, "flood split", *mode);
	cr_expect_eq(h.rr.u.output_bytes, 60000);
	harness_run_done(&h);
}

MODES(open_outside_files_read_is_eacces)
{
	struct harness_run h;

	run(*mode, harness_limits(), &h, "errno_open", "/etc/passwd", NULL);
	expect_verdict(&h, V_OK, "errno_open", *mode);
	cr_expect_str_eq(h.out, "13\n", "[%s] open /etc/passwd: errno %s", harness_mode_name(*mode), h.out);
	harness_run_done(&h);
	run(*mode, harness_limits(), &h, "errno_open", "/etc/ld.so.cache", NULL);
	expect_verdict(&h, V_OK, "errno_open", *mode);
	cr_expect_str_eq(h.out, "0\n", "[%s] open /etc/ld.so.cache: errno %s", harness_mode_name(*mode),
			 h.out);
	harness_run_done(&h);
}

MODES(self_stop_does_not_hang)
{
	struct harness_run h;
	struct limits lim = harness_limits();

	/* a judge that hangs on the stop would end in TLE (wall) */
	lim.wall_ms = 20000;
	run(*mode, lim, &h, "self_stop", NULL, NULL);
	expect_verdict(&h, V_OK, "self_stop", *mode);
	cr_expect_str_eq(h.out, "resumed\n");
	harness_run_done(&h);
}

static void expect_raised(enum run_mode m, const int *sigs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct harness_run h;
		char num[16];

		snprintf(num, sizeof(num), "%d", sigs[i]);
		run(m, harness_limits(), &h, "raise_sig", num, NULL);
		expect_verdict(&h, V_RE, sigabbrev_np(sigs[i]), m);
		cr_expect_eq(h.rr.o.signal, sigs[i], "[%s] SIG%s: signal %d", harness_mode_name(m),
			     sigabbrev_np(sigs[i]), h.rr.o.signal);
		harness_run_done(&h);
	}
}

/* Signals a program sends itself are its own death: RE with that signal. */
MODES(raised_signals_are_re)
{
	static const int sigs[] = { SIGABRT, SIGTERM, SIGSYS, SIGKILL };

	expect_raised(*mode, sigs, ARRAY_SIZE(sigs));
}

/*
 * Even the signals the kernel uses for limits: a SIGXCPU the program raised
 * itself (si_code SI_TKILL, not SI_KERNEL) after a millisecond of CPU is not
 * a time limit, and a self-sent SIGXFSZ is not an output limit.
 */
MODES(raised_limit_signals_are_re)
{
	static const int sigs[] = { SIGXCPU, SIGXFSZ };

	expect_raised(*mode, sigs, ARRAY_SIZE(sigs));
}

MODES(stdin_and_workdir)
{
	char *argv[] = { (char *)harness_helper("echo_stdin"), NULL };
	struct run_request rq = { .pol = &c_pol, .lim = harness_limits(), .mode = *mode, .argv = argv };
	char in[] = "/tmp/judge-tracer-in-XXXXXX", buf[256] = "";
	struct run_result rr;
	struct jerr err;
	int fd = mkstemp(in);

	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, "1 2 3\n", 6), 6);
	close(fd);
	rq.stdin_path = in;
	rq.workdir = "/tmp";
	cr_assert_eq(run_program(&rq, &rr, &err), 0, "%s", err.msg);
	unlink(in);
	cr_expect(rr.o.exited && rr.o.exit_code == 0, "%s", rr.o.ie_msg);
	cr_expect_gt(pread(rr.out.out_fd, buf, sizeof(buf) - 1, 0), 0);
	cr_expect_str_eq(buf, "/tmp\n1 2 3\n");
	output_close(&rr.out);
}

/*
 * A policy that names {tmp} gets, for each run, a fresh directory inside the
 * work directory that the program may write, removed with all it holds when
 * the run ends: the work directory is empty again afterwards.
 */
MODES(tmp_is_private_and_removed)
{
	char *argv[] = { (char *)harness_helper("tmp_write"), NULL };
	char dir[] = "/tmp/judge-tracer-tmp-XXXXXX", buf[PATH_MAX] = "", prefix[PATH_MAX];
	struct policy pol;
	struct run_request rq = { .pol = &pol, .lim = harness_limits(), .mode = *mode, .argv = argv };
	struct run_result rr;
	struct jerr err;
	struct stat st;
	ssize_t n;

	cr_assert_not_null(mkdtemp(dir));
	/* the program may run as another uid: it must reach {tmp} through {dir} */
	cr_assert_eq(chmod(dir, 0755), 0);
	harness_load(harness_unit_policy("scratch"), &pol);
	rq.workdir = dir;
	cr_assert_eq(run_program(&rq, &rr, &err), 0, "%s", err.msg);
	cr_expect(rr.o.exited && rr.o.exit_code == 0, "[%s] exit %d %s", harness_mode_name(*mode),
		  rr.o.exit_code, rr.o.ie_msg);
	n = pread(rr.out.out_fd, buf, sizeof(buf) - 1, 0);
	output_close(&rr.out);
	policy_free(&pol);
	cr_assert_gt(n, 1);
	buf[n - 1] = '\0';
	harness_format(prefix, "%s/.tmp-", dir);
	cr_expect(strncmp(buf, prefix, strlen(prefix)) == 0, "TMPDIR=%s", buf);
	cr_expect(stat(buf, &st) < 0 && errno == ENOENT, "%s is still there", buf);
	cr_expect_eq(rmdir(dir), 0, "%s is not empty after the run", dir);
}

MODES(trace_log_lists_syscalls)
{
	char *argv[] = { (char *)harness_helper("socket"), NULL };
	struct run_request rq = { .pol = &c_pol, .lim = harness_limits(), .mode = *mode, .argv = argv };
	char log[] = "/tmp/judge-tracer-log-XXXXXX";
	struct run_result rr;
	struct jerr err;
	char *text;
	int fd = mkstemp(log);

	cr_assert_geq(fd, 0);
	close(fd);
	rq.trace_path = log;
	cr_assert_eq(run_program(&rq, &rr, &err), 0, "%s", err.msg);
	output_close(&rr.out);
	text = util_read_file(log, NULL);
	unlink(log);
	cr_assert_not_null(text);
	/* the forbidden call is there with its decision, in either mode */
	cr_expect(strstr(text, "x86_64 socket(0x2, 0x1") != NULL, "[%s] %s", harness_mode_name(*mode),
		  text);
	cr_expect(strstr(text, "= kill") != NULL, "%s", text);
	if (*mode == RUN_PTRACE)
		cr_expect(strstr(text, "= allow") != NULL, "ptrace mode sees allowed calls too: %s",
			  text);
	free(text);
}

/* A program that ignores or blocks SIGXFSZ still went over the limit: its write failed. */
MODES(flood_ignoring_sigxfsz_is_ole)
{
	struct harness_run h;
	struct limits lim = harness_limits();

	lim.output_bytes = 64 * 1024;
	run(*mode, lim, &h, "flood", "ignore", NULL);
	expect_verdict(&h, V_OLE, "flood ignore", *mode);
	harness_run_done(&h);
}

MODES(flood_blocking_sigxfsz_is_ole)
{
	struct harness_run h;
	struct limits lim = harness_limits();

	lim.output_bytes = 64 * 1024;
	run(*mode, lim, &h, "flood", "block", NULL);
	expect_verdict(&h, V_OLE, "flood block", *mode);
	harness_run_done(&h);
}

/* Output of exactly the limit is within it. */
MODES(output_at_the_limit_is_ok)
{
	struct harness_run h;
	struct limits lim = harness_limits();

	lim.output_bytes = 60000;
	run(*mode, lim, &h, "flood", "split", "30000");
	expect_verdict(&h, V_OK, "flood split", *mode);
	harness_run_done(&h);
}

/*
 * Trees: policies with room for processes and threads.  procs.json extends
 * the shipped c policy with processes 3 and threads 4.
 */
static struct policy procs_pol;

static void load_procs(void)
{
	harness_load(harness_unit_policy("procs"), &procs_pol);
}

static void free_procs(void)
{
	policy_free(&procs_pol);
}

#define PROCS_MODES(name)							\
	ParameterizedTestParameters(tracer, name)				\
	{									\
		return cr_make_param_array(enum run_mode, modes, ARRAY_SIZE(modes)); \
	}									\
	ParameterizedTest(enum run_mode *mode, tracer, name, .init = load_procs, \
			  .fini = free_procs, .timeout = 60)

static void run_procs(enum run_mode m, struct limits lim, struct harness_run *h, const char *helper,
		      const char *arg1)
{
	char *argv[] = { (char *)harness_helper(helper), (char *)arg1, NULL };

	harness_run(&procs_pol, m, lim, argv, h);
	cr_expect_not(h->rr.o.ie, "%s [%s]: internal error: %s", helper, harness_mode_name(m),
		      h->rr.o.ie_msg);
}

static bool process_gone(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;
	bool gone = true;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return true;
	/* a zombie waiting for init to reap it is dead too */
	if (fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')')) && p[1] == ' ')
		gone = p[2] == 'Z' || p[2] == 'X';
	fclose(f);
	return gone;
}

PROCS_MODES(orphan_is_killed_with_the_program)
{
	struct harness_run h;
	pid_t child;

	run_procs(*mode, harness_limits(), &h, "orphan", NULL);
	expect_verdict(&h, V_OK, "orphan", *mode);
	child = (pid_t)atoi(h.out);
	cr_assert_gt(child, 0, "output: %s", h.out);
	/* SPEC §3: every process the program started is dead before the result */
	cr_expect(process_gone(child), "[%s] the orphan %d outlived the run", harness_mode_name(*mode),
		  child);
	if (!process_gone(child))
		kill(child, SIGKILL);
	harness_run_done(&h);
}

/* A child reaped by its parent is counted once: not again in the parent's rusage. */
PROCS_MODES(child_cpu_counts_once)
{
	struct harness_run h;

	run_procs(*mode, harness_limits(), &h, "fork_spin", "300");
	expect_verdict(&h, V_OK, "fork_spin", *mode);
	cr_expect(ms(h.rr.u.cpu_ns) >= 300 && ms(h.rr.u.cpu_ns) <= 450, "[%s] cpu %lld ms",
		  harness_mode_name(*mode), (long long)ms(h.rr.u.cpu_ns));
	harness_run_done(&h);
}

PROCS_MODES(threads_cpu_is_summed)
{
	struct harness_run h;
	struct limits lim = harness_limits();

	lim.cpu_ms = 300;
	lim.wall_ms = 20000;
	run_procs(*mode, lim, &h, "threads_spin", "2");
	expect_verdict(&h, V_TLE, "threads_spin", *mode);
	cr_expect_str_eq(h.res.limit ? h.res.limit : "", "cpu");
	cr_expect(ms(h.rr.u.cpu_ns) >= 300 && ms(h.rr.u.cpu_ns) <= 700, "[%s] cpu %lld ms",
		  harness_mode_name(*mode), (long long)ms(h.rr.u.cpu_ns));
	harness_run_done(&h);
}

PROCS_MODES(threads_over_the_limit_is_rf)
{
	struct harness_run h;

	/* main + 3 threads is the limit of 4; the 4th thread is one too many */
	run_procs(*mode, harness_limits(), &h, "threads_spin", "4");
	expect_verdict(&h, V_RF, "threads_spin 4", *mode);
	cr_expect_str_eq(h.rr.o.sys.name, "clone");
	harness_run_done(&h);
}

/* A program that cannot be found is bad input (-1), not a verdict. */
Test(tracer, missing_program_is_bad_input, .init = load_c, .fini = free_c)
{
	char *argv[] = { (char *)"/nonexistent/judge-no-such-program", NULL };
	struct run_request rq = { .pol = &c_pol, .lim = harness_limits(), .mode = RUN_SECCOMP,
				  .argv = argv };
	struct run_result rr;
	struct jerr err;

	cr_expect_eq(run_program(&rq, &rr, &err), -1);
	cr_expect(err.msg[0] != '\0');
}

Test(tracer, non_executable_is_bad_input, .init = load_c, .fini = free_c)
{
	char path[] = "/tmp/judge-noexec-XXXXXX", cmd[128];
	char *argv[] = { path, NULL };
	struct run_request rq = { .pol = &c_pol, .lim = harness_limits(), .mode = RUN_SECCOMP,
				  .argv = argv };
	struct run_result rr;
	struct jerr err;
	int fd = mkstemp(path);

	cr_assert_geq(fd, 0);
	close(fd);
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s' && chmod 644 '%s'", harness_helper("hello"), path, path);
	cr_assert_eq(system(cmd), 0);
	cr_expect_eq(run_program(&rq, &rr, &err), -1);
	cr_expect(err.msg[0] != '\0');
	unlink(path);
}

/*
 * Whether the judge believes it can use seccomp must be what the kernel
 * does: a one-rule filter (getppid fails with EROFS) installed by hand in a
 * child says, and a run in --mode seccomp must report that layer exactly
 * when the filter worked, and fall back to stopping at every syscall when
 * it did not.
 */
static int seccomp_child(void *arg, struct harness_shared *sh)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EROFS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { ARRAY_SIZE(insns), insns };

	(void)arg;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return 10;
	sh->ret[0] = prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
	sh->err[0] = errno;
	HARNESS_SYSCALL(sh, 1, SYS_getppid);
	sh->stage = 1;
	return 0;
}

Test(tracer, seccomp_availability_is_what_the_kernel_does, .init = load_c, .fini = free_c,
     .timeout = 60)
{
	struct harness_shared *sh;
	struct harness_run h;
	bool works;
	int st;

	st = harness_fork(seccomp_child, NULL, &sh);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0 && sh->stage == 1, "%s",
		  harness_status_str(st));
	works = sh->ret[0] == 0 && sh->ret[1] == -1 && sh->err[1] == EROFS;
	cr_expect_eq(run_seccomp_available(), works,
		     "the judge says seccomp is %savailable; a hand-made filter %s (install %ld %s, getppid %ld %s)",
		     run_seccomp_available() ? "" : "not ", works ? "works" : "does not",
		     sh->ret[0], strerror(sh->err[0]), sh->ret[1], strerror(sh->err[1]));
	run(RUN_SECCOMP, harness_limits(), &h, "hello", NULL, NULL);
	expect_verdict(&h, V_OK, "hello", RUN_SECCOMP);
	cr_expect_eq(h.rr.layers.seccomp, works);
	cr_expect_str_eq(h.rr.layers.mode, works ? "seccomp" : "ptrace-syscall");
	harness_run_done(&h);
}

/*
 * Runs in one judge process start from a clean state.  As root, runs after
 * the first join IPC and UTS namespaces the process keeps, but only under a
 * policy that cannot create anything in an IPC namespace: a policy that
 * admits shmget gets new namespaces each run.  So a segment one run makes
 * is gone for the next, whatever ran in between.  Would the kept namespace
 * be shared with such a policy, the second "find" below would say ok.
 */
MODES(consecutive_runs_do_not_share_ipc_objects)
{
	static struct policy shm_pol;
	struct harness_run h;
	struct limits lim = harness_limits();
	char key[16];
	char *make[] = { (char *)harness_helper("ipc_state"), (char *)"make", key, NULL };
	char *find[] = { (char *)harness_helper("ipc_state"), (char *)"find", key, NULL };

	if (geteuid() != 0)
		harness_skip("not root: no namespaces, runs share the host's IPC namespace");
	snprintf(key, sizeof(key), "%d", 0x4a000000 | (getpid() & 0xffffff));
	/* the c policy with SysV shared memory allowed; its lists are c_pol's */
	shm_pol = c_pol;
	shm_pol.sys[ABI_X86_64][SYS_shmget] = (struct sys_entry){ .action = SYS_ALLOW };
	for (int i = 0; i < 3; i++) {
		harness_run(&shm_pol, *mode, lim, make, &h);
		cr_expect_str_eq(h.out, "make: ok\n", "run %d [%s]: %s", i, harness_mode_name(*mode),
				 h.res.message);
		harness_run_done(&h);
		harness_run(&shm_pol, *mode, lim, find, &h);
		cr_expect_str_eq(h.out, "find: ENOENT\n", "run %d [%s]: the previous run's segment "
				 "is there? %s (%s)", i, harness_mode_name(*mode), h.out, h.res.message);
		harness_run_done(&h);
		/* a policy that can make nothing: this one may join the kept namespaces */
		run(*mode, lim, &h, "hello", NULL, NULL);
		expect_verdict(&h, V_OK, "hello", *mode);
		harness_run_done(&h);
	}
}
