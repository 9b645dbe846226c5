#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/*
 * The main thread leaves; a second thread holds 20 MiB under a 16 MiB limit
 * for 300 ms, then execs a program that exits at once, which drops the
 * memory and the peak with it.  /proc/<pid>/status of a process whose main
 * thread has exited shows no memory at all.
 */
static char *self;

static void *worker(void *arg)
{
	size_t n = 20 << 20;
	volatile char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *args[] = { self, "done", NULL };

	if (p == MAP_FAILED)
		exit(3);
	usleep(20000);	/* the main thread is gone by now */
	for (size_t i = 0; i < n; i += 4096)
		p[i] = 1;
	usleep(300000);
	execve(self, args, NULL);
	exit(4);
	return arg;
}

int main(int argc, char **argv)
{
	pthread_t t;

	if (argc > 1)
		return 0;
	self = argv[0];
	if (pthread_create(&t, NULL, worker, NULL) != 0)
		return 2;
	pthread_exit(NULL);
}
