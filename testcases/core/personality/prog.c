#include <stdio.h>
#include <sys/personality.h>

int main(void)
{
	if (personality(ADDR_NO_RANDOMIZE | READ_IMPLIES_EXEC) != -1)
		puts("PWNED: ASLR off, data executable");
	return 1;
}
