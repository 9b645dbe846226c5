#include "view.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/capability.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rawsys.h"
#include "util.h"
#include "viewpin.h"

/*
 * Where the tmpfs is mounted while the view is built: every directory tree
 * is first cloned (open_tree) and only then is this covered, so a work
 * directory below /tmp is still found.  pivot_root then makes the tmpfs the
 * namespace's root, so /proc/<pid>/cwd reads the same path to the tracer.
 */
#define VIEW_MNT "/tmp"
/* the old root after pivot_root: left mounted (an unmount waits for an RCU grace period) but covered */
#define VIEW_OLD "/.oldroot"
#define MAX_LINKS 40

/* ------------------------------------------------------------ parent: plan */

static struct view_op *op_find(struct view *v, const char *path)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->ops[i].path, path) == 0)
			return &v->ops[i];
	return NULL;
}

static void op_add(struct view *v, enum view_kind kind, const char *path, const char *link,
		   bool dir, bool writable)
{
	struct view_op *o = op_find(v, path);

	if (o) {
		/* a directory some entry names exactly, that another binds */
		if (kind == VIEW_BIND && o->kind == VIEW_DIR) {
			o->kind = VIEW_BIND;
			o->dir = dir;
		}
		if (kind == VIEW_BIND && o->kind == VIEW_BIND)
			o->writable = o->writable || writable;
		return;
	}
	v->ops = xrealloc(v->ops, (v->n + 1) * sizeof(*v->ops));
	o = &v->ops[v->n++];
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	o->path = xstrdup(path);
	o->target = xasprintf("%s%s", VIEW_MNT, path);
	o->link = link ? xstrdup(link) : NULL;
	o->dir = dir;
	o->writable = writable;
}

/*
 * Directories already met while one view is planned: the lists name many
 * paths under the same few (/usr, /usr/lib, the work directory's parents),
 * and every walk would lstat each of them again.  Kept small, so that it
 * costs no page of its own; view_plan starts it afresh.
 */
#define SEEN_DIRS 16
#define SEEN_LEN 64
static struct {
	char path[SEEN_LEN];
	dev_t dev;
	ino_t ino;
} seen_dir[SEEN_DIRS];
static int seen_n;

/* The lstat of a path, or of a directory met before in this plan (its mode, dev and inode). */
static int lstat_seen(const char *path, struct stat *st)
{
	for (int i = 0; i < seen_n; i++)
		if (strcmp(seen_dir[i].path, path) == 0) {
			st->st_mode = S_IFDIR;
			st->st_dev = seen_dir[i].dev;
			st->st_ino = seen_dir[i].ino;
			return 0;
		}
	if (lstat(path, st) < 0)
		return -1;
	if (S_ISDIR(st->st_mode) && seen_n < SEEN_DIRS && strlen(path) < SEEN_LEN) {
		strcpy(seen_dir[seen_n].path, path);
		seen_dir[seen_n].dev = st->st_dev;
		seen_dir[seen_n++].ino = st->st_ino;
	}
	return 0;
}

/*
 * Follows `path` as the kernel does, recording every symbolic link met on
 * the way, so that the view resolves it the same.  Leaves the real path in
 * `real`.  Returns -1 when the path does not exist on the host (or loops).
 */
struct walk_bufs {
	char rest[PATH_MAX * 2], tmp[PATH_MAX * 2], cur[PATH_MAX], cand[PATH_MAX];
	char text[PATH_MAX];
};

