#include <stdio.h>
#include <stdlib.h>

/* One request far over the limit; the allocation is refused, not touched. */
int main(void)
{
	char *p = malloc(8UL << 30);

	if (!p) {
		puts("refused");
		return 1;
	}
	p[0] = 1;
	puts("PWNED: 8 GiB granted");
	return 0;
}
