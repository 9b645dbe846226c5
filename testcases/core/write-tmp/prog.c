#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/*
 * Exits with the errno of a refusal; prints PWNED only if the file was made.
 * The path is the run's own (/tmp/judge-e2e-{tag}): the runner's self-check
 * really makes it, and must not trip another suite running beside it.
 */
int main(int argc, char **argv)
{
	int fd;

	if (argc < 2)
		return 2;
	fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return errno;
	if (write(fd, "PWNED\n", 6) == 6)
		printf("PWNED: wrote %s\n", argv[1]);
	return 0;
}
