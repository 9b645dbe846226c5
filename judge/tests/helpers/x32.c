/* The x32 table is reached by setting bit 30 of the number: x32 socket (#41). */
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	return syscall(0x40000000L | 41, 2, 1, 0) < 0 ? 0 : 1;
}
