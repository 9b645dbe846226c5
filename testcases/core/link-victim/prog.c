#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long r = syscall(SYS_link, "victim.txt", "hardlink");

	if (r < 0)
		return errno;
	puts("PWNED: link-victim");
	return 0;
}
