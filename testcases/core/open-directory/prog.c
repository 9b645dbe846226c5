#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

/* opendir() and runtimes listing their library directories open them so. */
int main(void)
{
	int fd = open("/usr/lib/x86_64-linux-gnu", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}
