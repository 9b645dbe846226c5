#include <signal.h>
#include <stdio.h>
#include <sys/times.h>
#include <unistd.h>

/*
 * Sets itself an alarm as a watchdog, as contest programs (and problemtools'
 * own examples) do, and reads its CPU time with times(): both harmless, AC.
 */
static void on_alarm(int sig)
{
	(void)sig;
	_exit(1);
}

int main(void)
{
	long long a, b;
	struct tms t;

	signal(SIGALRM, on_alarm);
	alarm(10);
	if (scanf("%lld %lld", &a, &b) != 2)
		return 1;
	printf("%lld\n", a + b);
	times(&t);
	alarm(0);
	return 0;
}
