#ifndef JUDGE_NSPIN_H
#define JUDGE_NSPIN_H

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

#endif
