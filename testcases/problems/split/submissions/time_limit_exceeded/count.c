/* Walks a up from 1 until a + b = n with b = 1: 10^18 steps. */
#include <stdio.h>

int main(void)
{
	unsigned long long n;
	volatile unsigned long long a = 1;

	if (scanf("%llu", &n) != 1)
		return 1;
	while (a + 1 != n || n == 0)
		a++;
	printf("%llu 1\n", a);
	return 0;
}
