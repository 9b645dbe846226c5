/*
 * Sends itself the signal numbered argv[1].  The signal is the program's own,
 * not a limit the kernel enforced, so the verdict is RE with that signal,
 * even for SIGXCPU and SIGXFSZ.
 */
#include <signal.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int sig = argc > 1 ? atoi(argv[1]) : SIGABRT;

	signal(sig, SIG_DFL);
	raise(sig);
	return 0;
}
