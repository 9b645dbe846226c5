#include "cgroup.h"
#include "rawsys.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define ROOT "/sys/fs/cgroup"
#define GROUP_PREFIX "judge."

/*
 * Control files are opened relative to the group's locked directory, never
 * through a symlink: once a group is this judge's (locked, owned, checked),
 * no rename or link in a directory above it can point a write elsewhere.
 */
static int write_str(int dfd, const char *file, const char *val)
{
	int fd = openat(dfd, file, O_WRONLY | O_CLOEXEC | O_NOFOLLOW), r;

	if (fd < 0)
		return -1;
	r = write(fd, val, strlen(val)) == (ssize_t)strlen(val) ? 0 : -1;
	close(fd);
	return r;
}

static int write_i64(int dfd, const char *file, int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	return write_str(dfd, file, buf);
}

static int read_text(int dfd, const char *file, char *buf, size_t len)
{
	int fd = openat(dfd, file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

/* A number, or -1 when unreadable; "max" (no limit) reads as INT64_MAX. */
static int64_t read_i64(int dfd, const char *file)
{
	char buf[64];

	if (dfd < 0 || read_text(dfd, file, buf, sizeof(buf)) < 0)
		return -1;
	if (strncmp(buf, "max", 3) == 0)
		return INT64_MAX;
	return strtoll(buf, NULL, 10);
}

/* "key value" lines, as in memory.events and cpu.stat. */
static int64_t read_key(int dfd, const char *file, const char *key)
{
	char buf[4096], *p;
	size_t kl = strlen(key);

	if (dfd < 0 || read_text(dfd, file, buf, sizeof(buf)) < 0)
		return -1;
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, key, kl) == 0 && p[kl] == ' ')
			return strtoll(p + kl + 1, NULL, 10);
	return -1;
}

/* /proc/self/cgroup, read once for every hierarchy a group spans. */
static int read_self_cgroup(char *buf, size_t len)
{
	return read_text(AT_FDCWD, "/proc/self/cgroup", buf, len);
}

/* The judge's own group in a hierarchy, from the text of /proc/self/cgroup. */
static int own_path(const char *text, const char *controller, char *out, size_t len)
{
	for (const char *line = text; *line;) {
		const char *nl = strchrnul(line, '\n');
		const char *c1 = memchr(line, ':', (size_t)(nl - line));
		const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(nl - c1 - 1)) : NULL;

		/* v2 is "0::/path"; v1 lists its controllers between the colons */
		if (c2 && (controller ? memmem(c1 + 1, (size_t)(c2 - c1 - 1), controller, strlen(controller)) != NULL
				      : c2 == c1 + 1)) {
			int n = (int)(nl - c2 - 1);

			if (n == 1 && c2[1] == '/')
				n = 0;
			return snprintf(out, len, "%.*s", n, c2 + 1) < (int)len ? 0 : -1;
		}
		line = *nl ? nl + 1 : nl;
	}
	return -1;
}

static void kill_procs(int dfd)
{
	char buf[8192], *p;

	if (dfd < 0 || read_text(dfd, "cgroup.procs", buf, sizeof(buf)) < 0)
		return;
	for (p = buf; *p;) {
		char *end;
		long pid = strtol(p, &end, 10);

		if (end == p)
			break;
		if (pid > 0)
			kill((pid_t)pid, SIGKILL);
		p = end;
		while (*p == '\n')
			p++;
	}
}

/*
 * A group is its judge's while the judge holds a lock on the group's own
 * directory: flock() on an open directory, released by the kernel when the
 * judge dies however it dies.  Neither a pid nor a name says that: pids
 * mean nothing across PID namespaces (two judges in two containers may
 * share a pid, and one may see the other's as dead).
 */
