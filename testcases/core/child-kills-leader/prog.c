#include <signal.h>
#include <unistd.h>

/* The child kills its parent, the program's first process: its own business. */
int main(void)
{
	pid_t parent = getpid();

	if (fork() == 0) {
		kill(parent, SIGKILL);
		_exit(0);
	}
	for (;;)
		sleep(1);
}
