/* Divides by n - 2: zero on the first test. */
#include <stdio.h>

int main(void)
{
	volatile unsigned long long n, k;

	if (scanf("%llu", (unsigned long long *)&n) != 1)
		return 1;
	k = n - 2;
	printf("1 %llu\n", (n - 1) / k * k);
	return 0;
}
