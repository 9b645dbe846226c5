#include <stdio.h>

int main(void)
{
	volatile int *p = NULL;
	long long a, b;

	if (scanf("%lld %lld", &a, &b) != 2)
		return 1;
	*p = (int)(a + b);
	return 0;
}
