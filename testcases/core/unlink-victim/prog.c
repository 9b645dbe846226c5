#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long r = syscall(SYS_unlink, "victim.txt");

	if (r < 0)
		return errno;
	puts("PWNED: unlink-victim");
	return 0;
}