static int lock_at(int dfd, const char *name)
{
	int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * A directory only this judge's user can change (and root): the judge
 * reaps, reuses or trusts nothing else.  Another user's group in a
 * delegated subtree may hold that user's processes or limits that user
 * may rewrite during a run.
 */
static bool ours(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid() &&
	       !(st.st_mode & (S_IWGRP | S_IWOTH));
}

/* ==== The pool: groups left by judges that ended, for the next judge ==== */

/*
 * Idle groups are kept under the judge's own group as judgepool.0 to
 * judgepool.N-1 (JUDGE_CGROUP_POOL=N, default 4, 0 = no pool): a fixed set
 * of names bounds the pool without a count anyone must keep, and a judge
 * finds a free one with an open and a try-lock, no directory scan.  The
 * prefix is not "judge.": judges of earlier versions, which reap every
 * unlocked "judge." group, leave these alone.
 */
#define POOL_PREFIX "judgepool."
#define POOL_DEFAULT 4
#define POOL_LIMIT 64

static int pool_size(void)
{
	const char *e = getenv("JUDGE_CGROUP_POOL");
	char *end;
	long n;

	if (!e || !*e)
		return POOL_DEFAULT;
	n = strtol(e, &end, 10);
	if (*end || n < 0)
		return POOL_DEFAULT;
	return n > POOL_LIMIT ? POOL_LIMIT : (int)n;
}

/* judgepool.K's K, or -1 for another name. */
static int pool_index(const char *name)
{
	char *end;
	long k;

	if (strncmp(name, POOL_PREFIX, strlen(POOL_PREFIX)) != 0)
		return -1;
	name += strlen(POOL_PREFIX);
	k = strtol(name, &end, 10);
	return end == name || *end || k < 0 || k > POOL_LIMIT ? POOL_LIMIT : (int)k;
}

/*
 * Groups of judges that died without cleaning up (SIGKILL gives no chance):
 * a judge.* group whose lock can be taken has no judge any more.  What is
 * still inside is killed and the group removed.  So are pool groups beyond
 * the pool's size (it was made smaller); those within it are checked by
 * the judge that takes them.
 */
static void reap_stale(const char *parent)
{
	DIR *d = opendir(parent);
	struct dirent *de;
	int n = pool_size();

	if (!d)
		return;
	while ((de = readdir(d))) {
		int fd, k = pool_index(de->d_name);

		if (k < 0 ? strncmp(de->d_name, GROUP_PREFIX, strlen(GROUP_PREFIX)) != 0 : k < n)
			continue;
		if ((fd = lock_at(dirfd(d), de->d_name)) < 0)
			continue;
		if (ours(fd)) {
			if (write_str(fd, "cgroup.kill", "1") < 0)
				kill_procs(fd);
			/* fails harmlessly while a task is still on its way out */
			unlinkat(dirfd(d), de->d_name, AT_REMOVEDIR);
		}
		close(fd);
	}
	closedir(d);
}

/*
 * A name no other judge can pick, in this PID namespace or another: the pid
 * only helps a person (and a test) tell whose group it is.  The prefix is
 * not the "judge-PID-N" of judges that reaped by pid, so that such a judge,
 * still running somewhere, never takes one of these for its own kind.
 */
static void group_name(char *out, size_t len)
{
	uint64_t r[2] = { 0, 0 };

	if (getrandom(r, sizeof(r), GRND_NONBLOCK) != sizeof(r)) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		r[0] = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^ (uintptr_t)out;
		r[1] = (uint64_t)getpid() << 32 ^ (uint64_t)clock();
	}
	snprintf(out, len, GROUP_PREFIX "%d.%016llx%016llx", (int)getpid(), (unsigned long long)r[0],
		 (unsigned long long)r[1]);
}

/* The hierarchies a group spans: v2's one, or v1's memory (needed), pids and cpuacct. */
struct hier {
	const char *mount, *controller;
	bool needed;
};
static const struct hier hier_v2[] = { { ROOT, NULL, true } };
static const struct hier hier_v1[] = {
	{ ROOT "/memory", "memory", true },
	{ ROOT "/pids", "pids", false },
	{ ROOT "/cpuacct", "cpuacct", false },
};

