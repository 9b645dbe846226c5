#include <criterion/criterion.h>
#include <linux/audit.h>

#include "abi.h"

Test(abi, classify)
{
	long nr;

	cr_expect_eq(abi_classify(AUDIT_ARCH_X86_64, 2, &nr), ABI_X86_64);
	cr_expect_eq(nr, 2);
	cr_expect_eq(abi_classify(AUDIT_ARCH_X86_64, ABI_X32_BIT | 2, &nr), ABI_X32);
	cr_expect_eq(nr, 2);
	cr_expect_eq(abi_classify(AUDIT_ARCH_I386, 5, &nr), ABI_I386);
	cr_expect_eq(nr, 5);
	cr_expect_eq(abi_classify(AUDIT_ARCH_AARCH64, 5, &nr), -1);
	/* -1 is how the kernel shows "no syscall"; it is not x32. */
	cr_expect_eq(abi_classify(AUDIT_ARCH_X86_64, -1, &nr), ABI_X86_64);
}

Test(abi, names)
{
	cr_expect_str_eq(abi_name(ABI_I386), "i386");
	cr_expect_eq(abi_from_name("x32"), ABI_X32);
	cr_expect_eq(abi_from_name("arm"), -1);
}
