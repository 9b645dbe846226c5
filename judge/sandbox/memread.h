#ifndef JUDGE_MEMREAD_H
#define JUDGE_MEMREAD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * Bounded reads of a stopped tracee's memory with process_vm_readv: one
 * syscall per page touched, never more than the caller's buffer.  Memory the
 * tracee cannot read is an error, and the caller treats it as a denial.
 */

/* Copies `len` bytes from `addr`; 0, or -1 with errno (EFAULT, ESRCH). */
int memread(pid_t pid, uint64_t addr, void *buf, size_t len);
/*
 * Copies a NUL-terminated string of at most len-1 bytes.  Returns its length,
 * or -1: errno EFAULT when unreadable, ENAMETOOLONG when no NUL within len.
 */
long memread_string(pid_t pid, uint64_t addr, char *buf, size_t len);

#endif
