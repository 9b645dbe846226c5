#include <stdio.h>

int main(void)
{
	char name[64];

	while (scanf("%63s", name) == 1)
		printf("Hello, %s!\n", name);
	return 0;
}
