#include "launch.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#endif

#include "rawsys.h"

/*
 * Theory of operation.  The child is made like posix_spawn makes one:
 * clone(CLONE_VM) on a stack of its own, so that it shares the judge's
 * memory until its execve instead of getting a copy of it.  A fork() copies
 * the page tables and write-protects every page of the judge, and each page
 * the judge then writes again costs a fault (30 to 55 us on the VM of
 * docs/bench.md): a resident worker's slot paid some 58 per test.  With
 * CLONE_VM nothing is copied and nothing faults.
 *
 * The sandbox is the same: the program itself only ever runs after the
 * launching execve, which gives it a new, empty address space; the child
 * does its set-up (namespaces, the view, fds, limits, ids, Landlock,
 * seccomp) on its own task, whose credentials, namespaces, fds, limits
 * and filters are its own whatever memory it shares.
 *
 * What sharing the judge's memory asks of the child until that execve:
 *   - raw system calls only (rawsys.h): glibc's wrappers store failures in
 *     errno, the judge's, in its thread-local storage; no malloc, no stdio,
 *     no lock;
 *   - no store into anything the judge owns: it reads the launch_spec and
 *     what it points to (launch_start's caller keeps them untouched until
 *     tracer_run returns, by which time the child has made its execve or is
 *     dead), copies launch_start's own arguments onto its stack before the
 *     stop (launch_start returns only after that stop), and writes only its
 *     own stack;
 *   - no signal handler of the judge's may run on it: launch_start blocks
 *     every signal around the clone, and the child sets the dispositions the
 *     judge changed back to their default before it unblocks them.
 *
 * One case may take fork() still: joining a kept view's user namespace (a
 * judge without root, view_share), which older kernels refuse to a task
 * whose memory is shared (setns(CLONE_NEWUSER): EINVAL); the kernel is
 * asked once (shared_memory_joins_userns).
 */

/*
 * The child's steps, in the order child_main takes them; the order is a
 * security property:
 *   deathsig, traceme   the child dies with the judge and stops for its tracer
 *   cgroup              on v1 it moves itself into the run's group, before
 *                       the stop (cgroup.c says why not the tracer)
 *   pgid                a group of its own, for killing the whole tree
 *   namespaces          before the fds are closed: the pinned netns is one
 *   view                the filesystem the program sees: from here on every
 *                       path (the program, Landlock's rules, the cwd) is
 *                       found in it, at the path it has on the host
 *   fds, signals, chdir 0, 1, 2 and nothing else; default dispositions
 *   rlimits             the kernel's backstop
 *   open exe, ruleset   opened while the judge's rights still reach them
 *   ids                 the unprivileged uid, no capabilities (the bounding
 *                       set is the judge's, emptied before the clone)
 *   no_new_privs        before Landlock and seccomp, which require it
 *   landlock            files, sockets and signals the policy allows
 *   filter              last: from here on even the execve below is policed
 *   exec
 */
enum step {
	STEP_DEATHSIG, STEP_TRACEME, STEP_CGROUP, STEP_PGID, STEP_NAMESPACES, STEP_VIEW, STEP_FDS,
	STEP_CHDIR, STEP_RLIMITS, STEP_OPEN_EXE, STEP_RULESET, STEP_IDS, STEP_NO_NEW_PRIVS, STEP_LANDLOCK,
	STEP_FILTER, STEP_EXEC, STEP_SIGNALS, STEP_COUNT
};

static const char *const step_names[STEP_COUNT] = {
	[STEP_DEATHSIG] = "prctl(PDEATHSIG)", [STEP_TRACEME] = "ptrace(TRACEME)",
	[STEP_CGROUP] = "joining the run's cgroup",
	[STEP_PGID] = "setpgid", [STEP_NAMESPACES] = "entering namespaces",
	[STEP_VIEW] = "building the filesystem view",
	[STEP_FDS] = "redirecting fds", [STEP_CHDIR] = "chdir", [STEP_RLIMITS] = "setrlimit",
	[STEP_OPEN_EXE] = "execve", [STEP_RULESET] = "landlock", [STEP_IDS] = "dropping privileges",
	[STEP_NO_NEW_PRIVS] = "prctl(NO_NEW_PRIVS)", [STEP_LANDLOCK] = "landlock",
	[STEP_FILTER] = "installing the seccomp filter", [STEP_EXEC] = "execve",
	[STEP_SIGNALS] = "resetting signals",
};

