#include <pthread.h>
#include <stdio.h>

static void *worker(void *arg)
{
	return arg;
}

int main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, worker, NULL) != 0)
		return 1;
	pthread_join(t, NULL);
	puts("PWNED: a second thread ran");
	return 0;
}
