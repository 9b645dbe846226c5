#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		puts("PWNED: a second process runs");
		return 0;
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return 1;
}
