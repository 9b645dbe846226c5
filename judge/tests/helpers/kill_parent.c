/*
 * Sends SIGKILL to the pid in argv[1]: the test passes its own, the judge's.
 * getppid() is not in the c policy, so the pid comes in as an argument.
 */
#include <signal.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	kill((pid_t)atol(argv[1]), SIGKILL);
	return 0;
}
