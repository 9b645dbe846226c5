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
#include <sys/file.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nspin.h"
#include "rawsys.h"

#define PIN_DIR "/run/judge"

void isolate_default_ids(uid_t *uid, gid_t *gid)
{
	const char *u = getenv("JUDGE_UID"), *g = getenv("JUDGE_GID");

	*uid = u && *u ? (uid_t)strtoul(u, NULL, 10) : 65534;
	*gid = g && *g ? (gid_t)strtoul(g, NULL, 10) : 65534;
}

/*
 * A namespace of the kind `nstype`, kept at /run/judge/NAME by a bind mount
 * of its file, made on first use: runs join it (a setns) instead of paying
 * for a new one and its teardown each.  Only root makes one, in a directory
 * of root's that no one else can write, under a lock so that judges
 * starting together make one between them; a file there that is not a
 * namespace of that kind is never joined.  -1 when none can be had.
 */
static int pinned_ns(const char *name, int nstype, const char *self_ns)
{
	char path[64];
	int dir = nspin_dir(PIN_DIR), fd = -1, status;
	pid_t pid;

	if (dir < 0 && errno == ENOENT && geteuid() == 0 && (mkdir(PIN_DIR, 0755) == 0 || errno == EEXIST))
		dir = nspin_dir(PIN_DIR);
	if (dir < 0)
		return -1;
	fd = nspin_open(dir, name, nstype);
	if (fd >= 0 || geteuid() != 0 || flock(dir, LOCK_EX) < 0)
		goto out;
	/* another judge may have made it while this one waited for the lock */
	fd = nspin_open(dir, name, nstype);
	if (fd >= 0)
		goto out;
	/* whatever is there is no such namespace (looked at under the lock) */
	if (nspin_fresh_file(dir, name, 0444) < 0)
		goto out;
	snprintf(path, sizeof(path), PIN_DIR "/%s", name);
	/* A child makes the namespace and pins it with a bind mount of its own file. */
	pid = fork();
	if (pid == 0) {
		if (unshare(nstype) < 0 || mount(self_ns, path, NULL, MS_BIND, NULL) < 0)
			_exit(1);
		_exit(0);
	}
	if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0)
		fd = nspin_open(dir, name, nstype);
out:
	close(dir);	/* the lock goes with it */
	return fd;
}

int isolate_netns_fd(void)
{
	/* one per judge process, kept for every run it makes */
	static int cached = -2;

	if (cached == -2)
		cached = pinned_ns("netns", CLONE_NEWNET, "/proc/self/ns/net");
	return cached;
}

int isolate_kept_ns_fds(int *ipc_fd, int *uts_fd)
{
	static int ipc = -2, uts = -2;

	if (ipc == -2) {
		ipc = pinned_ns("ipcns", CLONE_NEWIPC, "/proc/self/ns/ipc");
		uts = pinned_ns("utsns", CLONE_NEWUTS, "/proc/self/ns/uts");
		if (ipc < 0 || uts < 0) {
			if (ipc >= 0)
				close(ipc);
			if (uts >= 0)
				close(uts);
			ipc = uts = -1;
		}
	}
	*ipc_fd = ipc;
	*uts_fd = uts;
	return ipc >= 0 ? 0 : -1;
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
