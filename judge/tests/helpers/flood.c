/*
 * Without arguments: writes to stdout until the judge stops it.  With
 * "split N": writes N bytes to stdout and N to stderr and exits 0, so only
 * the two counted together can go over the output limit.  With "ignore" or
 * "block": SIGXFSZ is ignored or blocked, so the write past the limit fails
 * with EFBIG instead of killing, and the program exits 0 as if all was well.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char buf[4096];

static void put(int fd, long n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n < (long)sizeof(buf) ? (size_t)n : sizeof(buf));

		if (w <= 0)
			exit(1);
		n -= w;
	}
}

int main(int argc, char **argv)
{
	memset(buf, 'x', sizeof(buf));
	if (argc == 3 && strcmp(argv[1], "split") == 0) {
		long n = atol(argv[2]);

		put(1, n);
		put(2, n);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "ignore") == 0)
		signal(SIGXFSZ, SIG_IGN);
	if (argc == 2 && strcmp(argv[1], "block") == 0) {
		sigset_t s;

		sigemptyset(&s);
		sigaddset(&s, SIGXFSZ);
		sigprocmask(SIG_BLOCK, &s, NULL);
	}
	if (argc == 2)
		for (;;)
			if (write(1, buf, sizeof(buf)) < 0)
				return 0;
	for (;;)
		put(1, sizeof(buf));
}
