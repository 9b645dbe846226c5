#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long r = syscall(SYS_mkdir, "newdir", 0755);

	if (r < 0)
		return errno;
	puts("PWNED: mkdir");
	return 0;
}
