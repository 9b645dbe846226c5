#ifndef JUDGE_NSPIN_H
#define JUDGE_NSPIN_H

#include <sys/types.h>

/*
 * Namespaces kept by a bind mount of their file under a directory of
 * root's (/run/judge: the network, IPC and UTS ones by isolate.c, filesystem
 * views by viewpin.c).  Whoever can write that directory decides what a run
 * joins, so both the directory and each pin are checked before use.
 */

/*
 * The directory `path`, opened without following a link, when it is a
 * directory of root's that no one else can write; else -1, with errno
 * ENOENT when there is none (the caller may make it) and EPERM when it is
 * not fit.
 */
int nspin_dir(const char *path);
/*
 * An fd of the namespace of kind `nstype` (CLONE_NEWNET, CLONE_NEWNS...)
 * pinned at `name` under `dirfd`, or -1.  Whatever else sits there (an
 * empty file of a pin half made, a FIFO, a link) is a miss, and is never
 * opened for real.
 */
int nspin_open(int dirfd, const char *name, int nstype);
/*
 * Puts a fresh empty file of `mode` at `name` under `dirfd`, for a pin to be
 * mounted on, after removing whatever was there (the caller found no
 * namespace there with nspin_open, under its lock): a pin is never mounted
 * on a file someone else put in place.  0 or -1.
 */
int nspin_fresh_file(int dirfd, const char *name, mode_t mode);

#endif
