#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long r = syscall(SYS_truncate, "victim.txt", 0);

	if (r < 0)
		return errno;
	puts("PWNED: truncate-victim");
	return 0;
}
