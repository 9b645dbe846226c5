#include <signal.h>
#include <sys/time.h>

static void on_prof(int sig)
{
	(void)sig;
}

/* A profiling timer every millisecond, caught, while spinning: the CPU limit still ends it. */
int main(void)
{
	struct itimerval it = { { 0, 1000 }, { 0, 1000 } };

	signal(SIGPROF, on_prof);
	signal(SIGVTALRM, on_prof);
	setitimer(ITIMER_PROF, &it, 0);
	setitimer(ITIMER_VIRTUAL, &it, 0);
	for (;;)
		;
}
