#ifndef JUDGE_VIEW_H
#define JUDGE_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "rules.h"

/*
 * The program's filesystem view: a fresh tmpfs root holding only what its
 * policy names (files.read, files.write, files.exec) and its work
 * directory, each bind-mounted from the host at the same path (read-only
 * but for the work directory, when the policy writes), and the symbolic
 * links met on the way to them, so that every allowed path resolves in the
 * view exactly as on the host, where the tracer checked it.  Anything else
 * does not exist in the view: a path rewritten by another thread after the
 * tracer's check (stat, access, readlink and every other path-taking
 * syscall, which Landlock does not cover) reaches nothing the policy does
 * not already allow.
 *
 * As root it is built inside the mount namespace of isolate.c; without
 * root inside a new user namespace that maps only the judge's own uid and
 * gid (as bubblewrap does), where the program then holds no capability.
 *
 * The parent plans it (view_plan: lstat and readlink, may allocate); the
 * child only makes syscalls (view_enter).
 */

enum view_kind {
	VIEW_DIR,	/* an empty directory of the tmpfs */
	VIEW_LINK,	/* a symbolic link, with the host's text */
	VIEW_BIND,	/* the host's file or directory tree, bind-mounted */
};

struct view_op {
	enum view_kind kind;
	char *path;		/* where, in the view and on the host */
	char *target;		/* the same path under the tmpfs while it is built */
	char *link;		/* VIEW_LINK: the link's text */
	bool dir;		/* VIEW_BIND: a directory */
	bool writable;		/* VIEW_BIND: the work directory of a policy that writes */
	dev_t dev;		/* VIEW_BIND: which file or directory (one replaced is another view) */
	ino_t ino;
};

struct view {
	struct view_op *ops;	/* parents before children */
	size_t n;
	char uid_map[32], gid_map[32];	/* for the user namespace: "uid uid 1" */
	bool userns;		/* built in a user namespace of its own (no root) */
	int mnt_fd, user_fd;	/* a view built already (view_share), or -1 */
};

/*
 * Parent side: plans the view of one run: the paths of `pl` and the work
 * directory `workdir` (read-write when the policy has files.write).  Paths
 * that do not exist are left out (the program gets ENOENT, as on the host).
 * The host's /proc is bound whole, read-only, only with `whole_proc`: for
 * a policy that names /proc/self entries, or lets a path-taking syscall run
 * unchecked (the compilers' readlink of /proc/self/exe).  Returns 0.
 */
int view_plan(struct view *v, const struct path_lists *pl, const char *workdir, bool whole_proc);
/*
 * Parent side: the same view is built once per judge process.  The first
 * time, a helper child builds it (as the run's child would) and its mount
 * (and user) namespace is kept; the runs then only join it (setns), which
 * also spares each run a mount namespace copied and torn down.  Sets
 * v->mnt_fd (and v->user_fd), owned by the cache; on failure leaves them
 * -1 and the run's child builds the view itself.
 */
void view_share(struct view *v);
void view_free(struct view *v);

/*
 * Parent side: NULL when a user namespace with a mount namespace can be made
 * here by this user, else why not (probed once per judge process, in a
 * child).  JUDGE_VIEW=0 turns the view off ("turned off by JUDGE_VIEW=0").
 */
const char *view_unavailable(bool as_root);

/*
 * Child side: joins the view's namespaces (view_share), or makes them and
 * builds the view: without root (v->userns) a new user namespace mapping
 * only the judge's uid and gid, and a mount namespace in it; as root a
 * mount namespace.  The view becomes the root (pivot_root; the old root
 * stays below, covered by an empty read-only tmpfs, since an unmount would
 * wait for an RCU grace period), and the cwd.  In a user namespace every
 * capability it gave is dropped.  Raw syscalls only (rawsys.h): it runs in
 * the launch's child, in the judge's memory, and writes nothing of the
 * plan.  0 or -errno.
 */
int view_enter(const struct view *v);

#endif
