/*
 * A child burns argv[1] ms of CPU (default 300) and exits; the parent waits
 * for it and exits 0.  The run's CPU time is the child's, counted once.
 */
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	long want = argc > 1 ? atol(argv[1]) : 300;
	pid_t p = fork();
	int st;

	if (p < 0)
		return 1;
	if (p == 0) {
		while (cpu_ms() < want)
			;
		_exit(0);
	}
	if (waitpid(p, &st, 0) != p || !WIFEXITED(st))
		return 2;
	return 0;
}