static char *group_path(struct cgroup *cg, int i)
{
	return cg->version == 2 ? cg->v2 : i == 0 ? cg->mem : i == 1 ? cg->pids : cg->cpu;
}

/* The directory groups are made in: the judge's own group in that hierarchy. */
static int parent_of(const char *self, const struct hier *h, char *out, size_t len)
{
	char base[PATH_MAX];

	if (own_path(self, h->controller, base, sizeof(base)) < 0)
		return -1;
	return snprintf(out, len, "%s%s", h->mount, base) < (int)len ? 0 : -1;
}

/*
 * Makes and locks one group under the judge's own.  Another judge's reaper
 * may take the lock of a fresh group in the moment before its maker does
 * and remove it: then the maker's lock fails, or it holds a removed
 * directory (its control files are gone), and it tries a new name.
 */
static int make_group(char *out, size_t len, int *lock_fd, const char *self, const struct hier *h,
		      const char *name)
{
	char parent[PATH_MAX + 64];

	*lock_fd = -1;
	out[0] = '\0';
	if (parent_of(self, h, parent, sizeof(parent)) < 0)
		return -1;
	reap_stale(parent);
	if (snprintf(out, len, "%s/%s", parent, name) >= (int)len) {
		out[0] = '\0';
		return -1;
	}
	if (mkdir(out, 0700) < 0) {
		out[0] = '\0';
		return -1;
	}
	*lock_fd = lock_at(AT_FDCWD, out);
	if (*lock_fd >= 0 && faccessat(*lock_fd, "cgroup.procs", F_OK, AT_SYMLINK_NOFOLLOW) == 0)
		return 0;
	if (*lock_fd >= 0)
		close(*lock_fd);
	*lock_fd = -1;
	rmdir(out);
	out[0] = '\0';
	errno = EAGAIN;
	return -1;
}

/* Up to a few names, should reapers keep taking the fresh group away. */
static int make_groups(struct cgroup *cg, const char *self)
{
	for (int tries = 0; tries < 8; tries++) {
		char name[64];

		group_name(name, sizeof(name));
		if (cg->version == 2) {
			if (make_group(cg->v2, sizeof(cg->v2), &cg->lock[0], self, &hier_v2[0], name) == 0)
				return 0;
		} else if (make_group(cg->mem, sizeof(cg->mem), &cg->lock[0], self, &hier_v1[0], name) == 0) {
			/* pids and cpuacct are extras: a run goes on without them */
			make_group(cg->pids, sizeof(cg->pids), &cg->lock[1], self, &hier_v1[1], name);
			make_group(cg->cpu, sizeof(cg->cpu), &cg->lock[2], self, &hier_v1[2], name);
			return 0;
		}
		if (errno != EAGAIN)
			return -1;
	}
	return -1;
}

static void unlock_all(struct cgroup *cg)
{
	for (unsigned i = 0; i < ARRAY_SIZE(cg->lock); i++) {
		if (cg->lock[i] >= 0)
			close(cg->lock[i]);
		cg->lock[i] = -1;
	}
	cg->v2[0] = cg->mem[0] = cg->pids[0] = cg->cpu[0] = '\0';
}

/*
 * Takes pool group K in every hierarchy, making it where it is missing:
 * 0 when each is locked, this user's and not removed; -1 with nothing
 * held when another judge has it, or it is not this user's.  The memory
 * hierarchy comes first in every judge, so whoever holds its lock holds
 * the others' too, save from a reaper of a smaller pool for a moment.
 */
