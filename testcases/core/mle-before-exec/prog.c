#include <sys/mman.h>
#include <unistd.h>

/*
 * Maps 20 MiB under a 16 MiB limit with MAP_POPULATE, then at once execs a
 * program that exits 0: the exec takes the memory and its peak away, so the
 * judge must read the peak when the exec is asked for.
 */
int main(int argc, char **argv)
{
	char *args[] = { argv[0], "done", NULL };

	if (argc > 1)
		return 0;
	if (mmap(NULL, 20 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
		 -1, 0) == MAP_FAILED)
		return 3;
	execve(argv[0], args, NULL);
	return 4;
}
