/* Counts to the answer one by one: far over a second for the big tests. */
#include <stdio.h>

int main(void)
{
	volatile long long a, b, s = 0;
	long long x, y;

	if (scanf("%lld %lld", &x, &y) != 2)
		return 1;
	a = x;
	b = y;
	for (;;)
		s += a + b;
	return 0;
}
