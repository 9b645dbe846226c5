#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	int fd = open("victim.txt", O_WRONLY | O_TRUNC);

	if (fd < 0)
		return errno;
	puts("PWNED: truncated victim.txt");
	return 0;
}
