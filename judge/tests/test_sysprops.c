#include <criterion/criterion.h>

#include "guard.h"
#include "syscalls.h"
#include "sysprops.h"

/* The table by number says what the names say, in every ABI. */
Test(sysprops, by_number_matches_by_name)
{
	for (int a = 0; a < ABI_COUNT; a++)
		for (long nr = 0; nr < syscalls_count(a) && nr < SYSCALLS_MAX; nr++)
			cr_expect_eq(sysprops(a, nr), sysprops_of_name(syscalls_name(a, nr)),
				     "%s %ld", abi_name(a), nr);
}

Test(sysprops, known_syscalls)
{
	cr_expect(sysprops(ABI_X86_64, syscalls_lookup(ABI_X86_64, "execve")) & SYSP_EXEC);
	cr_expect(sysprops(ABI_X32, 520) & SYSP_EXEC);
	cr_expect(sysprops(ABI_X86_64, syscalls_lookup(ABI_X86_64, "restart_syscall")) & SYSP_RESTART);
	cr_expect(sysprops(ABI_I386, syscalls_lookup(ABI_I386, "mmap2")) & SYSP_ALLOC_LEN1);
	cr_expect(sysprops(ABI_X86_64, syscalls_lookup(ABI_X86_64, "mremap")) & SYSP_ALLOC_LEN2);
	cr_expect(sysprops(ABI_X86_64, syscalls_lookup(ABI_X86_64, "vfork")) & SYSP_FORK);
	cr_expect_eq(sysprops(ABI_X86_64, syscalls_lookup(ABI_X86_64, "clone")), 0);
	cr_expect_eq(sysprops(ABI_X86_64, syscalls_lookup(ABI_X86_64, "read")), 0);
	cr_expect_eq(sysprops(ABI_X86_64, -1), 0);
	cr_expect_eq(sysprops(ABI_X86_64, SYSCALLS_MAX), 0);
	cr_expect_eq(sysprops(ABI_COUNT, 0), 0);
	cr_expect_eq(sysprops_of_name(NULL), 0);
}

/* guard_of() by number finds what guard_lookup() finds by name, in every ABI. */
Test(sysprops, guard_by_number_matches_by_name)
{
	for (int a = 0; a < ABI_COUNT; a++)
		for (long nr = 0; nr < syscalls_count(a) && nr < SYSCALLS_MAX; nr++)
			cr_expect_eq(guard_of(a, nr), guard_lookup(a, syscalls_name(a, nr)), "%s %ld",
				     abi_name(a), nr);
	cr_expect_not_null(guard_of(ABI_X86_64, syscalls_lookup(ABI_X86_64, "kill")));
	cr_expect_not_null(guard_of(ABI_X86_64, syscalls_lookup(ABI_X86_64, "mmap")));
	/* i386's mmap is old_mmap, which no policy admits: no guard to find */
	cr_expect_null(guard_of(ABI_I386, syscalls_lookup(ABI_I386, "mmap")));
	cr_expect_null(guard_of(ABI_X86_64, -1));
	cr_expect_null(guard_of(ABI_X86_64, SYSCALLS_MAX));
}
