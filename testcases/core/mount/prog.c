#include <stdio.h>
#include <sys/mount.h>

int main(void)
{
	if (mount("none", "/tmp", "tmpfs", 0, NULL) == 0)
		puts("PWNED: mounted over /tmp");
	return 1;
}
