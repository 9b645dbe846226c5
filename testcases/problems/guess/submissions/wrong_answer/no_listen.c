/*
 * Writes guesses without reading a reply.  After 30 the interactor quits,
 * and the next write kills this program with SIGPIPE: still WA, since the
 * interactor had already said so.
 */
#include <stdio.h>

int main(void)
{
	for (long long g = 1;; g++) {
		printf("%lld\n", g);
		fflush(stdout);
	}
}
