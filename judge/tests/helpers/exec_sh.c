/* Tries to start a shell: an exec outside files.exec is RF, naming the path. */
#include <unistd.h>

int main(void)
{
	char *argv[] = { "sh", "-c", "echo escaped", NULL };

	execv("/bin/sh", argv);
	return 0;
}
