#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 MiB at a time, touched, until the judge stops it. */
int main(void)
{
	for (unsigned long total = 0;; total++) {
		char *p = malloc(1 << 20);

		if (!p) {
			printf("malloc refused after %lu MiB\n", total);
			return 1;
		}
		memset(p, 1, 1 << 20);
	}
}
