#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Needs 48 MiB of working data under a 16 MiB limit.  It keeps them in 48
 * pipes grown to 1 MiB each with F_SETPIPE_SZ (kernel memory no rlimit
 * counts) when it can, else in memory, as a program must.
 */
#define PIPES 48
#define SIZE (1 << 20)

int main(void)
{
	static char chunk[SIZE];
	int fds[PIPES][2], ok = 1;
	long sum = 0;
	char *volatile p;

	memset(chunk, 7, sizeof(chunk));
	for (int i = 0; i < PIPES && ok; i++)
		ok = pipe2(fds[i], O_NONBLOCK) == 0 && fcntl(fds[i][1], F_SETPIPE_SZ, SIZE) >= SIZE &&
		     write(fds[i][1], chunk, SIZE) == SIZE;
	if (ok) {
		for (int i = 0; i < PIPES; i++) {
			if (read(fds[i][0], chunk, SIZE) != SIZE)
				return 2;
			sum += chunk[SIZE / 2];
		}
		printf("PWNED: 48 MiB kept in pipe buffers (%ld)\n", sum);
		return 0;
	}
	p = malloc((size_t)PIPES * SIZE);
	if (!p)
		return 4;
	memset(p, 7, (size_t)PIPES * SIZE);
	return p[SIZE] == 7 ? 0 : 5;
}
