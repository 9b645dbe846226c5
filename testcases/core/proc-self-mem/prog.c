#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* /proc/self/mem writes ignore page protections: code could be patched. */
int main(void)
{
	int fd = open("/proc/self/mem", O_RDWR);

	if (fd < 0)
		return errno;
	puts("PWNED: /proc/self/mem is open for writing");
	return 0;
}
