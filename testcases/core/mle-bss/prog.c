#include <stdio.h>

char big[1UL << 30];	/* 1 GiB of bss; external, so the compiler keeps it */

int main(int argc, char **argv)
{
	(void)argv;
	big[argc * 12345] = 1;
	printf("%d\n", big[argc * 777]);
	return 0;
}
