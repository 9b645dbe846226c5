#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Grows the heap with sbrk (brk), which never goes through mmap. */
int main(void)
{
	for (unsigned long total = 0;; total++) {
		char *p = sbrk(1 << 20);

		if (p == (void *)-1) {
			printf("brk refused after %lu MiB\n", total);
			return 1;
		}
		memset(p, 1, 1 << 20);
	}
}
