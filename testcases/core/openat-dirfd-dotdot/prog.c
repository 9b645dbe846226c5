#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* A descriptor of an allowed directory as the base, then enough ".." to leave it. */
int main(int argc, char **argv)
{
	char path[4096], buf[4096];
	int dir, fd;
	ssize_t n;

	if (argc < 2)
		return 1;
	dir = open("/usr/lib/x86_64-linux-gnu", O_RDONLY | O_DIRECTORY);
	if (dir < 0)
		return 2;
	snprintf(path, sizeof(path), "../../../../..%s", argv[1]);
	fd = openat(dir, path, O_RDONLY);
	if (fd < 0)
		return errno;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, (size_t)n, stdout);
	return 0;
}
