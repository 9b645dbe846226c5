#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The forked child, not the first process, takes the memory. */
int main(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;) {
			char *p = malloc(1 << 20);

			if (!p)
				_exit(1);
			memset(p, 1, 1 << 20);
		}
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return 0;
}
