#include <stdio.h>

int main(int argc, char **argv)
{
	/* volatile: the compiler must really divide, and by zero */
	volatile int zero = argc - 1, n = 1000;

	(void)argv;
	printf("%d\n", n / zero);
	return 0;
}
