/*
 * Guesses 1, 2, 3, ... and exits with status 1 when the replies stop.  The
 * interactor gives up after 30 guesses first, so its WA stands, not the RE
 * its ending caused.
 */
#include <stdio.h>
#include <string.h>

int main(void)
{
	char reply[32];

	for (long long g = 1;; g++) {
		printf("%lld\n", g);
		fflush(stdout);
		if (scanf("%31s", reply) != 1)
			return 1;
		if (strcmp(reply, "correct") == 0)
			return 0;
	}
}
