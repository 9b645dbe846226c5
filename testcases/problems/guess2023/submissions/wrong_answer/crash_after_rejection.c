/* The referee rejects the guess 0; the program then reads EOF and crashes. Not RE. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	char r[4];

	printf("0\n");
	fflush(stdout);
	if (scanf("%3s", r) != 1)
		abort();
	return 0;
}
