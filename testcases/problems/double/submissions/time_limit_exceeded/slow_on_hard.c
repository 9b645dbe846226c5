/* Counts up to 2n: right and quick on the small tests, too slow on the hard one. */
#include <stdio.h>

int main(void)
{
	volatile long long n, twice = 0;

	if (scanf("%lld", (long long *)&n) != 1)
		return 1;
	for (long long i = 0; i < n; i++)
		twice += 2;
	printf("%lld\n", (long long)twice);
	return 0;
}
