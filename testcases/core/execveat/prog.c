#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	char *argv[] = { "sh", "-c", "echo PWNED; echo PWNED >/tmp/judge-e2e-pwned", NULL };
	char *envp[] = { NULL };

	syscall(SYS_execveat, AT_FDCWD, "/bin/sh", argv, envp, 0);
	return 1;
}
