/* Thinks very hard before the first guess. */
#include <stdio.h>

int main(void)
{
	volatile unsigned long long x = 0;

	for (;;)
		x++;
	printf("%llu\n", x);
	return 0;
}
