#include <stdio.h>
#include <sys/resource.h>

int main(void)
{
	struct rlimit inf = { RLIM_INFINITY, RLIM_INFINITY };

	if (setrlimit(RLIMIT_CPU, &inf) == 0 || setrlimit(RLIMIT_AS, &inf) == 0)
		puts("PWNED: a limit was raised");
	return 1;
}
