#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "launch.h"

/*
 * The launch itself (launch.c): a child that shares the judge's memory
 * until its execve, so that nothing of the judge is copied, and that still
 * says which of its set-up steps failed.
 */

static struct launch_spec plain_spec(char *const *argv, int null_fd)
{
	static char *const envp[] = { NULL };
	struct launch_spec s = { 0 };

	s.exe = argv[0];
	s.argv = argv;
	s.envp = envp;
	s.fd_in = s.fd_out = s.fd_err = null_fd;
	s.rl = (struct rlimit_plan){ .cpu_s = 10, .mem_bytes = 1LL << 30, .stack_bytes = 8 << 20,
				     .fsize_bytes = 1 << 20, .nofile = 64 };
	return s;
}

/* Lets the traced child run to its end; its wait status. */
static int reap(pid_t pid)
{
	int st;

	for (;;) {
		cr_assert_eq(waitpid(pid, &st, __WALL), pid, "waitpid: %s", strerror(errno));
		if (!WIFSTOPPED(st))
			return st;
		ptrace(PTRACE_CONT, pid, 0, 0);
	}
}

static long minor_faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/*
 * After a fork every page of the parent is write-protected, and each one it
 * writes again faults (copy-on-write, or taking the page back once the
 * child's execve let it go).  The launch's clone(CLONE_VM) copies nothing:
 * 64 pages the judge had written before it, written again while the child
 * sets up or right after its execve, take no fault.
 */
Test(launch, parent_pages_are_not_copied, .timeout = 30)
{
	enum { PAGES = 64 };
	char *argv[] = { (char *)harness_helper("hello"), NULL };
	int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	struct launch_spec s = plain_spec(argv, null_fd);
	long ps = sysconf(_SC_PAGESIZE), before, faults;
	char *buf = mmap(NULL, PAGES * (size_t)ps, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct launch l;
	struct jerr err;
	int st;

	cr_assert_neq(buf, MAP_FAILED);
	cr_assert_geq(null_fd, 0);
	memset(buf, 1, PAGES * (size_t)ps);
	cr_assert_eq(launch_start(&s, &l, &err), 0, "launch: %s", err.msg);
	before = minor_faults();
	for (int i = 0; i < PAGES; i++)
		buf[i * ps] = 2;
	faults = minor_faults() - before;
	st = reap(l.pid);
	cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "hello: %s", harness_status_str(st));
	cr_expect_lt(faults, PAGES / 4, "%ld faults writing %d pages again after the launch", faults,
		     PAGES);
	close(l.errfd);
	close(null_fd);
	munmap(buf, PAGES * (size_t)ps);
}

/* A step that fails after the stop (here the chdir) is still told by name and errno. */
Test(launch, failing_step_is_reported, .timeout = 30)
{
	char *argv[] = { (char *)harness_helper("hello"), NULL };
	int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	struct launch_spec s = plain_spec(argv, null_fd);
	struct launch l;
	struct jerr err;
	char msg[256];
	int st;

	s.workdir = "/nonexistent/judge-launch-test";
	cr_assert_eq(launch_start(&s, &l, &err), 0, "launch: %s", err.msg);
	st = reap(l.pid);
	cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 127, "%s", harness_status_str(st));
	cr_assert(launch_failure(l.errfd, msg, sizeof(msg)), "no report from the child");
	cr_expect_str_eq(msg, "chdir failed: No such file or directory");
	close(l.errfd);
	close(null_fd);
}

/*
 * The program starts with every signal at its default and none blocked:
 * one the judge ignored before its first launch (as under nohup), one it
 * blocked, and SIGPIPE, which the judge ignores later on (a worker's Redis
 * connection).  execve resets handled signals, but not ignored ones or the
 * mask.
 */
Test(launch, program_starts_with_default_signals, .timeout = 60)
{
	static struct policy pol;
	char *argv[] = { (char *)harness_helper("sig_state"), NULL };
	struct harness_run h;
	sigset_t usr2;

	harness_load("c", &pol);
	signal(SIGUSR1, SIG_IGN);
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	sigprocmask(SIG_BLOCK, &usr2, NULL);
	harness_run(&pol, RUN_SECCOMP, harness_limits(), argv, &h);
	cr_expect_str_eq(h.out, "ignored: none\nblocked: none\n", "%s", h.res.message);
	harness_run_done(&h);
	signal(SIGPIPE, SIG_IGN);
	harness_run(&pol, RUN_SECCOMP, harness_limits(), argv, &h);
	cr_expect_str_eq(h.out, "ignored: none\nblocked: none\n", "%s", h.res.message);
	harness_run_done(&h);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGUSR1, SIG_DFL);
	sigprocmask(SIG_UNBLOCK, &usr2, NULL);
	policy_free(&pol);
}

static unsigned long long status_caps(const char *field)
{
	char line[256];
	unsigned long long v = 0;
	size_t n = strlen(field);
	FILE *f = fopen("/proc/self/status", "r");

	cr_assert_not_null(f);
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, field, n) == 0)
			v = strtoull(line + n, NULL, 16);
	fclose(f);
	return v;
}

/*
 * As root, the judge empties its own capability bounding set before its
 * first launch with the root layers, so that no child has to drop 41
 * capabilities; the judge keeps its effective ones (it still mounts, joins
 * namespaces and moves tasks between cgroups), and a second run works.
 */
Test(launch, root_judge_keeps_its_capabilities, .timeout = 60)
{
	static struct policy pol;
	char *argv[] = { (char *)harness_helper("hello"), NULL };
	struct harness_run h;
	unsigned long long eff;

	if (geteuid() != 0)
		harness_skip("not root: the judge drops no bounding set");
	harness_load("c", &pol);
	eff = status_caps("CapEff:");
	for (int i = 0; i < 2; i++) {
		harness_run(&pol, RUN_SECCOMP, harness_limits(), argv, &h);
		cr_expect_str_eq(h.out, "hello\n", "run %d: %s", i, h.res.message);
		cr_expect(h.rr.layers.uid_drop, "run %d: the root layers are off", i);
		harness_run_done(&h);
	}
	cr_expect_eq(status_caps("CapBnd:"), 0ULL);
	cr_expect_eq(status_caps("CapEff:"), eff, "the judge lost effective capabilities");
	policy_free(&pol);
}
