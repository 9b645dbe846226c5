#include <string.h>
#include <unistd.h>

int main(void)
{
	static char buf[(1 << 20) + 1];
	size_t done = 0;

	memset(buf, 'x', sizeof(buf));
	while (done < sizeof(buf)) {
		ssize_t n = write(1, buf + done, sizeof(buf) - done);

		if (n <= 0)
			return 1;
		done += (size_t)n;
	}
	return 0;
}
