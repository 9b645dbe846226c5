#ifndef JUDGE_VIEWPIN_H
#define JUDGE_VIEWPIN_H

#include <stddef.h>

/*
 * Mount namespaces kept across judge processes, as root: a filesystem view
 * (view.c) built once is pinned by a bind mount of its namespace file at
 * /run/judge/views/<sha256 of its key>, as isolate.c pins the empty network
 * namespace at /run/judge/netns, and later judges join it with setns()
 * instead of building it (unshare, the tree clones, a tmpfs, the mkdirs,
 * pivot_root) and tearing it down at the program's exit.
 *
 * JUDGE_VIEW_PINS=N keeps at most N pins (default 16; 0 neither pins nor
 * joins, and removes nothing); the least recently used goes first.
 * JUDGE_VIEW_PIN_DIR names another directory (the tests' own).
 */

/* Builds the namespace to pin and returns an fd of it, or -1. */
typedef int (*viewpin_build_fn)(void *arg);

/*
 * Parent side: an fd of the mount namespace pinned for `key` (which must
 * name everything the view is made of).  When there is none: the first
 * time any judge meets the key, -1 (the key is recorded, and the caller
 * builds the view as it would without pins: a view met once, such as one
 * of a directory made for one run, costs no helper and no pin); met again,
 * `build(arg)` makes the namespace and it is pinned.  `paths` are the host
 * paths the view clones with their submounts: the host's mounts at, above
 * and below them are part of the pin's identity.  -1 also when pinning is
 * off or unavailable (not root, JUDGE_VIEW_PINS=0, no usable directory, the
 * build failed).  A namespace built but not pinned (the lock or the mount
 * refused) is still returned.
 */
int viewpin_join(const char *key, const char *const *paths, size_t n, viewpin_build_fn build,
		 void *arg);

#endif
