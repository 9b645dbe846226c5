#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long r = syscall(SYS_chmod, "victim.txt", 0777);

	if (r < 0)
		return errno;
	puts("PWNED: chmod-victim");
	return 0;
}
