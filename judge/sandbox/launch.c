#include "launch.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * The child's steps, in the order child_main takes them; the order is a
 * security property:
 *   deathsig, traceme   the child dies with the judge and stops for its tracer
 *   pgid                a group of its own, for killing the whole tree
 *   namespaces          before the fds are closed: the pinned netns is one
 *   view                the filesystem the program sees: from here on every
 *                       path (the program, Landlock's rules, the cwd) is
 *                       found in it, at the path it has on the host
 *   fds, chdir          0, 1, 2 and nothing else; the working directory
 *   rlimits             the kernel's backstop
 *   open exe, ruleset   opened while the judge's rights still reach them
 *   ids                 the unprivileged uid, no capabilities
 *   no_new_privs        before Landlock and seccomp, which require it
 *   landlock            files, sockets and signals the policy allows
 *   filter              last: from here on even the execve below is policed
 *   exec
 */
enum step {
	STEP_DEATHSIG, STEP_TRACEME, STEP_PGID, STEP_NAMESPACES, STEP_VIEW, STEP_FDS, STEP_CHDIR,
	STEP_RLIMITS, STEP_OPEN_EXE, STEP_RULESET, STEP_IDS, STEP_NO_NEW_PRIVS, STEP_LANDLOCK,
	STEP_FILTER, STEP_EXEC, STEP_COUNT
};

static const char *const step_names[STEP_COUNT] = {
	[STEP_DEATHSIG] = "prctl(PDEATHSIG)", [STEP_TRACEME] = "ptrace(TRACEME)",
	[STEP_PGID] = "setpgid", [STEP_NAMESPACES] = "entering namespaces",
	[STEP_VIEW] = "building the filesystem view",
	[STEP_FDS] = "redirecting fds", [STEP_CHDIR] = "chdir", [STEP_RLIMITS] = "setrlimit",
	[STEP_OPEN_EXE] = "execve", [STEP_RULESET] = "landlock", [STEP_IDS] = "dropping privileges",
	[STEP_NO_NEW_PRIVS] = "prctl(NO_NEW_PRIVS)", [STEP_LANDLOCK] = "landlock",
	[STEP_FILTER] = "installing the seccomp filter", [STEP_EXEC] = "execve",
};

struct child_report {
	int step;
	int err;
};

static void __attribute__((noreturn)) child_fail(int fd, enum step s)
{
	struct child_report r = { s, errno };

	if (write(fd, &r, sizeof(r)) < 0)
		(void)0;
	syscall(SYS_exit_group, 127);
	for (;;)
		;
}

static int set_limit(int res, int64_t soft, int64_t hard)
{
	struct rlimit rl = { (rlim_t)soft, (rlim_t)hard };

	return setrlimit(res, &rl);
}

static int child_rlimits(const struct rlimit_plan *p)
{
	if (set_limit(RLIMIT_CORE, 0, 0) ||
	    set_limit(RLIMIT_CPU, p->cpu_s, p->cpu_s + 1) ||
	    set_limit(p->mem_data ? RLIMIT_DATA : RLIMIT_AS, p->mem_bytes, p->mem_bytes) ||
	    set_limit(RLIMIT_STACK, p->stack_bytes, p->stack_bytes) ||
	    set_limit(RLIMIT_FSIZE, p->fsize_bytes, p->fsize_bytes) ||
	    set_limit(RLIMIT_NOFILE, p->nofile, p->nofile) ||
	    set_limit(RLIMIT_MEMLOCK, 0, 0) ||
	    set_limit(RLIMIT_MSGQUEUE, 0, 0))
		return -1;
	return 0;
}

/* Puts a, b, c on 0, 1, 2 even when they already sit on one of those. */
static int child_fds(int in, int out, int err, int keep)
{
	int fds[3] = { in, out, err };

	for (int i = 0; i < 3; i++)
		if ((fds[i] = fcntl(fds[i], F_DUPFD_CLOEXEC, 10)) < 0)
			return -1;
	for (int i = 0; i < 3; i++)
		if (dup2(fds[i], i) < 0)
			return -1;
	/* Everything else the judge had open stays behind: only `keep` survives. */
	if ((keep > 3 && close_range(3, (unsigned)keep - 1, 0) < 0) ||
	    close_range((unsigned)keep + 1, ~0U, 0) < 0)
		return -1;
	return 0;
}

static void __attribute__((noreturn)) child_main(const struct launch_spec *s, int errfd)
{
	pid_t parent = getppid();
	int ruleset = -1, exe_fd = -1;

	/* First: should the judge die before EXITKILL is set, this child dies too. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
		child_fail(errfd, STEP_DEATHSIG);
	if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0)
		child_fail(errfd, STEP_TRACEME);
	/* The tracer sets its options and the cgroup during this stop. */
	if (kill(getpid(), SIGSTOP) < 0)
		child_fail(errfd, STEP_TRACEME);
	if (setpgid(0, 0) < 0)
		child_fail(errfd, STEP_PGID);
	/* Before the fds are closed: the pinned network namespace is one of them. */
	if (s->isolate && isolate_enter(s->isolate) < 0)
		child_fail(errfd, STEP_NAMESPACES);
	/* Without root the view's user namespace changes the credentials, which clears the parent-death signal. */
	if (s->view && (view_enter(s->view) < 0 ||
			(s->view->userns && (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 ||
					     getppid() != parent))))
		child_fail(errfd, STEP_VIEW);
	if (errfd < 3) {
		/* keep the error pipe clear of 0..2 before they are replaced */
		int e = fcntl(errfd, F_DUPFD_CLOEXEC, 10);

		if (e < 0)
			child_fail(errfd, STEP_FDS);
		errfd = e;
	}
	if (child_fds(s->fd_in, s->fd_out, s->fd_err, errfd) < 0)
		child_fail(errfd, STEP_FDS);
	util_reset_signals();
	if (s->workdir && chdir(s->workdir) < 0)
		child_fail(errfd, STEP_CHDIR);
	if (child_rlimits(&s->rl) < 0)
		child_fail(errfd, STEP_RLIMITS);
	/*
	 * The program and the rules' paths are opened while the judge's rights
	 * still reach them: the unprivileged uid may not search, say, /root.
	 */
	if (s->exec_by_fd && (exe_fd = open(s->exe, O_PATH | O_CLOEXEC)) < 0)
		child_fail(errfd, STEP_OPEN_EXE);
	if (s->landlock && (ruleset = landlock_prepare(s->landlock)) < 0)
		child_fail(errfd, STEP_RULESET);
	if (s->isolate && (isolate_drop_privileges(s->isolate) < 0 ||
			   /* a change of credentials clears the parent-death signal */
			   prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent))
		child_fail(errfd, STEP_IDS);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		child_fail(errfd, STEP_NO_NEW_PRIVS);
	if (ruleset >= 0 && landlock_enforce(ruleset) < 0)
		child_fail(errfd, STEP_LANDLOCK);
	/* Last: from here on even the execve below is policed. */
	if (s->filter && filter_install(s->filter) < 0)
		child_fail(errfd, STEP_FILTER);
	if (exe_fd >= 0)
		syscall(SYS_execveat, exe_fd, "", s->argv, s->envp, AT_EMPTY_PATH);
	else
		execve(s->exe, s->argv, s->envp);
	child_fail(errfd, STEP_EXEC);
}

int launch_start(const struct launch_spec *s, struct launch *l, struct jerr *err)
{
	int pfd[2], status;
	pid_t pid;
	long opts = PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE |
		    PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC |
		    PTRACE_O_TRACEEXIT | PTRACE_O_TRACESECCOMP;

	if (pipe2(pfd, O_CLOEXEC) < 0) {
		jerr_set(err, "", "", "pipe: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		jerr_set(err, "", "", "fork: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	if (pid == 0) {
		close(pfd[0]);
		child_main(s, pfd[1]);
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
	if (s->cgroup && cgroup_attach(s->cgroup, pid) < 0) {
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
