#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/*
 * Holds SIZE MiB in shared anonymous memory, dropping each MiB from its
 * resident set with MADV_DONTNEED once written: the pages stay in the
 * shared object (they read back intact) while the resident figure stays
 * small.  RLIMIT_DATA does not count shared mappings at all.
 */
int main(int argc, char **argv)
{
	size_t mib = argc > 1 ? strtoul(argv[1], NULL, 10) : 48, n = mib << 20;
	char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long sum = 0;

	if (p == MAP_FAILED)
		return 3;
	for (size_t off = 0; off < n; off += 1 << 20) {
		memset(p + off, 7, 1 << 20);
		madvise(p + off, 1 << 20, MADV_DONTNEED);
	}
	for (size_t off = 0; off < n; off += 1 << 20) {
		sum += p[off + 100];
		madvise(p + off, 1 << 20, MADV_DONTNEED);
	}
	if (sum == 7L * (long)mib)
		printf("PWNED: %zu MiB held in shared anonymous memory\n", mib);
	return 0;
}
