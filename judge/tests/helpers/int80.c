/*
 * A 64-bit program can still enter the i386 table with int $0x80; here it
 * asks for i386 socket (#359), which must end as RF in the i386 ABI.
 */
int main(void)
{
	long r;

	__asm__ volatile("int $0x80" : "=a"(r) : "a"(359L), "b"(2L), "c"(1L), "d"(0L) : "memory");
	return r == 0 ? 0 : 1;
}
