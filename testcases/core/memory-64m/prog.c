#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	size_t n = 64UL << 20;
	/* volatile: the stores must happen, or the compiler drops them */
	volatile char *p = malloc(n);
	unsigned sum = 0;

	if (!p)
		return 1;
	for (size_t i = 0; i < n; i += 4096)
		p[i] = (char)i;
	for (size_t i = 0; i < n; i += 4096)
		sum += (unsigned char)p[i];
	printf("%u\n", sum);
	return 0;
}