static int take_slot(struct cgroup *cg, int nh, const int *pfd, char (*parent)[PATH_MAX + 64], int k)
{
	char name[32];

	snprintf(name, sizeof(name), POOL_PREFIX "%d", k);
	for (int i = 0; i < nh; i++) {
		char *path = group_path(cg, i);
		int fd;

		if (pfd[i] < 0)
			continue;
		fd = lock_at(pfd[i], name);
		if (fd < 0 && errno == ENOENT && (mkdirat(pfd[i], name, 0700) == 0 || errno == EEXIST))
			fd = lock_at(pfd[i], name);
		if (fd >= 0)
			cg->lock[i] = fd;
		if (fd < 0 || !ours(fd) || faccessat(fd, "cgroup.procs", F_OK, AT_SYMLINK_NOFOLLOW) < 0 ||
		    snprintf(path, CGROUP_PATH_MAX, "%s/%s", parent[i], name) >= CGROUP_PATH_MAX) {
			unlock_all(cg);
			return -1;
		}
	}
	return 0;
}

static int refit(struct cgroup *cg, int64_t mem_bytes, int tasks_max, bool seen_empty);

/*
 * Readies a pool group for this judge's runs.  Its last judge may have
 * died with the program's tasks still in it (they are killed, and waited
 * for a moment); the limits are whatever its last judge wrote, and are
 * written again only when they differ.
 */
static int pool_fit(struct cgroup *cg, int64_t mem_bytes, int tasks_max)
{
	int pids = cg->version == 2 ? cg->lock[0] : cg->lock[1];
	char procs[16];

	for (int i = 0;; i++) {
		struct timespec ts = { 0, 1000000 };

		if (read_text(cg->lock[0], "cgroup.procs", procs, sizeof(procs)) < 0)
			return -1;
		if (!procs[0])
			break;
		if (i == 0)
			cgroup_kill(cg);
		if (i == 100)
			return -1;
		nanosleep(&ts, NULL);
	}
	if (cg->version == 2) {
		cg->mem_limit = read_i64(cg->lock[0], "memory.max");
	} else {
		int64_t memsw = read_i64(cg->lock[0], "memory.memsw.limit_in_bytes");

		cg->mem_limit = read_i64(cg->lock[0], "memory.limit_in_bytes");
		/* one judge died between the two writes: both are written again */
		if (memsw >= 0 && memsw != cg->mem_limit)
			cg->mem_limit = INT64_MAX;
	}
	cg->tasks_limit = read_i64(pids, "pids.max");
	return refit(cg, mem_bytes, tasks_max, true);
}

/*
 * A free pool group, fitted: 0, or -1 when the pool is off, full, or
 * under a directory others may write to (a name there says nothing about
 * who made the group).  A group that does not fit (charge the kernel has
 * not let go) is removed and its name made afresh, once.
 */