static int walk_in(struct walk_bufs *b, struct view *v, const char *path, char *real, size_t len)
{
	char *rest = b->rest, *tmp = b->tmp, *cur = b->cur, *cand = b->cand, *text = b->text;
	const char *p;
	int links = 0;
	size_t cl = 0;

	if (snprintf(rest, sizeof(b->rest), "%s", path) >= (int)sizeof(b->rest))
		return -1;
	cur[0] = '\0';
	for (p = rest; *p;) {
		const char *q;
		size_t seg;
		struct stat st;
		ssize_t tl;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		q = strchrnul(p, '/');
		seg = (size_t)(q - p);
		if (seg == 1 && p[0] == '.') {
			p = q;
			continue;
		}
		if (seg == 2 && p[0] == '.' && p[1] == '.') {
			while (cl > 0 && cur[cl - 1] != '/')
				cl--;
			if (cl > 0)
				cl--;
			cur[cl] = '\0';
			p = q;
			continue;
		}
		if (cl + 1 + seg >= sizeof(b->cand))
			return -1;
		memcpy(cand, cur, cl);
		cand[cl] = '/';
		memcpy(cand + cl + 1, p, seg);
		cand[cl + 1 + seg] = '\0';
		if (lstat_seen(cand, &st) < 0)
			return -1;
		if (S_ISLNK(st.st_mode)) {
			if (++links > MAX_LINKS)
				return -1;
			tl = readlink(cand, text, sizeof(b->text) - 1);
			if (tl <= 0)
				return -1;
			text[tl] = '\0';
			op_add(v, VIEW_LINK, cand, text, false, false);
			if (snprintf(tmp, sizeof(b->tmp), "%s%s", text, q) >= (int)sizeof(b->tmp))
				return -1;
			memcpy(rest, tmp, strlen(tmp) + 1);
			if (text[0] == '/')
				cl = 0;
			cur[cl] = '\0';
			p = rest;
			continue;
		}
		if (*q && !S_ISDIR(st.st_mode))
			return -1;
		memcpy(cur, cand, cl + 1 + seg + 1);
		cl += 1 + seg;
		p = q;
	}
	return snprintf(real, len, "%s", cl ? cur : "/") < (int)len ? 0 : -1;
}

/* The buffers are the heap's: on the stack their probes would touch seven pages a run. */
static int walk(struct view *v, const char *path, char *real, size_t len)
{
	struct walk_bufs *b = xmalloc(sizeof(*b));
	int r = walk_in(b, v, path, real, len);

	free(b);
	return r;
}

static bool is_proc_self(const char *p)
{
	return strncmp(p, "/proc/self", 10) == 0 || strncmp(p, "/proc/thread-self", 17) == 0;
}

/*
 * One entry of the policy's lists: a directory with a trailing '/' is bound
 * with everything below it; a directory named without one is only that
 * name (rules_path_within), so it is an empty directory of the view.
 */
static void add_entry(struct view *v, const char *entry, bool tree, bool writable)
{
	char real[PATH_MAX];
	struct view_op *o;
	struct stat st;

	/* /proc/self of the judge is not the program's; whole_proc brings the program's */
	if (entry[0] != '/' || is_proc_self(entry))
		return;
	if (walk(v, entry, real, sizeof(real)) < 0 || lstat_seen(real, &st) < 0 ||
	    strcmp(real, "/") == 0)
		return;
	if (S_ISDIR(st.st_mode) && !tree) {
		op_add(v, VIEW_DIR, real, NULL, true, false);
		return;
	}
	op_add(v, VIEW_BIND, real, NULL, S_ISDIR(st.st_mode), writable && S_ISDIR(st.st_mode));
	o = op_find(v, real);
	o->dev = st.st_dev;
	o->ino = st.st_ino;
}

static void add_list(struct view *v, const struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		size_t len = strlen(l->v[i]);

		add_entry(v, l->v[i], len > 1 && l->v[i][len - 1] == '/', false);
	}
}

static int op_cmp(const void *a, const void *b)
{
	return strcmp(((const struct view_op *)a)->path, ((const struct view_op *)b)->path);
}

static bool below(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(path, dir, n) == 0 && path[n] == '/';
}

static void op_release(struct view_op *o)
{
	free(o->path);
	free(o->target);
	free(o->link);
}

