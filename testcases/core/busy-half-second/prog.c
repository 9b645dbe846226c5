#include <stdio.h>
#include <time.h>

/* Spins for 0.5 s of its own CPU time. */
int main(void)
{
	struct timespec ts;
	volatile unsigned long n = 0;

	do {
		for (int i = 0; i < 100000; i++)
			n++;
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	} while (ts.tv_sec * 1000000000L + ts.tv_nsec < 500000000L);
	printf("%lu\n", n);
	return 0;
}
