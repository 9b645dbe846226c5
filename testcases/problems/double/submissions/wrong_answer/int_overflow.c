/* 2n in an int: right on the easy tests, wrong on the hard one (1.8e10 does not fit). */
#include <stdio.h>

int main(void)
{
	long long n;

	if (scanf("%lld", &n) != 1)
		return 1;
	printf("%d\n", (int)(2 * n));
	return 0;
}