struct child_report {
	int step;
	int err;
};

/* What launch_start hands the child; copied onto the child's stack before its stop. */
struct child_arg {
	const struct launch_spec *s;
	int errfd;
	pid_t parent;
};

/*
 * The child's stack: made once per judge process, never freed, so never
 * unmapped under a child (launch_start is not entered again before the
 * previous launch's tracer_run has returned: by then its child has made its
 * execve or is dead).  A guard page below it.  The deepest path, a view
 * built afresh, takes a few KiB and an fd per bind mount (VIEW_MAX_BINDS).
 */
#define CHILD_STACK (256 * 1024)
static char *child_stack_base;

static long page_size(void)
{
	long p = sysconf(_SC_PAGESIZE);

	return p > 0 ? p : 4096;
}

static char *child_stack_top(void)
{
	if (!child_stack_base) {
		char *m = mmap(NULL, CHILD_STACK + (size_t)page_size(), PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);

		if (m == MAP_FAILED)
			return NULL;
		if (mprotect(m, (size_t)page_size(), PROT_NONE) < 0) {
			munmap(m, CHILD_STACK + (size_t)page_size());
			return NULL;
		}
		child_stack_base = m + page_size();
	}
#ifdef __SANITIZE_ADDRESS__
	/* a previous child left the stack-redzone marks of frames it never returned from */
	__asan_unpoison_memory_region(child_stack_base, CHILD_STACK);
#endif
	/* the ABI wants a 16-byte aligned stack pointer: the top is page aligned */
	return child_stack_base + CHILD_STACK;
}

/*
 * The signals the child sets back to SIG_DFL: those not at their default
 * in this process when it first launches (inherited as ignored, say under
 * nohup, or handled by then), and those the judge changes later on.
 * execve itself resets a handled signal, but SIG_IGN and the mask survive
 * it; and until that execve a handler of the judge's must not run on the
 * child.  Read once: 64 sigaction calls here instead of 62 in every child.
 */
static const int judge_changes[] = {
	SIGPIPE,			/* rconn.c, interact.c: ignored */
	SIGTERM, SIGINT, SIGHUP,	/* util_catch_interrupts, slot.c, worker.c: handled */
	SIGALRM,			/* tracer.c: the tick, handled during a run */
	SIGCHLD,			/* a caller that does not want zombies */
};
static int reset_sigs[NSIG];
static int n_reset_sigs = -1;

static void plan_signal_reset(void)
{
	sigset_t set;

	if (n_reset_sigs >= 0)
		return;
	sigemptyset(&set);
	for (int sig = 1; sig < NSIG; sig++) {
		struct sigaction sa;

		if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler != SIG_DFL)
			sigaddset(&set, sig);
	}
	for (size_t i = 0; i < ARRAY_SIZE(judge_changes); i++)
		sigaddset(&set, judge_changes[i]);
	n_reset_sigs = 0;
	for (int sig = 1; sig < NSIG; sig++)
		if (sigismember(&set, sig) == 1)
			reset_sigs[n_reset_sigs++] = sig;
}

/* The kernel's struct sigaction (x86_64, aarch64): SIG_DFL needs no restorer. */
struct k_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

static long child_signals(void)
{
	struct k_sigaction dfl = { SIG_DFL, 0, NULL, 0 };
	uint64_t none = 0;
	long r;

	for (int i = 0; i < n_reset_sigs; i++)
		if ((r = RAWSYS(SYS_rt_sigaction, reset_sigs[i], &dfl, NULL, sizeof(dfl.mask))) < 0 &&
		    r != -EINVAL)
			return r;
	/* blocked by launch_start since the clone; the program starts with none blocked */
	return RAWSYS(SYS_rt_sigprocmask, SIG_SETMASK, &none, NULL, sizeof(none));
}

