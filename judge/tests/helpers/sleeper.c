/* Uses no CPU and never ends on its own: only the wall limit catches it. */
#include <unistd.h>

int main(void)
{
	for (;;)
		sleep(60);
}
