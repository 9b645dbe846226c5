/*
 * floor: the least a tracer-based judge must do to run a program, as the
 * yardstick for the judge's start-up in `make bench`.
 *
 *   floor PROGRAM [ARGS...]      run it: fork, PTRACE_TRACEME, SIGSTOP,
 *                                options, seccomp filter, execve, trace to
 *                                its end; exit with its status
 *   floor --bpf FILE             write the same filter, as bwrap's --seccomp
 *                                reads it (struct sock_filter after struct)
 *
 * The filter is what every judge filter starts with: the architecture is
 * checked, then a few syscalls a judge always refuses (here: ptrace, the
 * kexec and module families) and everything else allowed.  The tracer sets
 * the options a judge needs (EXITKILL, TRACESECCOMP, TRACEEXEC, TRACEEXIT)
 * and resumes every stop, passing signals on.  No policy, no limits, no
 * namespaces, no measurement: what is left is the price of ptrace and seccomp
 * themselves, which no such judge can go below.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define LOAD_NR BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr))
#define DENY(nr) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), \
		 BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS)

static struct sock_filter insns[] = {
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
	LOAD_NR,
	DENY(__NR_ptrace),
	DENY(__NR_kexec_load),
	DENY(__NR_init_module),
	DENY(__NR_finit_module),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
};

static struct sock_fprog prog = { sizeof(insns) / sizeof(insns[0]), insns };

static int write_bpf(const char *path)
{
	FILE *f = fopen(path, "we");

	if (!f || fwrite(insns, sizeof(insns), 1, f) != 1 || fclose(f) != 0) {
		perror(path);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int st;
	pid_t pid;

	if (argc == 3 && strcmp(argv[1], "--bpf") == 0)
		return write_bpf(argv[2]);
	if (argc < 2) {
		fprintf(stderr, "usage: floor PROGRAM [ARGS...] | floor --bpf FILE\n");
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0 || raise(SIGSTOP) < 0 ||
		    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
		    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
			_exit(126);
		execv(argv[1], argv + 1);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st) ||
	    ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_EXITKILL | PTRACE_O_TRACESECCOMP |
		   PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT) < 0 ||
	    ptrace(PTRACE_CONT, pid, 0, 0) < 0) {
		perror("floor: ptrace");
		return 2;
	}
	for (;;) {
		int sig = 0;

		if (waitpid(pid, &st, __WALL) != pid) {
			perror("floor: waitpid");
			return 2;
		}
		if (WIFEXITED(st))
			return WEXITSTATUS(st);
		if (WIFSIGNALED(st))
			return 128 + WTERMSIG(st);
		/* an event stop carries SIGTRAP with the event above it: nothing to pass on */
		if (WIFSTOPPED(st) && (st >> 16) == 0 && WSTOPSIG(st) != SIGTRAP)
			sig = WSTOPSIG(st);
		ptrace(PTRACE_CONT, pid, 0, sig);
	}
}
