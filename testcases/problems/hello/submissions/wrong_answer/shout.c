/* Greets with the wrong word.  (Shouting would pass: Kattis's default comparison ignores case.) */
#include <stdio.h>

int main(void)
{
	char name[64];

	while (scanf("%63s", name) == 1)
		printf("Hi, %s!\n", name);
	return 0;
}
