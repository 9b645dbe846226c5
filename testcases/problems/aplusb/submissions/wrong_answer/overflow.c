/* 32-bit arithmetic: right on small tests, wrong once the sum passes 2^31. */
#include <stdio.h>

int main(void)
{
	int a, b;

	if (scanf("%d %d", &a, &b) != 2)
		return 1;
	printf("%d\n", a + b);
	return 0;
}
