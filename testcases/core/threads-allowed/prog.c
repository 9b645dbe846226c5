#include <pthread.h>
#include <stdio.h>

static void *worker(void *arg)
{
	*(int *)arg = 42;
	return arg;
}

int main(void)
{
	pthread_t t;
	int v = 0;

	if (pthread_create(&t, NULL, worker, &v) != 0)
		return 1;
	pthread_join(t, NULL);
	printf("%d\n", v);
	return v == 42 ? 0 : 2;
}
