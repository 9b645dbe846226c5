/* Writes 4 MiB under a 1 MiB output limit. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	static char line[4096];

	memset(line, 'x', sizeof(line) - 1);
	for (int i = 0; i < 1024; i++)
		puts(line);
	return 0;
}
