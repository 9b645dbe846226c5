#include <pthread.h>
#include <stdio.h>
#include <sys/socket.h>

static void *worker(void *arg)
{
	if (socket(AF_INET, SOCK_STREAM, 0) >= 0)
		puts("PWNED: the thread has a socket");
	return arg;
}

int main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, worker, NULL) != 0)
		return 1;
	pthread_join(t, NULL);
	return 0;
}
