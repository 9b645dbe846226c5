#include <string.h>
#include <unistd.h>

int main(void)
{
	static char buf[65536];

	memset(buf, 'y', sizeof(buf));
	for (;;)
		if (write(2, buf, sizeof(buf)) < 0)
			return 1;
}
