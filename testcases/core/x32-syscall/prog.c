#include <stdio.h>
#include <unistd.h>

int main(void)
{
	long r;

	/* getpid (39) with the x32 bit: an x32 syscall from a 64-bit process */
	__asm__ volatile("syscall" : "=a"(r) : "a"(0x40000000L | 39) : "rcx", "r11", "memory");
	if (r > 0)
		puts("PWNED: x32 syscall ran");
	return 2;
}
