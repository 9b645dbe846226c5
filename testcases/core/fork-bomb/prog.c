#include <unistd.h>

/* Every process forks as fast as it can, forever. */
int main(void)
{
	for (;;)
		fork();
}
