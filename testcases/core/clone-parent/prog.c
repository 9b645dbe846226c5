#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

/* CLONE_PARENT makes the child a sibling: a child of the judge, not of the program. */
int main(void)
{
	long pid = syscall(SYS_clone, CLONE_PARENT, 0, 0, 0, 0);

	if (pid == 0) {
		sleep(60);
		_exit(0);
	}
	return pid < 0 ? 1 : 0;
}
