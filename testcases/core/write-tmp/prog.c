#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* Exits with the errno of a refusal; prints PWNED only if the file was made. */
int main(void)
{
	int fd = open("/tmp/judge-e2e-pwned", O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return errno;
	if (write(fd, "PWNED\n", 6) == 6)
		puts("PWNED: wrote /tmp/judge-e2e-pwned");
	return 0;
}
