#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

/* Code written at run time makes the syscall: no call site to spot in the binary. */
int main(void)
{
	static const unsigned char code[] = {
		0xb8, 0x29, 0x00, 0x00, 0x00,	/* mov $41 (socket), %eax */
		0xbf, 0x02, 0x00, 0x00, 0x00,	/* mov $2 (AF_INET), %edi */
		0xbe, 0x01, 0x00, 0x00, 0x00,	/* mov $1 (SOCK_STREAM), %esi */
		0x31, 0xd2,			/* xor %edx, %edx */
		0x0f, 0x05,			/* syscall */
		0xc3,				/* ret */
	};
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long r;

	if (p == MAP_FAILED)
		return 1;
	memcpy(p, code, sizeof(code));
	r = ((long (*)(void))p)();
	if (r >= 0)
		puts("PWNED: socket from shellcode");
	return 2;
}
