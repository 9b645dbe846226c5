#include <stdio.h>
#include <sys/time.h>

/* gettimeofday and setitimer's neighbour: setting the host's clock */
int main(void)
{
	struct timeval tv;

	gettimeofday(&tv, 0);
	tv.tv_sec += 3600;
	if (settimeofday(&tv, 0) == 0)
		puts("PWNED: the host's clock moved");
	return 1;
}
