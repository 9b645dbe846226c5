#ifndef JUDGE_SYSPROPS_H
#define JUDGE_SYSPROPS_H

#include <stdint.h>

#include "abi.h"
#include "syscalls.h"

/*
 * What the sandbox must know about a syscall beyond the policy's word for
 * it.  Names are compared once per process, when the first policy loads
 * (or at the first look-up, for a policy built in memory); the filter, the
 * tracer and its decisions read the bits by number.
 */
enum sys_prop {
	SYSP_EXEC = 1 << 0,		/* execve, execveat: the launch itself is one */
	SYSP_RESTART = 1 << 1,		/* restart_syscall: finishes a call already allowed */
	SYSP_ALLOC_LEN1 = 1 << 2,	/* mmap, mmap2: an allocation, its length in argument 1 */
	SYSP_ALLOC_LEN2 = 1 << 3,	/* mremap: one when it may move, its length in argument 2 */
	SYSP_FORK = 1 << 4,		/* fork, vfork: a new process, with no flags to read */
};

/* The properties of the syscall called `name` (NULL: none). */
unsigned sysprops_of_name(const char *name);

/* The properties of (a, nr); 0 out of range. */
unsigned sysprops(enum abi a, long nr);

/* Builds the table now rather than at the first look-up (policy_load does). */
void sysprops_init(void);

#endif
