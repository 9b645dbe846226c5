#ifndef JUDGE_SYSCALLS_H
#define JUDGE_SYSCALLS_H

#include "abi.h"

/* Numbers above this are never valid in any table (x32 numbers without the bit). */
#define SYSCALLS_MAX 1024

/* Name -> number in one ABI, or -1 when that ABI has no such syscall. */
long syscalls_lookup(enum abi a, const char *name);
/* Every number `name` has in one ABI (at most max of them, into nrs): how many. */
int syscalls_numbers(enum abi a, const char *name, long *nrs, int max);
/*
 * Number -> name, or NULL for a number the build-time headers do not know
 * (a newer kernel may still implement it; the policy denies it by default).
 */
const char *syscalls_name(enum abi a, long nr);
/* Like syscalls_name, but "syscall_<nr>" into buf when the name is unknown. */
const char *syscalls_name_or_nr(enum abi a, long nr, char *buf, unsigned len);
/* One past the highest number the table knows. */
long syscalls_count(enum abi a);
/* The known name closest to `name` by edit distance, for "did you mean". */
const char *syscalls_closest(const char *name);

#endif
