/* Solves no group: WA with score 0. */
#include <stdio.h>

int main(void)
{
	puts("0");
	return 0;
}
