#ifndef JUDGE_PATHRES_H
#define JUDGE_PATHRES_H

#include <stddef.h>

/*
 * Where an absolute path leads, resolved the way the kernel walks it: one
 * component at a time from a directory descriptor, every symbolic link
 * followed where it stands (before a ".." after it), at most PATHRES_MAX_LINKS
 * links as the kernel allows.  The work is linear in the number of components
 * plus a constant per link: a path cannot make the tracer work more than the
 * kernel would.
 *
 * A path whose tail does not exist (a file about to be created, a library
 * probed for) resolves its longest existing prefix and appends the rest with
 * "." and ".." removed; a missing directory makes the kernel fail with ENOENT
 * anyway, so how ".." is applied past it is moot.
 */
#define PATHRES_MAX_LINKS 40

/* What one resolution cost: filesystem calls made and components walked. */
struct pathres_stats {
	unsigned long calls;
	unsigned long components;
	unsigned long links;
};

/*
 * Resolves `path` (absolute) into `out`.  Returns 0, or -1 with errno when
 * it cannot be resolved: a dangling link (O_CREAT would create its target,
 * wherever that is), too many links (ELOOP), a directory the judge may not
 * search, a result that does not fit (ENAMETOOLONG) or names no path (an
 * anonymous pipe behind /proc/PID/fd/N).  `st` may be NULL.
 */
int pathres_resolve(const char *path, char *out, size_t len, struct pathres_stats *st);

#endif
