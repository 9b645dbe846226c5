#include <signal.h>

/* Ignores the signals a judge might send first, hoping to run on. */
int main(void)
{
	volatile unsigned long n = 0;

	signal(SIGTERM, SIG_IGN);
	signal(SIGXCPU, SIG_IGN);
	signal(SIGALRM, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	for (;;)
		n++;
}
