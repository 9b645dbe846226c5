#include <grp.h>
#include <stdio.h>
#include <unistd.h>

/* getgroups' neighbour: changing the supplementary groups */
int main(void)
{
	gid_t g[32];
	int n = getgroups(32, g);
	gid_t root = 0;

	if (n < 0)
		return 2;
	if (setgroups(1, &root) == 0)
		puts("PWNED: joined group 0");
	return 1;
}
