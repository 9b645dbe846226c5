#include <stdio.h>

/* Unbounded recursion with 4 KiB frames: the stack grows until stopped. */
static unsigned long dive(unsigned long depth)
{
	volatile char frame[4096];

	frame[0] = (char)depth;
	frame[4095] = frame[0];
	return dive(depth + 1) + frame[4095];
}

int main(void)
{
	printf("%lu\n", dive(0));
	return 0;
}
