#include "memread.h"

#include <errno.h>
#include <string.h>
#include <sys/uio.h>

#define PAGE 4096UL
#define FIRST_READ 128UL

int memread(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len }, remote = { (void *)(uintptr_t)addr, len };
	ssize_t r;

	if (len == 0)
		return 0;
	r = process_vm_readv(pid, &local, 1, &remote, 1, 0);
	if (r < 0)
		return -1;
	if ((size_t)r != len) {
		errno = EFAULT;
		return -1;
	}
	return 0;
}

long memread_string(pid_t pid, uint64_t addr, char *buf, size_t len)
{
	size_t got = 0;

	if (addr == 0) {
		errno = EFAULT;
		return -1;
	}
	/*
	 * Read page by page: a string may end just before an unmapped page, and
	 * process_vm_readv would fail the whole read if it reached past it.
	 * The first read is short, since most strings are (a path such as
	 * "/proc/self/exe"); the reads double up to a page after it.
	 */
	for (size_t want = FIRST_READ; got < len; want *= 2) {
		uint64_t at = addr + got;
		size_t chunk = PAGE - (at & (PAGE - 1));
		char *nul;

		if (chunk > want)
			chunk = want;
		if (chunk > len - got)
			chunk = len - got;
		if (memread(pid, at, buf + got, chunk) < 0)
			return -1;
		nul = memchr(buf + got, '\0', chunk);
		if (nul)
			return nul - buf;
		got += chunk;
	}
	errno = ENAMETOOLONG;
	return -1;
}
