/* syscall-heavy: a million one-byte writes, each one a syscall. */
#include <fcntl.h>
#include <unistd.h>

int main(void)
{
	int fd = open("/dev/null", O_WRONLY);

	if (fd < 0)
		return 1;
	for (long i = 0; i < 1000000; i++)
		if (write(fd, "x", 1) != 1)
			return 2;
	return 0;
}
