#include <stdio.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* The forked child, not the first process, makes the forbidden call. */
int main(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (socket(AF_INET, SOCK_STREAM, 0) >= 0)
			puts("PWNED: the child has a socket");
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return 0;
}
