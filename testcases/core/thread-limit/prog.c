#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *worker(void *arg)
{
	sleep(1);
	return arg;
}

int main(void)
{
	pthread_t t[3];

	for (int i = 0; i < 3; i++)
		if (pthread_create(&t[i], NULL, worker, NULL) != 0)
			return 1;
	puts("PWNED: four threads at once");
	return 0;
}