/* Reports the failed step and ends the child; returns only formally (clone wants an int). */
static int child_fail(int fd, enum step s, long r)
{
	struct child_report rep = { s, r < 0 ? (int)-r : EIO };

	RAWSYS(SYS_write, fd, &rep, sizeof(rep));
	RAWSYS(SYS_exit_group, 127);
	return 127;
}

static long set_limit(int res, int64_t soft, int64_t hard)
{
	struct rlimit rl = { (rlim_t)soft, (rlim_t)hard };

	return RAWSYS(SYS_prlimit64, 0, res, &rl, NULL);
}

static long child_rlimits(const struct rlimit_plan *p)
{
	long r;

	if ((r = set_limit(RLIMIT_CORE, 0, 0)) < 0 ||
	    (r = set_limit(RLIMIT_CPU, p->cpu_s, p->cpu_s + 1)) < 0 ||
	    (r = set_limit(p->mem_data ? RLIMIT_DATA : RLIMIT_AS, p->mem_bytes, p->mem_bytes)) < 0 ||
	    (r = set_limit(RLIMIT_STACK, p->stack_bytes, p->stack_bytes)) < 0 ||
	    (r = set_limit(RLIMIT_FSIZE, p->fsize_bytes, p->fsize_bytes)) < 0 ||
	    (r = set_limit(RLIMIT_NOFILE, p->nofile, p->nofile)) < 0 ||
	    (r = set_limit(RLIMIT_MEMLOCK, 0, 0)) < 0 ||
	    (r = set_limit(RLIMIT_MSGQUEUE, 0, 0)) < 0)
		return r;
	return 0;
}

/* Puts a, b, c on 0, 1, 2 even when they already sit on one of those. */
static long child_fds(int in, int out, int err, int keep)
{
	int fds[3] = { in, out, err };
	long r;

	for (int i = 0; i < 3; i++) {
		if ((r = RAWSYS(SYS_fcntl, fds[i], F_DUPFD_CLOEXEC, 10)) < 0)
			return r;
		fds[i] = (int)r;
	}
	/* dup3, not dup2 (which aarch64 lacks): the copies are all above 9 */
	for (int i = 0; i < 3; i++)
		if ((r = RAWSYS(SYS_dup3, fds[i], i, 0)) < 0)
			return r;
	/* Everything else the judge had open stays behind: only `keep` survives. */
	if ((keep > 3 && (r = RAWSYS(SYS_close_range, 3, (unsigned)keep - 1, 0)) < 0) ||
	    (r = RAWSYS(SYS_close_range, (unsigned)keep + 1, ~0U, 0)) < 0)
		return r;
	return 0;
}

