/* Crashes on the interactor's first reply. */
#include <stdio.h>

int main(void)
{
	char reply[32];
	volatile int *p = NULL;

	printf("500000000\n");
	fflush(stdout);
	if (scanf("%31s", reply) == 1 && reply[0] != 'c')
		*p = 1;
	return 0;
}
