#include <linux/io_uring.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* io_uring runs its operations in kernel threads, past per-syscall filters. */
int main(void)
{
	struct io_uring_params p;

	memset(&p, 0, sizeof(p));
	if (syscall(SYS_io_uring_setup, 8, &p) >= 0)
		puts("PWNED: an io_uring instance");
	return 1;
}
