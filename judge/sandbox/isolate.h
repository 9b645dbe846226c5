#ifndef JUDGE_ISOLATE_H
#define JUDGE_ISOLATE_H

#include <stdbool.h>
#include <sys/types.h>

/*
 * Layers a judge running as root adds around the program, below the tracer:
 * new network, IPC, UTS and mount namespaces, the whole filesystem seen
 * read-only but for the work directory, every capability dropped, and an
 * unprivileged uid/gid.  None of them is needed for the policy to hold; each
 * one narrows what a bug in the tracer or the kernel's syscall checks could
 * expose.  A normal user gets none of these and relies on seccomp, Landlock
 * and the tracer.
 */
struct isolate_spec {
	bool enabled;
	uid_t uid;
	gid_t gid;
	const char *writable;	/* a directory that stays writable (the workspace), or NULL */
	bool view;		/* view.c makes the mount namespace and the filesystem: leave both alone */
	int netns_fd;		/* a pinned empty network namespace to join, or -1: unshare one */
	int ipcns_fd, utsns_fd;	/* kept IPC and UTS namespaces to join, or -1: unshare new ones */
};

/* Parent side: the default unprivileged ids (nobody/nogroup, or $JUDGE_UID/$JUDGE_GID). */
void isolate_default_ids(uid_t *uid, gid_t *gid);
/*
 * Parent side: an fd of an empty network namespace kept at /run/judge/netns,
 * made on first use, so that runs join it (a setns) instead of paying for a
 * new one each (about 1.2 ms).  -1 when it cannot be had.
 */
int isolate_netns_fd(void);
/*
 * Parent side: fds of an IPC and a UTS namespace kept, as the network one,
 * at /run/judge/ipcns and /run/judge/utsns (made on first use, by root), so
 * that runs join them (a setns each) instead of making two namespaces per
 * run and tearing them down (the IPC one's mqueue mount among them).  0, or
 * -1 when they cannot be had (the caller then leaves both fds at -1).
 *
 * Why sharing them between runs keeps every run's start clean: a UTS
 * namespace holds only the host and domain names, which only CAP_SYS_ADMIN
 * may change, and the program never has a capability (the bounding set is
 * empty before its execve).  An IPC namespace holds SysV segments,
 * semaphores and message queues and POSIX message queues; the caller
 * passes these fds only for a policy that admits none of the syscalls that
 * create them (run.c), so nothing can ever exist in
 * the kept namespace for a later run to find.  A policy that admits them
 * gets fresh namespaces at every run, as before.
 */
int isolate_kept_ns_fds(int *ipc_fd, int *uts_fd);
/*
 * Parent side, as root, before a launch: empties this judge process's
 * capability bounding set, once.  The bounding set only limits what a later
 * execve can grant: the judge keeps its own effective capabilities (mounts,
 * cgroups, setns), and its launches' children inherit the empty set instead
 * of dropping 41 capabilities each.  What the judge itself execs later as
 * root (a checker, an interactor, a compiler of one) gets no capability
 * either.  0, or -1 with errno.
 */
int isolate_drop_bounding_set(void);
/* Child side, as root, before the uid drop: raw syscalls only (rawsys.h).  0 or -errno. */
int isolate_enter(const struct isolate_spec *s);
/*
 * Child side: switch to s->uid/gid with no capability left (the bounding
 * set is the judge's, emptied by isolate_drop_bounding_set).  Raw syscalls
 * only.  0 or -errno.
 */
int isolate_drop_privileges(const struct isolate_spec *s);

#endif
