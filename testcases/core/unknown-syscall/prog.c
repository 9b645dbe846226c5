#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	if (syscall(1000, 0, 0, 0) != -1)
		puts("PWNED: syscall 1000");
	return 1;
}
