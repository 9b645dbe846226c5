/*
 * Starts argv[1] threads (default 2) that burn CPU with the main thread:
 * CPU time is the sum over threads, and runs ahead of the wall clock.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void *spin(void *arg)
{
	volatile unsigned long n = 0;

	(void)arg;
	for (;;)
		n++;
	return NULL;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2;
	pthread_t t;

	for (int i = 0; i < n; i++)
		if (pthread_create(&t, NULL, spin, NULL) != 0) {
			fprintf(stderr, "pthread_create %d failed\n", i);
			return 1;
		}
	spin(NULL);
	return 0;
}
