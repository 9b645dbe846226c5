#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

int main(void)
{
	for (unsigned long total = 0;; total++) {
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			printf("mmap refused after %lu MiB\n", total);
			return 1;
		}
		memset(p, 1, 1 << 20);
	}
}
