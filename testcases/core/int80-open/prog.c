#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

/* The i386 entry point: its syscall numbers differ, so an x86_64-only filter could be bypassed. */
int main(void)
{
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	long r;

	if (p == MAP_FAILED)
		return 1;
	strcpy(p, "/etc/passwd");
	__asm__ volatile("int $0x80" : "=a"(r) : "a"(5), "b"(p), "c"(0) : "memory");
	if (r >= 0)
		puts("PWNED: i386 open succeeded");
	return 2;
}
