#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

/* A well-behaved fork and wait, where the policy allows it. */
int main(void)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return 1;
	if (pid == 0)
		_exit(7);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 7)
		return 2;
	puts("child exited 7");
	return 0;
}
