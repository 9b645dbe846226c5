#include "isolate.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <linux/magic.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rawsys.h"

#define NETNS_DIR "/run/judge"
#define NETNS_PATH NETNS_DIR "/netns"

void isolate_default_ids(uid_t *uid, gid_t *gid)
{
	const char *u = getenv("JUDGE_UID"), *g = getenv("JUDGE_GID");

	*uid = u && *u ? (uid_t)strtoul(u, NULL, 10) : 65534;
	*gid = g && *g ? (gid_t)strtoul(g, NULL, 10) : 65534;
}

static int netns_open(void);

int isolate_netns_fd(void)
{
	/* one per judge process, kept for every run it makes */
	static int cached = -2;

	if (cached == -2)
		cached = netns_open();
	return cached;
}

static int netns_open(void)
{
	int fd = open(NETNS_PATH, O_RDONLY | O_CLOEXEC), self;
	pid_t pid;
	int status;

	struct statfs sfs;

	/* the file is a namespace only while the bind mount of one sits on it */
	if (fd >= 0) {
		if (fstatfs(fd, &sfs) == 0 && sfs.f_type == NSFS_MAGIC)
			return fd;
		close(fd);
	}
	if (geteuid() != 0)
		return -1;
	mkdir(NETNS_DIR, 0755);
	self = open(NETNS_PATH, O_RDONLY | O_CREAT | O_CLOEXEC, 0444);
	if (self < 0)
		return -1;
	close(self);
	/* A child makes the namespace and the parent pins it with a bind mount. */
	pid = fork();
	if (pid == 0) {
		if (unshare(CLONE_NEWNET) < 0 ||
		    mount("/proc/self/ns/net", NETNS_PATH, NULL, MS_BIND, NULL) < 0)
			_exit(1);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	return open(NETNS_PATH, O_RDONLY | O_CLOEXEC);
}

int isolate_kept_ns_fds(int *ipc_fd, int *uts_fd)
{
	/* made once per judge process: a helper child unshares, the parent opens its namespaces */
	static int ipc = -2, uts = -2;
	static pid_t owner;
	int ready[2], go[2], status;
	char path[64], c = 0;
	pid_t pid;

	if (ipc >= 0 && owner == getpid()) {
		*ipc_fd = ipc;
		*uts_fd = uts;
		return 0;
	}
	*ipc_fd = *uts_fd = -1;
	/* a forked judge (a worker of judge test --jobs) makes its own: the fds are its parent's */
	if (ipc == -1 && owner == getpid())
		return -1;
	owner = getpid();
	ipc = uts = -1;
	if (pipe2(ready, O_CLOEXEC) < 0)
		return -1;
	if (pipe2(go, O_CLOEXEC) < 0) {
		close(ready[0]);
		close(ready[1]);
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		/* stays until the parent has opened its namespaces (go closed), then exits */
		close(go[1]);
		close(ready[0]);
		if (unshare(CLONE_NEWIPC | CLONE_NEWUTS) == 0 && write(ready[1], &c, 1) == 1)
			(void)!read(go[0], &c, 1);
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	if (pid > 0 && read(ready[0], &c, 1) == 1) {
		snprintf(path, sizeof(path), "/proc/%d/ns/ipc", (int)pid);
		ipc = open(path, O_RDONLY | O_CLOEXEC);
		snprintf(path, sizeof(path), "/proc/%d/ns/uts", (int)pid);
		uts = open(path, O_RDONLY | O_CLOEXEC);
	}
	close(go[1]);
	close(ready[0]);
	if (pid > 0)
		waitpid(pid, &status, 0);
	if (ipc < 0 || uts < 0) {
		if (ipc >= 0)
			close(ipc);
		if (uts >= 0)
			close(uts);
		ipc = uts = -1;
		return -1;
	}
	*ipc_fd = ipc;
	*uts_fd = uts;
	return 0;
}

int isolate_enter(const struct isolate_spec *s)
{
	/* with a view, view.c makes or joins the mount namespace */
	int flags = s->view ? 0 : CLONE_NEWNS;
	long r;

	if (s->netns_fd >= 0) {
		if ((r = RAWSYS(SYS_setns, s->netns_fd, CLONE_NEWNET)) < 0)
			return (int)r;
	} else {
		flags |= CLONE_NEWNET;
	}
	/* kept namespaces are joined only when both are there (isolate_kept_ns_fds) */
	if (s->ipcns_fd >= 0 && s->utsns_fd >= 0) {
		if ((r = RAWSYS(SYS_setns, s->ipcns_fd, CLONE_NEWIPC)) < 0 ||
		    (r = RAWSYS(SYS_setns, s->utsns_fd, CLONE_NEWUTS)) < 0)
			return (int)r;
	} else {
		flags |= CLONE_NEWIPC | CLONE_NEWUTS;
	}
	if (flags && (r = RAWSYS(SYS_unshare, flags)) < 0)
		return (int)r;
	if (s->view)
		return 0;
	/* Nothing done to mounts here may reach the host. */
	if ((r = RAWSYS(SYS_mount, NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) < 0)
		return (int)r;
	if (s->writable && (r = RAWSYS(SYS_mount, s->writable, s->writable, NULL, MS_BIND, NULL)) < 0)
		return (int)r;
	{
		struct mount_attr ro = { .attr_set = MOUNT_ATTR_RDONLY };
		struct mount_attr rw = { .attr_clr = MOUNT_ATTR_RDONLY };

		if ((r = RAWSYS(SYS_mount_setattr, AT_FDCWD, "/", AT_RECURSIVE, &ro, sizeof(ro))) < 0)
			return (int)r;
		/* device files such as /dev/null stay writable on a read-only mount */
		if (s->writable &&
		    (r = RAWSYS(SYS_mount_setattr, AT_FDCWD, s->writable, 0, &rw, sizeof(rw))) < 0)
			return (int)r;
	}
	return 0;
}

int isolate_drop_bounding_set(void)
{
	/* once per judge process: a fork of it (a worker's slot) inherits the empty set */
	static bool done;

	if (done)
		return 0;
	for (int cap = 0; cap <= CAP_LAST_CAP; cap++)
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
			return -1;
	done = true;
	return 0;
}

int isolate_drop_privileges(const struct isolate_spec *s)
{
	long r;

	/* The bounding set is empty already (isolate_drop_bounding_set, in the judge). */
	if ((r = RAWSYS(SYS_setgroups, 0, NULL)) < 0 ||
	    (r = RAWSYS(SYS_setresgid, s->gid, s->gid, s->gid)) < 0 ||
	    (r = RAWSYS(SYS_setresuid, s->uid, s->uid, s->uid)) < 0)
		return (int)r;
	/* setresuid from root to non-root clears the permitted and effective sets */
	r = RAWSYS(SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
	return r < 0 && r != -EINVAL ? (int)r : 0;
}
