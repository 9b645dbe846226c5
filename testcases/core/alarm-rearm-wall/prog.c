#include <signal.h>
#include <unistd.h>

static void on_alarm(int sig)
{
	(void)sig;
	alarm(1);
}

/* Wakes itself every second forever, using no CPU: the wall limit ends it. */
int main(void)
{
	signal(SIGALRM, on_alarm);
	alarm(1);
	for (;;)
		pause();
}
