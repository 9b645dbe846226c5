#include <stdio.h>

/* About 150 MiB of stack, under the default 256 MiB memory limit. */
static unsigned long dive(unsigned long depth)
{
	volatile char frame[1024];

	frame[0] = (char)depth;
	if (depth == 150000)
		return frame[0];
	return dive(depth + 1) + frame[0];
}

int main(void)
{
	printf("%lu\n", dive(0));
	return 0;
}
