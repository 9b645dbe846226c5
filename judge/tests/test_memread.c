#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "memread.h"

/* The reads go through process_vm_readv, which a process may aim at itself. */

Test(memread, short_and_long_strings_whole)
{
	char src[3000], buf[4096];

	cr_assert_eq(memread_string(getpid(), (uint64_t)(uintptr_t)"/proc/self/exe", buf, sizeof(buf)), 14);
	cr_expect_str_eq(buf, "/proc/self/exe");
	/* longer than the first short read, across its doublings */
	memset(src, 'a', sizeof(src) - 1);
	src[sizeof(src) - 1] = '\0';
	cr_assert_eq(memread_string(getpid(), (uint64_t)(uintptr_t)src, buf, sizeof(buf)),
		     (long)sizeof(src) - 1);
	cr_expect_str_eq(buf, src);
}

Test(memread, string_ending_before_an_unmapped_page)
{
	long page = sysconf(_SC_PAGESIZE);
	char *m = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char buf[4096];
	char *s;

	cr_assert_neq(m, MAP_FAILED);
	cr_assert_eq(munmap(m + page, page), 0);
	s = m + page - 300;
	memset(s, 'b', 299);
	s[299] = '\0';
	cr_expect_eq(memread_string(getpid(), (uint64_t)(uintptr_t)s, buf, sizeof(buf)), 299);
	/* no terminator before the hole: EFAULT, not a read past it */
	s[299] = 'b';
	cr_expect_eq(memread_string(getpid(), (uint64_t)(uintptr_t)s, buf, sizeof(buf)), -1);
	cr_expect_eq(errno, EFAULT);
	munmap(m, page);
}

Test(memread, too_long_is_enametoolong)
{
	char src[600], buf[256];

	memset(src, 'c', sizeof(src) - 1);
	src[sizeof(src) - 1] = '\0';
	cr_expect_eq(memread_string(getpid(), (uint64_t)(uintptr_t)src, buf, sizeof(buf)), -1);
	cr_expect_eq(errno, ENAMETOOLONG);
}
