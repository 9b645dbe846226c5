#ifndef JUDGE_ABI_H
#define JUDGE_ABI_H

#include <stdint.h>

/*
 * The three system-call ABIs a process on x86_64 can use.  A 64-bit program
 * can still enter the i386 table with `int $0x80` and the x32 table by setting
 * bit 30 of the number, so every decision is keyed by (abi, nr), never nr.
 */
enum abi { ABI_X86_64, ABI_I386, ABI_X32, ABI_COUNT };

#define ABI_X32_BIT 0x40000000L

const char *abi_name(enum abi a);
/* "x86_64" | "i386" | "x32" -> abi, or -1. */
int abi_from_name(const char *name);
/*
 * From the AUDIT_ARCH_* value the kernel reports (seccomp_data.arch,
 * ptrace_syscall_info.arch) and the raw number: x32 is AUDIT_ARCH_X86_64 with
 * the x32 bit.  Returns -1 for an architecture the judge does not know.
 */
int abi_classify(uint32_t audit_arch, long raw_nr, long *nr);

#endif
