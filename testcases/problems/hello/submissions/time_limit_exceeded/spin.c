/* Right answer, after a loop longer than any derived limit's margin. */
#include <stdio.h>

int main(void)
{
	char name[64];
	volatile unsigned long x = 0;

	for (;;)
		x++;
	while (scanf("%63s", name) == 1)
		printf("Hello, %s!\n", name);
	return 0;
}