int view_plan(struct view *v, const struct path_lists *pl, const char *workdir, bool whole_proc)
{
	size_t n0, k = 0;

	memset(v, 0, sizeof(*v));
	v->mnt_fd = v->user_fd = -1;
	seen_n = 0;
	snprintf(v->uid_map, sizeof(v->uid_map), "%u %u 1", (unsigned)geteuid(), (unsigned)geteuid());
	snprintf(v->gid_map, sizeof(v->gid_map), "%u %u 1", (unsigned)getegid(), (unsigned)getegid());
	add_list(v, &pl->read);
	add_list(v, &pl->write);
	add_list(v, &pl->exec);
	if (whole_proc)
		add_entry(v, "/proc/", true, false);
	/*
	 * Debian's alternatives: /usr/bin/cc leads to /usr/bin/gcc through
	 * /etc/alternatives/cc, and the tracer checks only both ends.  Links
	 * alone, naming what is installed.
	 */
	add_entry(v, "/etc/alternatives/", true, false);
	/*
	 * The work directory is always there, as the program's cwd; whole and
	 * writable when the policy writes (the files.write entries are checked
	 * by the tracer and Landlock), else only what the lists name in it.
	 */
	add_entry(v, workdir, pl->write.n > 0, pl->write.n > 0);
	/* every directory on the way, as an empty one of the tmpfs */
	n0 = v->n;
	for (size_t i = 0; i < n0; i++) {
		char *p = xstrdup(v->ops[i].path);

		for (char *s = strrchr(p, '/'); s && s > p; s = strrchr(p, '/')) {
			*s = '\0';
			op_add(v, VIEW_DIR, p, NULL, true, false);
		}
		free(p);
	}
	if (v->n > 1)
		qsort(v->ops, v->n, sizeof(*v->ops), op_cmp);
	/* What a bound tree already holds as the host has it need not be made again. */
	for (size_t i = 0; i < v->n; i++) {
		struct view_op *o = &v->ops[i], *in = NULL;

		for (size_t j = 0; j < k; j++)
			if (v->ops[j].kind == VIEW_BIND && v->ops[j].dir &&
			    below(o->path, v->ops[j].path) &&
			    (!in || strlen(v->ops[j].path) > strlen(in->path)))
				in = &v->ops[j];
		if (in && !(o->kind == VIEW_BIND && o->writable && !in->writable)) {
			op_release(o);
			continue;
		}
		v->ops[k++] = *o;
	}
	v->n = k;
	return 0;
}

void view_free(struct view *v)
{
	for (size_t i = 0; i < v->n; i++)
		op_release(&v->ops[i]);
	free(v->ops);
	v->ops = NULL;
	v->n = 0;
}

const char *view_unavailable(bool as_root)
{
	static char why[160];
	static bool probed;
	const char *e = getenv("JUDGE_VIEW");
	pid_t pid;
	int status;

	if (e && strcmp(e, "0") == 0)
		return "turned off by JUDGE_VIEW=0";
	if (as_root)
		return NULL;
	if (probed)
		return why[0] ? why : NULL;
	probed = true;
	/*
	 * A child tries what a run's child will do first.  CLONE_NEWUTS in the
	 * new user namespace needs its CAP_SYS_ADMIN, which some hosts withhold
	 * (AppArmor's restrict_unprivileged_userns); a UTS namespace, unlike a
	 * mount namespace, costs nothing to tear down.
	 */
	pid = fork();
	if (pid == 0) {
		if (unshare(CLONE_NEWUSER) < 0)
			_exit(errno & 0x7f);
		if (unshare(CLONE_NEWUTS) < 0)
			_exit(0x80 | (errno & 0x7f));
		_exit(0);
	}
	if (pid < 0) {
		snprintf(why, sizeof(why), "fork: %s", strerror(errno));
	} else if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
		snprintf(why, sizeof(why), "the user namespace probe did not exit");
	} else if (WEXITSTATUS(status) != 0) {
		int st = WEXITSTATUS(status);

		snprintf(why, sizeof(why), "%s: %s",
			 st & 0x80 ? "no capabilities in a new user namespace" :
				     "unprivileged user namespaces unavailable (unshare(CLONE_NEWUSER))",
			 strerror(st & 0x7f));
	}
	return why[0] ? why : NULL;
}

/* ------------------------------------------------------------ child: build */

/*
 * Everything below runs in the launch's child, in the judge's memory
 * (launch.c): raw syscalls only (rawsys.h), results 0 or -errno, and no
 * store into the plan, which the judge owns.
 */

/* Bind mounts one view may hold: their detached trees wait on the child's stack. */
#define VIEW_MAX_BINDS 4096

