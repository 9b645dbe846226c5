#include <unistd.h>

/* problemtools' hello_alarm in spirit, but the alarm fires: SIGALRM's default action ends the program */
int main(void)
{
	alarm(1);
	for (;;)
		;
}
