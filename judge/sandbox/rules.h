#ifndef JUDGE_RULES_H
#define JUDGE_RULES_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "policy.h"
#include "strlist.h"

/* The policy's file lists with placeholders expanded, for one run. */
struct path_lists {
	struct strlist read, write, exec;
};

/*
 * Joins `path` to `base` when relative and removes ".", ".." and repeated
 * slashes without touching the filesystem.  Returns 0, or -1 when the result
 * does not fit in `len`.
 */
int rules_normalize(const char *base, const char *path, char *out, size_t len);
/* Whether `path` (normalized) lies within one of the prefixes in `list`. */
bool rules_path_within(const struct strlist *list, const char *path);

/*
 * Checks the path arguments of syscall `name` made by task `tid` of process
 * `tgid` with arguments `a`: every path it names must lie in files.read, or
 * files.write when the call creates, changes or opens for writing, or
 * files.exec for execve/execveat.  Returns true to allow.  `detail` receives
 * the path that decided, for messages and the trace log.  On a refusal,
 * `*err` (may be NULL) is the errno the kernel would give where answering so
 * reveals nothing (EFAULT for an unreadable path, ENAMETOOLONG, EBADF,
 * ENOTDIR, ELOOP), or 0 when the policy's own denial applies.
 */
bool rules_check_path(const struct path_lists *pl, pid_t tid, pid_t tgid,
		      const char *name, const uint64_t a[6], char *detail, size_t dlen,
		      int *err);

/*
 * The clone/fork/vfork flags of a call (`props`: its enum sys_prop bits), or
 * -1 when they forbid it outright.
 */
long rules_clone_flags(unsigned props, const uint64_t a[6]);

bool rules_check_arg(const struct arg_rule *r, const uint64_t a[6]);

#endif
