#ifndef JUDGE_LAUNCH_H
#define JUDGE_LAUNCH_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "cgroup.h"
#include "filter.h"
#include "isolate.h"
#include "landlock.h"
#include "view.h"
#include "util.h"

/* Resource limits the kernel enforces on its own, as a backstop to the tracer. */
struct rlimit_plan {
	int64_t cpu_s;		/* RLIMIT_CPU: SIGXCPU after this, SIGKILL a second later */
	int64_t mem_bytes;	/* RLIMIT_AS or RLIMIT_DATA (mem_data) */
	bool mem_data;
	int64_t stack_bytes;
	int64_t fsize_bytes;	/* RLIMIT_FSIZE: the output limit */
	int64_t nofile;
};

struct launch_spec {
	const char *exe;		/* absolute path */
	bool exec_by_fd;		/* an ELF file: execveat on an fd opened before the uid drop */
	char *const *argv;
	char *const *envp;
	const char *workdir;
	int fd_in, fd_out, fd_err;
	struct rlimit_plan rl;
	const struct filter *filter;	/* NULL: no seccomp (ptrace-only fallback) */
	const struct landlock_spec *landlock;	/* NULL: none */
	const struct isolate_spec *isolate;	/* root: namespaces, read-only view, uid drop; or NULL */
	struct view *view;		/* the filesystem the program sees (view.c), or NULL */
	const struct cgroup *cgroup;		/* joined before the program starts; or NULL */
	bool trace_syscalls;		/* PTRACE_SYSCALL fallback, no filter */
};

struct launch {
	pid_t pid;
	int errfd;		/* read end: the child's report if setup failed */
};

/*
 * Starts the program: a child that shares the judge's memory until its
 * execve (clone(CLONE_VM), launch.c says what that asks of both sides).
 * The child stops itself with SIGSTOP right after PTRACE_TRACEME;
 * launch_start waits for that stop, sets the ptrace options (so
 * PTRACE_O_EXITKILL covers the whole setup) and lets it run to its execve,
 * which the tracer sees as the launch.  `s` and everything it points to
 * must stay as they are until the tracer has seen that execve or the
 * child's death (tracer_run returns after both).  Not to be called again
 * before then.  Returns 0 or -1 with err.
 */
int launch_start(const struct launch_spec *s, struct launch *l, struct jerr *err);
/* After the child died before exec: what failed, from the error pipe. */
bool launch_failure(int errfd, char *msg, size_t len);

#endif
