#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long pid = syscall(SYS_fork);

	if (pid == 0)
		puts("PWNED: a second process runs");
	return pid < 0 ? 1 : 0;
}
