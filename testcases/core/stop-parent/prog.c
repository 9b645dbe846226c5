#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* argv[1]: the judge's pid (getppid is not in the policy) */
int main(int argc, char **argv)
{
	pid_t judge = argc > 1 ? atoi(argv[1]) : 1;

	(void)judge;
	if (kill(judge, SIGSTOP) == 0)
		puts("PWNED: the signal was sent");
	return 1;
}
