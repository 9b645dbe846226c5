#include <unistd.h>

/* Three processes share the work: the CPU limit covers all of them together. */
int main(void)
{
	volatile unsigned long n = 0;

	fork();
	fork();
	for (;;)
		n++;
}
