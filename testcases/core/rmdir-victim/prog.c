#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long r = syscall(SYS_rmdir, "victim.d");

	if (r < 0)
		return errno;
	puts("PWNED: rmdir-victim");
	return 0;
}
