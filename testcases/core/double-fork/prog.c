#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

/* A daemon-style double fork: the grandchild outlives both its parents. */
int main(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (fork() == 0) {
			sleep(60);
			puts("PWNED: the grandchild outlived the run");
			_exit(0);
		}
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
	puts("parent done");
	return 0;
}
