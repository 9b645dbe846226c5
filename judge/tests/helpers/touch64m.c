/* Touches every page of 64 MiB, so the peak resident set is just above 64 MiB. */
#include <stdlib.h>

int main(void)
{
	size_t n = 64UL << 20;
	/* volatile: the compiler may not drop an allocation nobody reads */
	volatile char *p = malloc(n);

	if (!p)
		return 1;
	for (size_t i = 0; i < n; i += 4096)
		p[i] = 1;
	p[n - 1] = 1;
	return p[n / 2] == 1 ? 0 : 2;
}
