/* A program that ignores the polite signals must still be stopped: TLE. */
#include <signal.h>

int main(void)
{
	volatile unsigned long n = 0;

	signal(SIGTERM, SIG_IGN);
	signal(SIGXCPU, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	for (;;)
		n++;
}
