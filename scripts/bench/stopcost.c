/*
 * stopcost: the round trip of one syscall that a supervisor must see, the
 * unit cost of --mode ptrace.  A child makes getpid() 100,000 times; a
 * filter sends each one to the parent, which resumes it at once.
 *
 *   stopcost ptrace|ptrace-rusage|notify same|cross
 *
 * ptrace          SECCOMP_RET_TRACE; the parent does wait4, PTRACE_GET_SYSCALL_INFO,
 *                 PTRACE_CONT, as judge/sandbox/tracer.c does per stop
 * ptrace-rusage   the same with wait4 also filling a struct rusage, as tracer.c does
 * notify          SECCOMP_RET_USER_NOTIF; the parent does NOTIF_RECV, NOTIF_SEND
 *                 with FLAG_CONTINUE (Linux 5.5+)
 * same / cross    both processes pinned to CPU 0, or child on CPU 1 and parent on 0
 */
#define _GNU_SOURCE
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CALLS 100000

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void pin(int cpu)
{
	cpu_set_t s;

	CPU_ZERO(&s);
	CPU_SET(cpu, &s);
	if (sched_setaffinity(0, sizeof(s), &s) < 0)
		perror("sched_setaffinity");
}

/* getpid goes to the supervisor; everything else is allowed. */
static int install(unsigned ret, unsigned flags)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getpid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, ret),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog p = { 4, f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &p);
}

static void ptrace_parent(pid_t c, int with_rusage)
{
	struct rusage ru;
	int st;

	if (waitpid(c, &st, 0) != c ||
	    ptrace(PTRACE_SETOPTIONS, c, 0, PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL) < 0 ||
	    ptrace(PTRACE_CONT, c, 0, 0) < 0)
		exit(1);
	for (;;) {
		if (wait4(-1, &st, __WALL, with_rusage ? &ru : NULL) < 0 || WIFEXITED(st) || WIFSIGNALED(st))
			return;
		if (st >> 16 == PTRACE_EVENT_SECCOMP) {
			struct __ptrace_syscall_info info;

			ptrace(PTRACE_GET_SYSCALL_INFO, c, sizeof(info), &info);
		}
		ptrace(PTRACE_CONT, c, 0, 0);
	}
}

static void notify_parent(pid_t c, int child_fd)
{
	int pidfd = (int)syscall(SYS_pidfd_open, c, 0);
	int fd = (int)syscall(SYS_pidfd_getfd, pidfd, child_fd, 0);
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;

	if (fd < 0) {
		perror("pidfd_getfd");
		exit(1);
	}
	for (;;) {
		memset(&req, 0, sizeof(req));
		if (ioctl(fd, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0)
			return;	/* the child is gone */
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		if (ioctl(fd, SECCOMP_IOCTL_NOTIF_SEND, &resp) < 0)
			return;
	}
}

int main(int argc, char **argv)
{
	int notify, same, p[2];
	double d;
	pid_t c;

	if (argc != 3 || (strcmp(argv[2], "same") && strcmp(argv[2], "cross"))) {
		fputs("usage: stopcost ptrace|ptrace-rusage|notify same|cross\n", stderr);
		return 2;
	}
	notify = strcmp(argv[1], "notify") == 0;
	same = strcmp(argv[2], "same") == 0;
	if (pipe(p) < 0)
		return 1;
	pin(0);
	if ((c = fork()) == 0) {
		double t0;
		int fd = -1;

		pin(same ? 0 : 1);
		if (notify) {
			fd = install(SECCOMP_RET_USER_NOTIF, SECCOMP_FILTER_FLAG_NEW_LISTENER);
			if (fd < 0 || write(p[1], &fd, sizeof(fd)) != sizeof(fd))
				_exit(1);
		} else if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0 || raise(SIGSTOP) < 0 ||
			   install(SECCOMP_RET_TRACE, 0) < 0) {
			_exit(1);
		}
		t0 = now_ns();
		for (int i = 0; i < CALLS; i++)
			syscall(SYS_getpid);
		d = (now_ns() - t0) / CALLS;
		_exit(write(p[1], &d, sizeof(d)) == sizeof(d) ? 0 : 1);
	}
	if (notify) {
		int fd;

		if (read(p[0], &fd, sizeof(fd)) != sizeof(fd))
			return 1;
		notify_parent(c, fd);
	} else {
		ptrace_parent(c, strcmp(argv[1], "ptrace-rusage") == 0);
	}
	if (read(p[0], &d, sizeof(d)) != sizeof(d))
		return 1;
	waitpid(c, NULL, 0);
	printf("%-14s %-5s %6.2f us per supervised syscall\n", argv[1], argv[2], d / 1e3);
	return 0;
}
