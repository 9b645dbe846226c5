#include <stdio.h>

int main(void)
{
	unsigned long long n;

	if (scanf("%llu", &n) != 1)
		return 1;
	printf("1 %llu\n", n - 1);
	return 0;
}
