#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long r = syscall(SYS_chdir, "/");

	if (r < 0)
		return errno;
	puts("PWNED: chdir-root");
	return 0;
}
