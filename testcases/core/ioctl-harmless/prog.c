#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

/*
 * The descriptor requests runtimes make run (the JDK's FIONREAD before a
 * read from a pipe, Node's FIONBIO at start-up, FIOCLEX); terminal and
 * driver requests fail with ENOTTY, as on a descriptor that is no terminal.
 */
static void refused(const char *what, int fd, unsigned long req, void *arg)
{
	if (ioctl(fd, req, arg) == 0)
		printf("PWNED: %s ran\n", what);
	else
		printf("%s: %s\n", what, strerrorname_np(errno));
}

int main(void)
{
	int p[2], n = -1, on = 1, ldisc = 0;
	struct termios t;
	struct winsize ws = { 1, 1, 0, 0 };
	char c = 'x';

	if (pipe(p) < 0 || write(p[1], "hello", 5) != 5)
		return 1;
	/* stdin is the case's input file; the pipe is the program's own */
	if (ioctl(0, FIONREAD, &n) < 0)
		return 2;
	printf("stdin holds %d bytes\n", n);
	if (ioctl(p[0], FIONREAD, &n) < 0)
		return 3;
	printf("pipe holds %d bytes\n", n);
	if (ioctl(p[0], FIONBIO, &on) < 0 || !(fcntl(p[0], F_GETFL) & O_NONBLOCK))
		return 4;
	puts("pipe is non-blocking");
	if (ioctl(p[0], FIOCLEX) < 0 || !(fcntl(p[0], F_GETFD) & FD_CLOEXEC))
		return 5;
	if (ioctl(p[0], FIONCLEX) < 0 || (fcntl(p[0], F_GETFD) & FD_CLOEXEC))
		return 6;
	puts("close-on-exec set and cleared");
	refused("TCGETS", 1, TCGETS, &t);
	refused("TIOCSTI", 0, TIOCSTI, &c);
	refused("TIOCSWINSZ", 1, TIOCSWINSZ, &ws);
	refused("TIOCSETD", 0, TIOCSETD, &ldisc);
	refused("FIOASYNC", p[0], FIOASYNC, &on);
	/* the kernel reads only the low 32 bits of the request: junk above them is refused too */
	refused("FIONREAD with high bits", p[0], (1UL << 32) | FIONREAD, &n);
	return 0;
}
