#include <unistd.h>

int main(void)
{
	execl("/bin/sh", "sh", "-c", "echo PWNED; echo PWNED >/tmp/judge-e2e-pwned", (char *)NULL);
	return 1;
}
