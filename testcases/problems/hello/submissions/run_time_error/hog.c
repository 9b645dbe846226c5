/* Touches 256 MiB under a 64 MiB limit: MLE, which Kattis counts as a run-time error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	size_t n = 256u << 20;
	char *p = malloc(n);

	if (p)
		memset(p, 1, n);
	printf("Hello, %d!\n", p ? p[n - 1] : 0);
	return 0;
}
