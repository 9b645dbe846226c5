#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

/* The main thread leaves first; the program ends when the last thread does. */
static void *worker(void *arg)
{
	usleep(100000);
	puts("worker done");
	fflush(stdout);
	return arg;
}

int main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, worker, NULL) != 0)
		return 1;
	pthread_exit(NULL);
}
