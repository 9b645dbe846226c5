#include <string.h>
#include <unistd.h>

/* 700 KiB to each stream: under the limit apiece, over it together. */
int main(void)
{
	static char buf[700 << 10];

	memset(buf, 'z', sizeof(buf));
	for (int fd = 1; fd <= 2; fd++) {
		size_t done = 0;

		while (done < sizeof(buf)) {
			ssize_t n = write(fd, buf + done, sizeof(buf) - done);

			if (n <= 0)
				return 1;
			done += (size_t)n;
		}
	}
	return 0;
}
