/*
 * Makes a directory and a file in it under $TMPDIR, then prints $TMPDIR, so
 * that the test sees the run could write there and that it is gone after.
 * Exits with the errno of a step that failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
	const char *t = getenv("TMPDIR");
	char p[4096];
	int fd;

	if (!t || !*t)
		return 2;
	snprintf(p, sizeof(p), "%s/d", t);
	if (mkdir(p, 0700) < 0)
		return errno;
	snprintf(p, sizeof(p), "%s/d/f", t);
	fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0 || write(fd, "x", 1) != 1)
		return errno;
	close(fd);
	printf("%s\n", t);
	return 0;
}
