/* The referee accepts, then the program crashes: that is the program's own RE. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	long lo = 1, hi = 1000000;
	char r[4];

	while (lo <= hi) {
		long mid = (lo + hi) / 2;

		printf("%ld\n", mid);
		fflush(stdout);
		if (scanf("%3s", r) != 1 || r[0] == '=')
			break;
		if (r[0] == '<')
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	abort();
}
