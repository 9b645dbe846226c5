#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long fd = syscall(SYS_creat, "/tmp/judge-e2e-pwned", 0644);

	if (fd < 0)
		return errno;
	puts("PWNED: created /tmp/judge-e2e-pwned");
	return 0;
}
