#include <stdio.h>

int main(int argc, char **argv)
{
	volatile int *p = (int *)(long)(argc - 1);	/* NULL, unknown to the compiler */

	(void)argv;
	*p = 42;
	puts("survived");
	return 0;
}
