#include "abi.h"

#include <linux/audit.h>
#include <string.h>

static const char *const names[ABI_COUNT] = {
	[ABI_X86_64] = "x86_64",
	[ABI_I386] = "i386",
	[ABI_X32] = "x32",
};

const char *abi_name(enum abi a)
{
	return (unsigned)a < ABI_COUNT ? names[a] : "unknown";
}

int abi_from_name(const char *name)
{
	for (int a = 0; a < ABI_COUNT; a++)
		if (strcmp(name, names[a]) == 0)
			return a;
	return -1;
}

int abi_classify(uint32_t audit_arch, long raw_nr, long *nr)
{
	switch (audit_arch) {
	case AUDIT_ARCH_X86_64:
		if (raw_nr >= 0 && (raw_nr & ABI_X32_BIT)) {
			*nr = raw_nr & ~ABI_X32_BIT;
			return ABI_X32;
		}
		*nr = raw_nr;
		return ABI_X86_64;
	case AUDIT_ARCH_I386:
		*nr = raw_nr;
		return ABI_I386;
	default:
		*nr = raw_nr;
		return -1;
	}
}
