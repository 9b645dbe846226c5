#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long r = syscall(SYS_rename, "victim.txt", "moved.txt");

	if (r < 0)
		return errno;
	puts("PWNED: rename-victim");
	return 0;
}
