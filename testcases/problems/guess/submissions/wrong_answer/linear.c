/* Tries 1, 2, 3, ...: out of guesses long before most secrets. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	char reply[32];

	for (long long g = 1;; g++) {
		printf("%lld\n", g);
		fflush(stdout);
		if (scanf("%31s", reply) != 1 || strcmp(reply, "correct") == 0)
			return 0;
	}
}
