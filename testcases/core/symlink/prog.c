#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long r = syscall(SYS_symlink, "/etc/shadow", "link");

	if (r < 0)
		return errno;
	puts("PWNED: symlink");
	return 0;
}
