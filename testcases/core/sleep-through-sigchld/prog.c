#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * The child's exit stops the sleeping parent for SIGCHLD; the kernel then
 * resumes the sleep with restart_syscall, which no policy lists.
 */
int main(void)
{
	struct timespec ts = { 0, 300000000 };
	pid_t pid = fork();

	if (pid < 0)
		return 1;
	if (pid == 0) {
		usleep(50000);
		_exit(0);
	}
	nanosleep(&ts, NULL);
	waitpid(pid, NULL, 0);
	puts("slept through SIGCHLD");
	return 0;
}
