/* 0 is not positive. */
#include <stdio.h>

int main(void)
{
	unsigned long long n;

	if (scanf("%llu", &n) != 1)
		return 1;
	printf("0 %llu\n", n);
	return 0;
}
