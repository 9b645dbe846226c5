/* fork() under a one-process policy: RF, and no process is left behind. */
#include <unistd.h>

int main(void)
{
	pid_t p = fork();

	if (p == 0)
		for (;;)
			pause();
	return 0;
}