static int write_file(const char *path, const char *s)
{
	long fd = RAWSYS(SYS_openat, AT_FDCWD, path, O_WRONLY | O_CLOEXEC), r;
	size_t n = strlen(s);

	if (fd < 0)
		return (int)fd;
	r = RAWSYS(SYS_write, fd, s, n);
	RAWSYS(SYS_close, fd);
	if (r < 0)
		return (int)r;
	return r == (long)n ? 0 : -EIO;
}

static int view_userns(const struct view *v)
{
	long r;

	if ((r = RAWSYS(SYS_unshare, CLONE_NEWUSER | CLONE_NEWNS)) < 0 ||
	    (r = write_file("/proc/self/setgroups", "deny")) < 0 ||
	    (r = write_file("/proc/self/uid_map", v->uid_map)) < 0 ||
	    (r = write_file("/proc/self/gid_map", v->gid_map)) < 0)
		return (int)r;
	/* Nothing done to mounts here may reach the host. */
	return (int)RAWSYS(SYS_mount, NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
}

static int make_point(const struct view_op *o)
{
	long r = o->dir ? RAWSYS(SYS_mkdirat, AT_FDCWD, o->target, 0755) :
			  RAWSYS(SYS_mknodat, AT_FDCWD, o->target, S_IFREG | 0644, 0);

	/* inside a tree bound already, the host's own file is the mount point */
	return r < 0 && r != -EEXIST ? (int)r : 0;
}

/* Closes the detached trees not moved into the view (a failure half-way). */
static int view_fail(const int *fds, size_t n, long r)
{
	for (size_t i = 0; i < n; i++)
		if (fds[i] >= 0)
			RAWSYS(SYS_close, fds[i]);
	return (int)r;
}

static int view_build(const struct view *v)
{
	struct mount_attr ro = { .attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID };
	size_t nb = 0;
	long r;

	for (size_t i = 0; i < v->n; i++)
		nb += v->ops[i].kind == VIEW_BIND;
	if (nb > VIEW_MAX_BINDS)
		return -E2BIG;

	int fds[nb ? nb : 1];
	size_t k = 0;

	/* Clones of the host's trees first: the tmpfs below may cover them. */
	for (size_t i = 0; i < v->n; i++) {
		const struct view_op *o = &v->ops[i];

		if (o->kind != VIEW_BIND)
			continue;
		r = RAWSYS(SYS_open_tree, AT_FDCWD, o->path,
			   OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE | AT_SYMLINK_NOFOLLOW);
		if (r < 0)
			return view_fail(fds, k, r);
		fds[k++] = (int)r;
		if (!o->writable && (r = RAWSYS(SYS_mount_setattr, fds[k - 1], "",
						AT_EMPTY_PATH | AT_RECURSIVE, &ro, sizeof(ro))) < 0)
			return view_fail(fds, k, r);
	}
	if ((r = RAWSYS(SYS_mount, "judge-view", VIEW_MNT, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
			"mode=0755,size=64k,nr_inodes=16384")) < 0)
		return view_fail(fds, k, r);
	k = 0;
	for (size_t i = 0; i < v->n; i++) {
		const struct view_op *o = &v->ops[i];

		switch (o->kind) {
		case VIEW_DIR:
			if ((r = RAWSYS(SYS_mkdirat, AT_FDCWD, o->target, 0755)) < 0 && r != -EEXIST)
				return view_fail(fds + k, nb - k, r);
			break;
		case VIEW_LINK:
			if ((r = RAWSYS(SYS_symlinkat, o->link, AT_FDCWD, o->target)) < 0 &&
			    r != -EEXIST)
				return view_fail(fds + k, nb - k, r);
			break;
		case VIEW_BIND:
			if ((r = make_point(o)) < 0 ||
			    (r = RAWSYS(SYS_move_mount, fds[k], "", AT_FDCWD, o->target,
					MOVE_MOUNT_F_EMPTY_PATH)) < 0)
				return view_fail(fds + k, nb - k, r);
			RAWSYS(SYS_close, fds[k]);
			k++;
			break;
		}
	}
	if ((r = RAWSYS(SYS_mkdirat, AT_FDCWD, VIEW_MNT VIEW_OLD, 0)) < 0 ||
	    (r = RAWSYS(SYS_mount_setattr, AT_FDCWD, VIEW_MNT, 0, &ro, sizeof(ro))) < 0 ||
	    (r = RAWSYS(SYS_chdir, VIEW_MNT)) < 0 ||
	    (r = RAWSYS(SYS_pivot_root, ".", &VIEW_OLD[1])) < 0 ||
	    (r = RAWSYS(SYS_chdir, "/")) < 0 ||
	    (r = RAWSYS(SYS_mount, "judge-view", VIEW_OLD, "tmpfs",
			MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0,size=4k,nr_inodes=2")) < 0)
		return (int)r;
	return 0;
}

static int view_drop_caps(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = { { 0, 0, 0 }, { 0, 0, 0 } };
	long r;

	/*
	 * execve by a uid other than 0 of the namespace leaves no capability;
	 * uid 0 (a root judge without its root layers) would get the bounding
	 * set back, so that goes too: a new user namespace gives a full one.
	 */
	for (int cap = 0; RAWSYS(SYS_getuid) == 0 && cap <= CAP_LAST_CAP; cap++)
		if ((r = RAWSYS(SYS_prctl, PR_CAPBSET_DROP, cap, 0, 0, 0)) < 0 && r != -EINVAL)
			return (int)r;
	if ((r = RAWSYS(SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)) < 0 &&
	    r != -EINVAL)
		return (int)r;
	return (int)RAWSYS(SYS_capset, &h, d);
}

int view_enter(const struct view *v)
{
	long r;

	if (v->mnt_fd >= 0) {
		/* the root and the cwd become the namespace's root: the view */
		if ((v->userns && (r = RAWSYS(SYS_setns, v->user_fd, CLONE_NEWUSER)) < 0) ||
		    (r = RAWSYS(SYS_setns, v->mnt_fd, CLONE_NEWNS)) < 0)
			return (int)r;
	} else if (v->userns) {
		if ((r = view_userns(v)) < 0 || (r = view_build(v)) < 0)
			return (int)r;
	} else if ((r = RAWSYS(SYS_unshare, CLONE_NEWNS)) < 0 ||
		   /* Nothing done to mounts here may reach the host. */
		   (r = RAWSYS(SYS_mount, NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) < 0 ||
		   (r = view_build(v)) < 0) {
		return (int)r;
	}
	return v->userns ? view_drop_caps() : 0;
}

/* ------------------------------------------------------------ parent: share */

/* Views kept by this judge process: a compile's and its tests', say. */
#define VIEW_CACHE 4

/* a key with mnt_fd -1: met once, built by the run's child, not kept */
static struct {
	char *key;
	int mnt_fd, user_fd;
} cache[VIEW_CACHE] = { [0 ... VIEW_CACHE - 1] = { NULL, -1, -1 } };
static unsigned cache_next;

static void cache_drop(int slot)
{
	free(cache[slot].key);
	cache[slot].key = NULL;
	if (cache[slot].mnt_fd >= 0)
		close(cache[slot].mnt_fd);
	if (cache[slot].user_fd >= 0)
		close(cache[slot].user_fd);
	cache[slot].mnt_fd = cache[slot].user_fd = -1;
}

/*
 * Everything that makes two views the same: the ops, and which file or
 * directory each binds (a work directory removed and made again is another
 * view).  dev and inode suffice: a namespace that binds an inode holds it,
 * so its number cannot go to another file while that namespace is kept.
 * The host's mounts under the bound trees are not in it: within one judge
 * process they are taken as they were at its first build; across processes
 * viewpin.c adds them.
 */
static char *view_key(const struct view *v)
{
	char *k = xstrdup(v->userns ? "userns" : "root");

	for (size_t i = 0; i < v->n; i++) {
		const struct view_op *o = &v->ops[i];
		char *n = xasprintf("%s\n%d %d %d %llu %llu %s %s", k, (int)o->kind, o->dir,
				    o->writable, (unsigned long long)o->dev,
				    (unsigned long long)o->ino, o->path, o->link ? o->link : "");

		free(k);
		k = n;
	}
	return k;
}

static int open_ns(pid_t pid, const char *kind)
{
	char p[64];

	snprintf(p, sizeof(p), "/proc/%d/ns/%s", (int)pid, kind);
	return open(p, O_RDONLY | O_CLOEXEC);
}

/*
 * A helper child builds the view, then waits until its namespaces are held:
 * sets *mnt (and *user for a view in a user namespace) and returns 0, or
 * -1.  With `bare`, the helper also unmounts the host's old root under the
 * view (which view_enter leaves mounted, covered, since an unmount waits for
 * an RCU grace period): a namespace pinned for other judges then holds the
 * view's own mounts only, not a copy of every mount the host had (other
 * pins among them) for as long as it is kept.
 */
static int view_helper(const struct view *v, bool bare, int *mnt, int *user)
{
	int ready[2], go[2];
	char c = 0;
	pid_t pid;

	*mnt = *user = -1;
	if (pipe2(ready, O_CLOEXEC) < 0)
		return -1;
	if (pipe2(go, O_CLOEXEC) < 0) {
		close(ready[0]);
		close(ready[1]);
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		close(ready[0]);
		close(go[1]);
		if (view_enter(v) < 0 ||
		    (bare && (umount2(VIEW_OLD, MNT_DETACH) < 0 || umount2(VIEW_OLD, MNT_DETACH) < 0)) ||
		    write(ready[1], &c, 1) != 1)
			_exit(1);
		if (read(go[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	if (pid > 0 && read(ready[0], &c, 1) == 1) {
		*mnt = open_ns(pid, "mnt");
		if (v->userns)
			*user = open_ns(pid, "user");
	}
	close(go[1]);
	close(ready[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	if (*mnt < 0 || (v->userns && *user < 0)) {
		if (*mnt >= 0)
			close(*mnt);
		if (*user >= 0)
			close(*user);
		*mnt = *user = -1;
		return -1;
	}
	return 0;
}

/* viewpin's builder: the view's namespace, bare (view_helper), or -1. */
static int pin_build(void *arg)
{
	int mnt, user;

	return view_helper(arg, true, &mnt, &user) < 0 ? -1 : mnt;
}

/* As root: the view's namespace pinned for every judge process (viewpin.h), or -1. */
static int view_pinned(const struct view *v, const char *key)
{
	const char **paths = xmalloc((v->n ? v->n : 1) * sizeof(*paths));
	size_t n = 0;
	int fd;

	for (size_t i = 0; i < v->n; i++)
		if (v->ops[i].kind == VIEW_BIND)
			paths[n++] = v->ops[i].path;
	fd = viewpin_join(key, paths, n, pin_build, (void *)v);
	free(paths);
	return fd;
}

void view_share(struct view *v)
{
	char *key = view_key(v);
	int slot = -1, mnt, user;

	for (unsigned i = 0; i < VIEW_CACHE; i++)
		if (cache[i].key && strcmp(cache[i].key, key) == 0)
			slot = (int)i;
	if (slot >= 0 && cache[slot].mnt_fd >= 0) {
		v->mnt_fd = cache[slot].mnt_fd;
		v->user_fd = cache[slot].user_fd;
		free(key);
		return;
	}
	/*
	 * A view met for the first time is built by the run's own child: a
	 * judge that runs one program (judge run) pays no helper.  Met again, it
	 * is built once more, by a helper, and kept.  As root, "met" counts in
	 * every judge process: a view another one pinned is joined at once, and
	 * one met before elsewhere is pinned (viewpin.h).
	 */
	if (slot < 0) {
		slot = (int)(cache_next++ % VIEW_CACHE);
		cache_drop(slot);
		cache[slot].key = key;
		if (!v->userns && (mnt = view_pinned(v, key)) >= 0)
			cache[slot].mnt_fd = v->mnt_fd = mnt;
		return;
	}
	free(key);
	if (!v->userns && (mnt = view_pinned(v, cache[slot].key)) >= 0) {
		cache[slot].mnt_fd = v->mnt_fd = mnt;
		return;
	}
	if (view_helper(v, false, &mnt, &user) < 0)
		return;
	cache[slot].mnt_fd = mnt;
	cache[slot].user_fd = user;
	v->mnt_fd = mnt;
	v->user_fd = user;
}
