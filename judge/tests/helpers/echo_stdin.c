/* Prints its working directory, then copies standard input to standard output. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	char buf[4096];
	size_t n;

	if (!getcwd(buf, sizeof(buf)))
		return 1;
	printf("%s\n", buf);
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
		fwrite(buf, 1, n, stdout);
	return 0;
}
