#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long pid;

	(void)argc;
	(void)argv;
	pid = syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		/* an untraced child would be free of every rule */
		puts("PWNED: untraced child");
		for (;;)
			pause();
	}
	return pid < 0 ? 1 : 0;
}
