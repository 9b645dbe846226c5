#include <errno.h>
#include <stdio.h>
#include <sys/ioctl.h>

/* TIOCSTI pushes characters into a terminal's input, as if typed there. */
int main(void)
{
	char c = 'x';

	if (ioctl(0, TIOCSTI, &c) == 0 || ioctl(1, TIOCSTI, &c) == 0 || ioctl(2, TIOCSTI, &c) == 0) {
		puts("PWNED: typed into a terminal");
		return 0;
	}
	return errno;
}
