/* Writes BYTES bytes (argv[1], default 50 MB) of integers, ten to a line, for sum.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	long long want = argc > 1 ? atoll(argv[1]) : 50000000, have = 0;
	uint64_t x = 88172645463325252ULL;	/* fixed seed: the same input on every machine */
	int col = 0;

	while (have < want) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		have += printf("%lld%c", (long long)(x % 2000000001) - 1000000000,
			       ++col % 10 ? ' ' : '\n');
	}
	if (col % 10)
		putchar('\n');
	return 0;
}
