#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Needs 40 MiB of working data under a 16 MiB limit.  It keeps them in its
 * standard output when it can read that back (a seekable, readable file),
 * else in memory, as a program must.
 */
#define N (40L << 20)

int main(void)
{
	static char chunk[1 << 16];
	long sum = 0;
	char *volatile p;

	memset(chunk, 7, sizeof(chunk));
	if (write(1, chunk, 4096) == 4096 && lseek(1, 0, SEEK_SET) == 0 && read(1, chunk, 4096) == 4096) {
		for (long off = 4096; off < N; off += sizeof(chunk))
			if (write(1, chunk, sizeof(chunk)) != sizeof(chunk))
				return 2;
		for (long off = 0; off < N; off += sizeof(chunk)) {
			if (pread(1, chunk, sizeof(chunk), off) != sizeof(chunk))
				return 3;
			sum += chunk[100];
		}
		fprintf(stderr, "PWNED: 40 MiB kept in stdout and read back (%ld)\n", sum);
		return 0;
	}
	p = malloc(N);
	if (!p)
		return 4;
	memset(p, 7, N);
	return p[N / 2] == 7 ? 0 : 5;
}