static int child_main(void *arg)
{
	/* in launch_start's frame, which goes once it has seen the stop below */
	const struct child_arg a = *(const struct child_arg *)arg;
	const struct launch_spec *s = a.s;
	int errfd = a.errfd, ruleset = -1;
	long r, exe_fd = -1;

	/* First: should the judge die before EXITKILL is set, this child dies too. */
	if ((r = RAWSYS(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL)) < 0 || RAWSYS(SYS_getppid) != a.parent)
		return child_fail(errfd, STEP_DEATHSIG, r);
	if ((r = RAWSYS(SYS_ptrace, PTRACE_TRACEME, 0, 0, 0)) < 0)
		return child_fail(errfd, STEP_TRACEME, r);
	if (s->cgroup && (r = cgroup_join_self(s->cgroup)) < 0)
		return child_fail(errfd, STEP_CGROUP, r);
	/* The tracer sets its options, and on v2 the cgroup, during this stop. */
	if ((r = RAWSYS(SYS_kill, RAWSYS(SYS_getpid), SIGSTOP)) < 0)
		return child_fail(errfd, STEP_TRACEME, r);
	if ((r = RAWSYS(SYS_setpgid, 0, 0)) < 0)
		return child_fail(errfd, STEP_PGID, r);
	/* Before the fds are closed: the pinned network namespace is one of them. */
	if (s->isolate && (r = isolate_enter(s->isolate)) < 0)
		return child_fail(errfd, STEP_NAMESPACES, r);
	/* Without root the view's user namespace changes the credentials, which clears the parent-death signal. */
	if (s->view && ((r = view_enter(s->view)) < 0 ||
			(s->view->userns &&
			 ((r = RAWSYS(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL)) < 0 ||
			  RAWSYS(SYS_getppid) != a.parent))))
		return child_fail(errfd, STEP_VIEW, r);
	if (errfd < 3) {
		/* keep the error pipe clear of 0..2 before they are replaced */
		if ((r = RAWSYS(SYS_fcntl, errfd, F_DUPFD_CLOEXEC, 10)) < 0)
			return child_fail(errfd, STEP_FDS, r);
		errfd = (int)r;
	}
	if ((r = child_fds(s->fd_in, s->fd_out, s->fd_err, errfd)) < 0)
		return child_fail(errfd, STEP_FDS, r);
	if ((r = child_signals()) < 0)
		return child_fail(errfd, STEP_SIGNALS, r);
	if (s->workdir && (r = RAWSYS(SYS_chdir, s->workdir)) < 0)
		return child_fail(errfd, STEP_CHDIR, r);
	if ((r = child_rlimits(&s->rl)) < 0)
		return child_fail(errfd, STEP_RLIMITS, r);
	/*
	 * The program and the rules' paths are opened while the judge's rights
	 * still reach them: the unprivileged uid may not search, say, /root.
	 */
	if (s->exec_by_fd && (exe_fd = RAWSYS(SYS_openat, AT_FDCWD, s->exe, O_PATH | O_CLOEXEC)) < 0)
		return child_fail(errfd, STEP_OPEN_EXE, exe_fd);
	if (s->landlock && (ruleset = landlock_prepare(s->landlock)) < 0)
		return child_fail(errfd, STEP_RULESET, ruleset);
	if (s->isolate && ((r = isolate_drop_privileges(s->isolate)) < 0 ||
			   /* a change of credentials clears the parent-death signal */
			   (r = RAWSYS(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL)) < 0 ||
			   RAWSYS(SYS_getppid) != a.parent))
		return child_fail(errfd, STEP_IDS, r);
	if ((r = RAWSYS(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) < 0)
		return child_fail(errfd, STEP_NO_NEW_PRIVS, r);
	if (ruleset >= 0 && (r = landlock_enforce(ruleset)) < 0)
		return child_fail(errfd, STEP_LANDLOCK, r);
	/* Last: from here on even the execve below is policed. */
	if (s->filter && (r = filter_install_raw(s->filter)) < 0)
		return child_fail(errfd, STEP_FILTER, r);
	if (exe_fd >= 0)
		r = RAWSYS(SYS_execveat, exe_fd, "", s->argv, s->envp, AT_EMPTY_PATH);
	else
		r = RAWSYS(SYS_execve, s->exe, s->argv, s->envp);
	return child_fail(errfd, STEP_EXEC, r);
}

/*
 * Whether this kernel lets a task that shares its memory join a user
 * namespace: Linux 6.18 does; older kernels' userns_install refused any
 * task whose memory had another user ("threaded processes may not enter a
 * different user namespace": EINVAL).  Asked once per judge process, of a
 * child made as the launch's is.
 */
static int probe_child(void *arg)
{
	return RAWSYS(SYS_setns, *(const int *)arg, CLONE_NEWUSER) < 0;
}

static bool shared_memory_joins_userns(int user_fd, char *stack)
{
	static int known = -1;
	sigset_t all, old;
	int st;
	pid_t pid;

	if (known >= 0)
		return known;
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	pid = clone(probe_child, stack, CLONE_VM | SIGCHLD, &user_fd);
	sigprocmask(SIG_SETMASK, &old, NULL);
	known = pid > 0 && waitpid(pid, &st, __WALL) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0;
	return known;
}

/* fork() when the child must join a kept view's user namespace and the kernel refuses that to a clone. */
static bool needs_fork(const struct launch_spec *s, char *stack)
{
	return s->view && s->view->userns && s->view->mnt_fd >= 0 &&
	       !shared_memory_joins_userns(s->view->user_fd, stack);
}

/* `a` lives in launch_start's frame, which stays until the child's stop: the child copies it before. */
static pid_t start_child(const struct launch_spec *s, const struct child_arg *a)
{
	sigset_t all, old;
	char *stack = NULL;
	pid_t pid;
	int e;

	if (!(stack = child_stack_top()))
		return -1;
	if (needs_fork(s, stack))
		stack = NULL;
	plan_signal_reset();
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	if (stack) {
		pid = clone(child_main, stack, CLONE_VM | SIGCHLD, (void *)a);
	} else {
		pid = fork();
		if (pid == 0)
			RAWSYS(SYS_exit_group, child_main((void *)a));
	}
	e = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = e;
	return pid;
}

int launch_start(const struct launch_spec *s, struct launch *l, struct jerr *err)
{
	int pfd[2], status;
	struct child_arg a;
	pid_t pid;
	long opts = PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE |
		    PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC |
		    PTRACE_O_TRACEEXIT | PTRACE_O_TRACESECCOMP;

	/* the children inherit it empty: isolate.h says why here */
	if (s->isolate && isolate_drop_bounding_set() < 0) {
		jerr_set(err, "", "", "cannot empty the capability bounding set: %s", strerror(errno));
		return -1;
	}
	if (pipe2(pfd, O_CLOEXEC) < 0) {
		jerr_set(err, "", "", "pipe: %s", strerror(errno));
		return -1;
	}
	a = (struct child_arg){ s, pfd[1], getpid() };
	pid = start_child(s, &a);
	if (pid < 0) {
		jerr_set(err, "", "", "clone: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	close(pfd[1]);
	l->pid = pid;
	l->errfd = pfd[0];
	if (waitpid(pid, &status, __WALL) != pid || !WIFSTOPPED(status) ||
	    WSTOPSIG(status) != SIGSTOP) {
		char msg[256];

		kill(pid, SIGKILL);
		waitpid(pid, NULL, __WALL);
		if (!launch_failure(l->errfd, msg, sizeof(msg)))
			snprintf(msg, sizeof(msg), "the child did not stop for the tracer");
		jerr_set(err, "", "", "%s", msg);
		close(l->errfd);
		return -1;
	}
	if (ptrace(PTRACE_SETOPTIONS, pid, 0, opts) < 0) {
		jerr_set(err, "", "", "ptrace(SETOPTIONS): %s", strerror(errno));
		kill(pid, SIGKILL);
		waitpid(pid, NULL, __WALL);
		close(l->errfd);
		return -1;
	}
	if (s->cgroup && !cgroup_joined_by_child(s->cgroup) && cgroup_attach(s->cgroup, pid) < 0) {
		jerr_set(err, "", "", "cannot join the run's cgroup: %s", strerror(errno));
		kill(pid, SIGKILL);
		waitpid(pid, NULL, __WALL);
		close(l->errfd);
		return -1;
	}
	if (ptrace(PTRACE_CONT, pid, 0, 0) < 0) {
		jerr_set(err, "", "", "ptrace(CONT): %s", strerror(errno));
		kill(pid, SIGKILL);
		waitpid(pid, NULL, __WALL);
		close(l->errfd);
		return -1;
	}
	return 0;
}

bool launch_failure(int errfd, char *msg, size_t len)
{
	struct child_report r;
	int fl = fcntl(errfd, F_GETFL);

	fcntl(errfd, F_SETFL, fl | O_NONBLOCK);
	if (read(errfd, &r, sizeof(r)) != (ssize_t)sizeof(r))
		return false;
	snprintf(msg, len, "%s failed: %s",
		 r.step >= 0 && r.step < STEP_COUNT ? step_names[r.step] : "setup", strerror(r.err));
	return true;
}
