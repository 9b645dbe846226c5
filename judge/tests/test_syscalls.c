#include <criterion/criterion.h>

#include <string.h>

#include "syscalls.h"

/* Known pairs, pinned so that a wrong header or ABI mix-up shows at once. */
Test(syscalls, known_numbers)
{
	cr_expect_eq(syscalls_lookup(ABI_X86_64, "openat"), 257);
	cr_expect_eq(syscalls_lookup(ABI_X86_64, "fstat"), 5);
	cr_expect_eq(syscalls_lookup(ABI_X86_64, "socket"), 41);
	cr_expect_eq(syscalls_lookup(ABI_I386, "open"), 5);
	cr_expect_eq(syscalls_lookup(ABI_I386, "socketcall"), 102);
	cr_expect_eq(syscalls_lookup(ABI_X32, "read"), 0);
	cr_expect_eq(syscalls_lookup(ABI_X32, "execve"), 520);
}

Test(syscalls, names_round_trip)
{
	for (int a = 0; a < ABI_COUNT; a++)
		for (long nr = 0; nr < syscalls_count(a); nr++) {
			const char *n = syscalls_name(a, nr);

			if (n)
				cr_expect_eq(syscalls_lookup(a, n), nr, "%s %s", abi_name(a), n);
		}
}

Test(syscalls, same_number_other_abi_is_other_syscall)
{
	/* The x86_64 number of fstat is open in i386: the reason ABIs are kept apart. */
	cr_expect_str_eq(syscalls_name(ABI_I386, 5), "open");
	cr_expect_str_eq(syscalls_name(ABI_X86_64, 5), "fstat");
}

Test(syscalls, unknown_names_rejected)
{
	cr_expect_eq(syscalls_lookup(ABI_X86_64, "opne"), -1);
	cr_expect_eq(syscalls_lookup(ABI_X86_64, ""), -1);
	cr_expect_eq(syscalls_lookup(ABI_X86_64, "socketcall"), -1);
	cr_expect_null(syscalls_name(ABI_X86_64, -1));
	cr_expect_null(syscalls_name(ABI_X86_64, 100000));
	cr_expect_str_eq(syscalls_closest("opne"), "open");
	cr_expect_null(syscalls_closest("completely_unrelated_words"));
}

Test(syscalls, name_or_number)
{
	char buf[32];

	cr_expect_str_eq(syscalls_name_or_nr(ABI_X86_64, 99999, buf, sizeof(buf)), "syscall_99999");
	cr_expect_str_eq(syscalls_name_or_nr(ABI_X86_64, 0, buf, sizeof(buf)), "read");
}

/* Every number a name has, found by name, is every number whose name it is. */
Test(syscalls, numbers_of_a_name_are_all_of_them)
{
	for (int a = 0; a < ABI_COUNT; a++)
		for (long nr = 0; nr < syscalls_count(a); nr++) {
			const char *name = syscalls_name(a, nr);
			long nrs[8];
			int n, want = 0, seen = 0;

			if (!name)
				continue;
			for (long k = 0; k < syscalls_count(a); k++)
				want += syscalls_name(a, k) && strcmp(syscalls_name(a, k), name) == 0;
			n = syscalls_numbers(a, name, nrs, 8);
			cr_expect_eq(n, want, "%s %s", abi_name(a), name);
			for (int i = 0; i < n; i++) {
				cr_expect_str_eq(syscalls_name(a, nrs[i]), name);
				seen += nrs[i] == nr;
			}
			cr_expect_eq(seen, 1, "%s %s: %ld not among its numbers", abi_name(a), name, nr);
		}
	cr_expect_eq(syscalls_numbers(ABI_X86_64, "no_such_call", (long[1]){ 0 }, 1), 0);
	cr_expect_eq(syscalls_numbers(ABI_X86_64, NULL, (long[1]){ 0 }, 1), 0);
	cr_expect_eq(syscalls_numbers(ABI_COUNT, "read", (long[1]){ 0 }, 1), 0);
}
