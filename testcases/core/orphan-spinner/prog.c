#include <unistd.h>

/* The parent leaves at once; its child spins on, reparented. */
int main(void)
{
	if (fork() == 0) {
		volatile unsigned long n = 0;

		for (;;)
			n++;
	}
	return 0;
}
