/*
 * One program, many verdicts: the first word of stdin says what to do, so a
 * single `judge test` run cycles through OK, RF, RE, MLE, OLE and TLE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

int main(void)
{
	char cmd[16] = "";
	volatile unsigned long spin = 0;

	if (scanf("%15s", cmd) != 1)
		return 2;
	if (strcmp(cmd, "ok") == 0) {
		puts("ok");
	} else if (strcmp(cmd, "rf") == 0) {
		socket(AF_INET, SOCK_STREAM, 0);
	} else if (strcmp(cmd, "re") == 0) {
		return 3;
	} else if (strcmp(cmd, "mle") == 0) {
		for (;;) {
			char *p = malloc(1 << 20);

			if (!p)
				return 1;
			memset(p, 1, 1 << 20);
		}
	} else if (strcmp(cmd, "ole") == 0) {
		for (;;)
			fputs("flooding the output limit\n", stdout);
	} else if (strcmp(cmd, "tle") == 0) {
		for (;;)
			spin++;
	}
	return 0;
}
