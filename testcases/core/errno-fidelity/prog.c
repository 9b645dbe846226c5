/*
 * Paths the kernel refuses for what they are, whatever the filesystem
 * holds: NULL, unmapped memory, no NUL within PATH_MAX, a component over
 * NAME_MAX, a bad or non-directory dirfd, a link loop, bytes that are no
 * UTF-8.  Prints "probe errno-name" per line; the case compares the lines
 * with the same program run natively (native.sh), so the judge must answer
 * as the kernel does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define LIB "/usr/lib/x86_64-linux-gnu/"

static void report(const char *probe, long r)
{
	printf("%s %s\n", probe, r < 0 ? strerrorname_np(errno) : "ok");
	fflush(stdout);
}

int main(void)
{
	static char longpath[8192], longname[512];
	char *page, *end;
	struct stat st;
	char buf[64];
	int file;

	/* a string running into an unmapped page before its NUL */
	page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED || munmap(page + 4096, 4096) < 0)
		return 1;
	memset(page, 'a', 4096);
	memcpy(page, LIB, strlen(LIB));
	end = page + 4096 - 8;

	report("stat-null", syscall(SYS_stat, NULL, &st));
	report("stat-low-address", syscall(SYS_stat, (char *)16, &st));
	report("stat-unterminated", syscall(SYS_stat, end, &st));
	report("open-null", syscall(SYS_open, NULL, O_RDONLY));
	report("openat-null", syscall(SYS_openat, AT_FDCWD, NULL, O_RDONLY));
	report("openat-null-write", syscall(SYS_openat, AT_FDCWD, NULL, O_WRONLY | O_CREAT, 0600));
	report("access-null", syscall(SYS_access, NULL, R_OK));
	report("readlink-null", syscall(SYS_readlink, NULL, buf, sizeof(buf)));
	report("newfstatat-null", syscall(SYS_newfstatat, AT_FDCWD, NULL, &st, 0));
	report("execve-null", syscall(SYS_execve, NULL, NULL, NULL));

	/* no NUL within PATH_MAX (4096 bytes) */
	memset(longpath, 'a', sizeof(longpath) - 1);
	memcpy(longpath, LIB, strlen(LIB));
	report("stat-over-path-max", syscall(SYS_stat, longpath, &st));
	report("open-over-path-max", syscall(SYS_open, longpath, O_RDONLY));
	report("execve-over-path-max", syscall(SYS_execve, longpath, NULL, NULL));
	/* exactly PATH_MAX - 1 bytes: a name the kernel takes (and finds missing) */
	longpath[4095] = '\0';
	for (int i = (int)strlen(LIB); i < 4095; i += 2)
		longpath[i] = '/';
	report("stat-path-max-minus-1", syscall(SYS_stat, longpath, &st));

	/* a component over NAME_MAX (255) in an allowed directory */
	memset(longname, 'b', sizeof(longname) - 1);
	memcpy(longname, LIB, strlen(LIB));
	report("stat-long-component", syscall(SYS_stat, longname, &st));
	report("open-long-component", syscall(SYS_open, longname, O_RDONLY));

	/* bytes that are no UTF-8 */
	report("stat-not-utf8", syscall(SYS_stat, LIB "\xff\xfe\x80", &st));
	report("open-not-utf8", syscall(SYS_open, LIB "\xc3\x28", O_RDONLY));

	/* relative to a descriptor that is no directory, or none */
	report("openat-bad-fd", syscall(SYS_openat, 999, "x", O_RDONLY));
	report("openat-negative-fd", syscall(SYS_openat, -5, "x", O_RDONLY));
	file = open(LIB "libc.so.6", O_RDONLY);
	report("openat-file-fd", syscall(SYS_openat, file, "x", O_RDONLY));
	report("newfstatat-bad-fd", syscall(SYS_newfstatat, 999, "x", &st, 0));

	/* links in the work directory (native.sh makes them): a loop */
	report("stat-loop", syscall(SYS_stat, "loop1", &st));
	report("open-loop", syscall(SYS_open, "loop1/x", O_RDONLY));
	return 0;
}
