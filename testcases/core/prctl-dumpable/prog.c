#include <stdio.h>
#include <sys/prctl.h>

int main(void)
{
	if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) == 0 || prctl(PR_SET_PTRACER, -1L, 0, 0, 0) == 0)
		puts("PWNED: dumpable, traceable by anyone");
	return 1;
}