static int pool_take(struct cgroup *cg, const char *self, const struct hier *h, int nh, int64_t mem_bytes,
		     int tasks_max)
{
	char parent[3][PATH_MAX + 64];
	int pfd[3] = { -1, -1, -1 }, n = pool_size(), r = -1;

	for (int i = 0; n > 0 && i < nh; i++) {
		/* a v1 hierarchy the host lacks is left out, as make_groups leaves it out */
		if (parent_of(self, &h[i], parent[i], sizeof(parent[i])) < 0) {
			if (h[i].needed)
				n = 0;
			continue;
		}
		pfd[i] = open(parent[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (pfd[i] >= 0 ? !ours(pfd[i]) : h[i].needed || errno != ENOENT)
			n = 0;
	}
	for (int k = 0, again = 1; k < n && r < 0; k++) {
		if (take_slot(cg, nh, pfd, parent, k) < 0)
			continue;
		if (pool_fit(cg, mem_bytes, tasks_max) == 0) {
			cg->pooled = true;
			r = 0;
			break;
		}
		cgroup_destroy(cg);
		cg->version = h == hier_v2 ? 2 : 1;
		if (again) {
			again = 0;
			k--;
		}
	}
	for (int i = 0; i < nh; i++)
		if (pfd[i] >= 0)
			close(pfd[i]);
	return r;
}

/* Writes the limits of a group just made. */
static int set_limits(struct cgroup *cg, const char *ctl, int64_t mem_bytes, int tasks_max)
{
	if (cg->version == 2)
		return write_i64(cg->lock[0], "memory.max", mem_bytes) < 0 ||
		       write_str(cg->lock[0], "memory.swap.max", "0") < 0 ||
		       (strstr(ctl, "pids") && write_i64(cg->lock[0], "pids.max", tasks_max) < 0) ? -1 : 0;
	/* memsw is absent without swap accounting; the plain limit then suffices */
	if (write_i64(cg->lock[0], "memory.limit_in_bytes", mem_bytes) < 0 ||
	    (cg->lock[1] >= 0 && write_i64(cg->lock[1], "pids.max", tasks_max) < 0))
		return -1;
	write_i64(cg->lock[0], "memory.memsw.limit_in_bytes", mem_bytes);
	return 0;
}

int cgroup_create(struct cgroup *cg, int64_t mem_bytes, int tasks_max)
{
	char ctl[256] = "", self[2048];

	memset(cg, 0, sizeof(*cg));
	for (unsigned i = 0; i < ARRAY_SIZE(cg->lock); i++)
		cg->lock[i] = -1;
	if (read_self_cgroup(self, sizeof(self)) < 0)
		return -1;
	if (read_text(AT_FDCWD, ROOT "/cgroup.controllers", ctl, sizeof(ctl)) == 0 &&
	    strstr(ctl, "memory")) {
		cg->version = 2;
		if (pool_take(cg, self, hier_v2, ARRAY_SIZE(hier_v2), mem_bytes, tasks_max) == 0)
			return 0;
	} else {
		if (access(ROOT "/memory/memory.limit_in_bytes", W_OK) != 0)
			return -1;
		cg->version = 1;
		if (pool_take(cg, self, hier_v1, ARRAY_SIZE(hier_v1), mem_bytes, tasks_max) == 0)
			return 0;
	}
	/* no pool group free: one of this judge's own, removed when it is done */
	cg->mem_limit = mem_bytes;
	cg->tasks_limit = tasks_max;
	if (make_groups(cg, self) < 0 || set_limits(cg, ctl, mem_bytes, tasks_max) < 0) {
		cgroup_destroy(cg);
		return -1;
	}
	return 0;
}

int cgroup_attach(const struct cgroup *cg, pid_t pid)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%d", pid);
	if (cg->version == 2)
		return write_str(cg->lock[0], "cgroup.procs", buf);
	if (cg->version == 1) {
		for (unsigned i = 0; i < ARRAY_SIZE(cg->lock); i++)
			if (cg->lock[i] >= 0 && write_str(cg->lock[i], "cgroup.procs", buf) < 0)
				return -1;
		return 0;
	}
	return -1;
}

/*
 * On v1 the child joins by itself, writing "0" (itself) to each
 * hierarchy's "tasks": a single task moved by its own hand is the one
 * migration the kernel makes without the global threadgroup lock, whose
 * write side, taken by any write of a pid to cgroup.procs, waits for an
 * RCU grace period once the lock has been idle: 8 to 12 ms for the three
 * hierarchies after half a second of pause here, on every one-shot run a
 * backend starts between other work (docs/bench.md).  The child is one
 * task then (no thread, before its execve), so its process is moved whole.
 */
bool cgroup_joined_by_child(const struct cgroup *cg)
{
	return cg->version == 1;
}

long cgroup_join_self(const struct cgroup *cg)
{
	long fd, r;

	if (cg->version != 1)
		return 0;
	for (unsigned i = 0; i < ARRAY_SIZE(cg->lock); i++) {
		if (cg->lock[i] < 0)
			continue;
		fd = RAWSYS(SYS_openat, cg->lock[i], "tasks", O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd < 0)
			return fd;
		r = RAWSYS(SYS_write, fd, "0", 1);
		RAWSYS(SYS_close, fd);
		if (r != 1)
			return r < 0 ? r : -EIO;
	}
	return 0;
}

/* The counters are the group's since it was made: a reused group's are taken from where the run began. */
bool cgroup_memory_hit(const struct cgroup *cg)
{
	if (cg->version == 2)
		return read_key(cg->lock[0], "memory.events", "max") > cg->events_max0 ||
		       read_key(cg->lock[0], "memory.events", "oom_kill") > cg->oom_kill0;
	/* failcnt stays 0 on some kernels although the OOM killer ran; it is reset on reuse */
	if (cg->version == 1)
		return read_i64(cg->lock[0], "memory.failcnt") > 0 ||
		       read_key(cg->lock[0], "memory.oom_control", "oom_kill") > cg->oom_kill0;
	return false;
}

int64_t cgroup_memory_peak_kib(const struct cgroup *cg)
{
	int64_t v = -1;

	if (cg->version == 2)
		v = read_i64(cg->lock[0], "memory.peak");
	else if (cg->version == 1)
		v = read_i64(cg->lock[0], "memory.max_usage_in_bytes");
	return v < 0 ? -1 : v / 1024;
}

int64_t cgroup_cpu_ns(const struct cgroup *cg)
{
	int64_t us;

	if (cg->version == 2)
		return (us = read_key(cg->lock[0], "cpu.stat", "usage_usec")) < 0 ? -1 : us * 1000;
	if (cg->version == 1)
		return read_i64(cg->lock[2], "cpuacct.usage");
	return -1;
}

void cgroup_kill(const struct cgroup *cg)
{
	if (cg->version == 2 && write_str(cg->lock[0], "cgroup.kill", "1") == 0)
		return;
	if (cg->version)
		kill_procs(cg->lock[0]);
}

static void remove_dir(char *dir)
{
	if (!dir[0])
		return;
	/* The kernel releases a group a moment after its last task is reaped. */
	for (int i = 0; i < 100 && rmdir(dir) < 0 && errno == EBUSY; i++) {
		struct timespec ts = { 0, 1000000 };

		nanosleep(&ts, NULL);
	}
	dir[0] = '\0';
}

void cgroup_destroy(struct cgroup *cg)
{
	remove_dir(cg->v2);
	remove_dir(cg->mem);
	remove_dir(cg->pids);
	remove_dir(cg->cpu);
	/* the locks go last: until the groups are gone they are this judge's */
	unlock_all(cg);
	cg->version = 0;
	cg->pooled = false;
}

/* ==== Reuse within one process, and across them through the pool ==== */

/* A group left over from a run holds at most this much charge (kernel objects, not files). */
#define REUSE_MAX_CHARGE (1LL << 20)

static int64_t charge(const struct cgroup *cg)
{
	return read_i64(cg->lock[0], cg->version == 2 ? "memory.current" : "memory.usage_in_bytes");
}

/*
 * Done with a group: a pool group that is empty and holds no charge is
 * left for the next judge, unlocked; any other is removed.
 */
static void put_back(struct cgroup *cg)
{
	char procs[16];
	int64_t charged;

	if (!cg->version)
		return;
	if (!cg->pooled || read_text(cg->lock[0], "cgroup.procs", procs, sizeof(procs)) < 0 || procs[0] ||
	    (charged = charge(cg)) < 0 || charged > REUSE_MAX_CHARGE) {
		cgroup_destroy(cg);
		return;
	}
	unlock_all(cg);
	cg->version = 0;
	cg->pooled = false;
}

static struct cgroup spare;
static pid_t spare_owner;

void cgroup_drop_spare(void)
{
	if (spare.version && spare_owner == getpid())
		put_back(&spare);
}

/*
 * Makes a kept group ready for the next run, or says it cannot be: tasks
 * still in it, or memory still charged to it (files the last program left
 * on a tmpfs), which the next program would be charged for.
 */
static int refit(struct cgroup *cg, int64_t mem_bytes, int tasks_max, bool seen_empty)
{
	int mem = cg->lock[0], pids = cg->version == 2 ? cg->lock[0] : cg->lock[1];
	char procs[16];
	int64_t charged = charge(cg);

	if ((!seen_empty && (read_text(mem, "cgroup.procs", procs, sizeof(procs)) < 0 || procs[0])) ||
	    (pids >= 0 && read_i64(pids, "pids.current") > 0))
		return -1;
	if (charged < 0 || charged > REUSE_MAX_CHARGE)
		return -1;
	if (cg->version == 2) {
		/* swap.max goes with memory.max: a group made by a judge that died at once has neither */
		if (mem_bytes != cg->mem_limit && (write_i64(mem, "memory.max", mem_bytes) < 0 ||
						   write_str(mem, "memory.swap.max", "0") < 0))
			return -1;
		if (tasks_max != cg->tasks_limit && write_i64(mem, "pids.max", tasks_max) < 0 &&
		    errno != ENOENT)
			return -1;
		cg->events_max0 = read_key(mem, "memory.events", "max");
		cg->oom_kill0 = read_key(mem, "memory.events", "oom_kill");
	} else {
		if (mem_bytes != cg->mem_limit) {
			/* memsw may never be below the plain limit: raise it first, lower it last */
			if (mem_bytes > cg->mem_limit)
				write_i64(mem, "memory.memsw.limit_in_bytes", mem_bytes);
			if (write_i64(mem, "memory.limit_in_bytes", mem_bytes) < 0)
				return -1;
			if (mem_bytes < cg->mem_limit)
				write_i64(mem, "memory.memsw.limit_in_bytes", mem_bytes);
		}
		if (tasks_max != cg->tasks_limit && pids >= 0 && write_i64(pids, "pids.max", tasks_max) < 0)
			return -1;
		if (write_str(mem, "memory.failcnt", "0") < 0)
			return -1;
		cg->oom_kill0 = read_key(mem, "memory.oom_control", "oom_kill");
	}
	cg->mem_limit = mem_bytes;
	cg->tasks_limit = tasks_max;
	return 0;
}

/*
 * Hands a group from one struct to the other, leaving `from` empty.  Only
 * the strings' own bytes are copied: the struct is 4 KiB, and a copy and a
 * memset of it touched pages at the end of every run, each a fault when
 * the pages were shared with the program's child a moment before.
 */
static void cg_move(struct cgroup *to, struct cgroup *from)
{
	to->version = from->version;
	to->pooled = from->pooled;
	strcpy(to->v2, from->v2);
	strcpy(to->mem, from->mem);
	strcpy(to->pids, from->pids);
	strcpy(to->cpu, from->cpu);
	for (unsigned i = 0; i < ARRAY_SIZE(to->lock); i++) {
		to->lock[i] = from->lock[i];
		from->lock[i] = -1;
	}
	to->mem_limit = from->mem_limit;
	to->tasks_limit = from->tasks_limit;
	to->events_max0 = from->events_max0;
	to->oom_kill0 = from->oom_kill0;
	from->version = 0;
	from->pooled = false;
}

int cgroup_acquire(struct cgroup *cg, int64_t mem_bytes, int tasks_max)
{
	if (spare.version && spare_owner == getpid()) {
		cg_move(cg, &spare);
		if (refit(cg, mem_bytes, tasks_max, false) == 0)
			return 0;
		cgroup_destroy(cg);
	}
	return cgroup_create(cg, mem_bytes, tasks_max);
}

void cgroup_release(struct cgroup *cg)
{
	static pid_t registered;

	if (!cg->version)
		return;
	if (spare.version && spare_owner == getpid()) {
		put_back(cg);
		return;
	}
	/* a forked child's copy of its parent's spare is only forgotten (its locks are the parent's) */
	cg_move(&spare, cg);
	spare_owner = getpid();
	if (registered != spare_owner) {
		atexit(cgroup_drop_spare);
		registered = spare_owner;
	}
}
