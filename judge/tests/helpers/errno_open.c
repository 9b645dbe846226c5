/*
 * Opens argv[1] read-only and prints the errno it got (0 when it opened), so
 * the test sees the policy's "files.deny" errno while the program goes on.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	int fd = open(argc > 1 ? argv[1] : "/etc/passwd", O_RDONLY);

	printf("%d\n", fd < 0 ? errno : 0);
	return 0;
}
