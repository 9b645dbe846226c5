/*
 * Leaves a child behind: the child waits forever, the parent prints the
 * child's pid and exits 0.  The run is OK, and the child must be dead when
 * the judge reports.
 */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	pid_t p = fork();

	if (p < 0)
		return 1;
	if (p == 0)
		for (;;)
			pause();
	printf("%d\n", (int)p);
	return 0;
}
