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
};

/* Parent side: the default unprivileged ids (nobody/nogroup, or $JUDGE_UID/$JUDGE_GID). */
void isolate_default_ids(uid_t *uid, gid_t *gid);
/*
 * Parent side: an fd of an empty network namespace kept at /run/judge/netns,
 * made on first use, so that runs join it (a setns) instead of paying for a
 * new one each (about 1.2 ms).  -1 when it cannot be had.
 */
int isolate_netns_fd(void);
/* Child side, as root, before the uid drop: only syscalls.  0 or -1 with errno. */
int isolate_enter(const struct isolate_spec *s);
/* Child side: drop every capability and switch to s->uid/gid.  0 or -1. */
int isolate_drop_privileges(const struct isolate_spec *s);

#endif
