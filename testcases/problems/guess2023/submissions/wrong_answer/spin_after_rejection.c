/*
 * Kattis: when the referee rejects first, its wrong answer stands even if
 * the program then spins (here: waiting on a reply that never comes, then
 * looping).  Not TLE.
 */
#include <stdio.h>

int main(void)
{
	volatile unsigned long x = 0;
	char r[4];

	printf("0\n");
	fflush(stdout);
	if (scanf("%3s", r) == 1)
		return 0;
	for (;;)
		x++;
}
