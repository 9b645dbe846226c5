/* memory: touch 256 MiB, one write per page, so that every page is faulted in. */
#include <stdio.h>
#include <stdlib.h>

#define SIZE (256L << 20)

int main(void)
{
	volatile char *p = malloc(SIZE);
	long s = 0;

	if (!p)
		return 1;
	for (long i = 0; i < SIZE; i += 4096)
		p[i] = (char)(i >> 12);
	for (long i = 0; i < SIZE; i += 4096)
		s += p[i];
	printf("%ld\n", s);
	return 0;
}
