/*
 * Fails either way: spins on the secret tests, exits 2 on the sample.
 * @EXPECTED_RESULTS@: TIMELIMIT, RUN-ERROR
 */
#include <stdio.h>
#include <string.h>

int main(void)
{
	char name[64];
	volatile unsigned long x = 0;

	if (scanf("%63s", name) != 1 || strcmp(name, "world") == 0)
		return 2;
	for (;;)
		x++;
}
