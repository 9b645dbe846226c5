/*
 * CPU-bound: a fixed amount of integer arithmetic (about 1 s on a 2020s x86
 * core), no syscalls in the loop.  The count is fixed rather than calibrated
 * so that every machine does the same work.
 */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
	uint64_t x = 88172645463325252ULL, s = 0;

	for (long i = 0; i < 340000000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		s += x % 1000003;
	}
	printf("%llu\n", (unsigned long long)s);
	return 0;
}
