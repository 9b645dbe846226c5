/* A program that stops itself must not hold the judge: it is let go on. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	kill(getpid(), SIGSTOP);
	raise(SIGTSTP);
	puts("resumed");
	return 0;
}
