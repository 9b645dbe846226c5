#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* Prints whatever it manages to read; exits with the errno of a refusal. */
int main(int argc, char **argv)
{
	char buf[4096];
	ssize_t n;
	int fd = open(argc > 1 ? argv[1] : "/nonexistent", O_RDONLY);

	if (fd < 0)
		return errno;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, (size_t)n, stdout);
	return 0;
}
