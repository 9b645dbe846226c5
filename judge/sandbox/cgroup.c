#include "cgroup.h"
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
#include <time.h>
#include <unistd.h>

#define ROOT "/sys/fs/cgroup"
#define GROUP_PREFIX "judge."

static int write_str(const char *dir, const char *file, const char *val)
{
	char path[PATH_MAX + 64];
	int fd, r;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	r = write(fd, val, strlen(val)) == (ssize_t)strlen(val) ? 0 : -1;
	close(fd);
	return r;
}

static int write_i64(const char *dir, const char *file, int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	return write_str(dir, file, buf);
}

static int read_text(const char *dir, const char *file, char *buf, size_t len)
{
	char path[PATH_MAX + 64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

static int64_t read_i64(const char *dir, const char *file)
{
	char buf[64];

	if (!dir[0] || read_text(dir, file, buf, sizeof(buf)) < 0)
		return -1;
	return strtoll(buf, NULL, 10);
}

/* "key value" lines, as in memory.events and cpu.stat. */
static int64_t read_key(const char *dir, const char *file, const char *key)
{
	char buf[4096], *p;
	size_t kl = strlen(key);

	if (!dir[0] || read_text(dir, file, buf, sizeof(buf)) < 0)
		return -1;
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, key, kl) == 0 && p[kl] == ' ')
			return strtoll(p + kl + 1, NULL, 10);
	return -1;
}

/* The judge's own group in a hierarchy, from /proc/self/cgroup. */
static int own_path(const char *controller, char *out, size_t len)
{
	char line[1024];
	FILE *f = fopen("/proc/self/cgroup", "re");
	int found = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		char *nl;

		if (!c2)
			continue;
		*c2 = '\0';
		if ((nl = strchr(c2 + 1, '\n')))
			*nl = '\0';
		/* v2 is "0::/path"; v1 lists its controllers between the colons */
		if (controller ? strstr(c1 + 1, controller) != NULL : c1[1] == '\0') {
			snprintf(out, len, "%s", strcmp(c2 + 1, "/") == 0 ? "" : c2 + 1);
			found = 0;
			break;
		}
	}
	fclose(f);
	return found;
}

static void kill_procs(const char *dir)
{
	char buf[8192], *p;

	if (!dir[0] || read_text(dir, "cgroup.procs", buf, sizeof(buf)) < 0)
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
static int lock_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * Groups of judges that died without cleaning up (SIGKILL gives no chance):
 * a judge-* group whose lock can be taken has no judge any more.  What is
 * still inside is killed and the group removed.
 */
static void reap_stale(const char *parent)
{
	DIR *d = opendir(parent);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		char path[PATH_MAX + 256];
		int fd;

		if (strncmp(de->d_name, GROUP_PREFIX, strlen(GROUP_PREFIX)) != 0)
			continue;
		/* a path cut short would name another group: left alone */
		if (snprintf(path, sizeof(path), "%s/%s", parent, de->d_name) >= (int)sizeof(path) ||
		    (fd = lock_dir(path)) < 0)
			continue;
		if (write_str(path, "cgroup.kill", "1") < 0)
			kill_procs(path);
		rmdir(path);	/* fails harmlessly while a task is still on its way out */
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

/*
 * Makes and locks one group under the judge's own.  Another judge's reaper
 * may take the lock of a fresh group in the moment before its maker does
 * and remove it: then the maker's lock fails, or it holds a removed
 * directory (its control files are gone), and it tries a new name.
 */
static int make_group(char *out, size_t len, int *lock_fd, const char *mount,
		      const char *controller, const char *name)
{
	char base[PATH_MAX], parent[PATH_MAX + 64];

	*lock_fd = -1;
	out[0] = '\0';
	if (own_path(controller, base, sizeof(base)) < 0)
		return -1;
	if (snprintf(parent, sizeof(parent), "%s%s", mount, base) >= (int)sizeof(parent))
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
	*lock_fd = lock_dir(out);
	if (*lock_fd >= 0 && faccessat(*lock_fd, "cgroup.procs", F_OK, 0) == 0)
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
static int make_groups(struct cgroup *cg, const char *ctl_v2)
{
	for (int tries = 0; tries < 8; tries++) {
		char name[64];

		group_name(name, sizeof(name));
		if (ctl_v2) {
			if (make_group(cg->v2, sizeof(cg->v2), &cg->lock[0], ROOT, NULL, name) == 0)
				return 0;
		} else if (make_group(cg->mem, sizeof(cg->mem), &cg->lock[0], ROOT "/memory", "memory",
				      name) == 0) {
			/* pids and cpuacct are extras: a run goes on without them */
			make_group(cg->pids, sizeof(cg->pids), &cg->lock[1], ROOT "/pids", "pids", name);
			make_group(cg->cpu, sizeof(cg->cpu), &cg->lock[2], ROOT "/cpuacct", "cpuacct", name);
			return 0;
		}
		if (errno != EAGAIN)
			return -1;
	}
	return -1;
}

int cgroup_create(struct cgroup *cg, int64_t mem_bytes, int tasks_max)
{
	char ctl[256];

	memset(cg, 0, sizeof(*cg));
	cg->mem_limit = mem_bytes;
	cg->tasks_limit = tasks_max;
	for (unsigned i = 0; i < ARRAY_SIZE(cg->lock); i++)
		cg->lock[i] = -1;
	if (read_text(ROOT, "cgroup.controllers", ctl, sizeof(ctl)) == 0 && strstr(ctl, "memory")) {
		if (make_groups(cg, ctl) < 0)
			return -1;
		cg->version = 2;
		if (write_i64(cg->v2, "memory.max", mem_bytes) < 0 ||
		    write_str(cg->v2, "memory.swap.max", "0") < 0 ||
		    (strstr(ctl, "pids") && write_i64(cg->v2, "pids.max", tasks_max) < 0)) {
			cgroup_destroy(cg);
			return -1;
		}
		return 0;
	}
	if (access(ROOT "/memory/memory.limit_in_bytes", W_OK) != 0)
		return -1;
	if (make_groups(cg, NULL) < 0)
		return -1;
	cg->version = 1;
	/* memsw is absent without swap accounting; the plain limit then suffices */
	if (write_i64(cg->mem, "memory.limit_in_bytes", mem_bytes) < 0 ||
	    (cg->pids[0] && write_i64(cg->pids, "pids.max", tasks_max) < 0)) {
		cgroup_destroy(cg);
		return -1;
	}
	write_i64(cg->mem, "memory.memsw.limit_in_bytes", mem_bytes);
	return 0;
}

int cgroup_attach(const struct cgroup *cg, pid_t pid)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%d", pid);
	if (cg->version == 2)
		return write_str(cg->v2, "cgroup.procs", buf);
	if (cg->version == 1) {
		if (write_str(cg->mem, "cgroup.procs", buf) < 0)
			return -1;
		if (cg->pids[0] && write_str(cg->pids, "cgroup.procs", buf) < 0)
			return -1;
		if (cg->cpu[0] && write_str(cg->cpu, "cgroup.procs", buf) < 0)
			return -1;
		return 0;
	}
	return -1;
}

/* The counters are the group's since it was made: a reused group's are taken from where the run began. */
bool cgroup_memory_hit(const struct cgroup *cg)
{
	if (cg->version == 2)
		return read_key(cg->v2, "memory.events", "max") > cg->events_max0 ||
		       read_key(cg->v2, "memory.events", "oom_kill") > cg->oom_kill0;
	/* failcnt stays 0 on some kernels although the OOM killer ran; it is reset on reuse */
	if (cg->version == 1)
		return read_i64(cg->mem, "memory.failcnt") > 0 ||
		       read_key(cg->mem, "memory.oom_control", "oom_kill") > cg->oom_kill0;
	return false;
}

int64_t cgroup_memory_peak_kib(const struct cgroup *cg)
{
	int64_t v = -1;

	if (cg->version == 2)
		v = read_i64(cg->v2, "memory.peak");
	else if (cg->version == 1)
		v = read_i64(cg->mem, "memory.max_usage_in_bytes");
	return v < 0 ? -1 : v / 1024;
}

int64_t cgroup_cpu_ns(const struct cgroup *cg)
{
	int64_t us;

	if (cg->version == 2)
		return (us = read_key(cg->v2, "cpu.stat", "usage_usec")) < 0 ? -1 : us * 1000;
	if (cg->version == 1)
		return read_i64(cg->cpu, "cpuacct.usage");
	return -1;
}

void cgroup_kill(const struct cgroup *cg)
{
	if (cg->version == 2 && write_str(cg->v2, "cgroup.kill", "1") == 0)
		return;
	kill_procs(cg->version == 2 ? cg->v2 : cg->mem);
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
	for (unsigned i = 0; i < ARRAY_SIZE(cg->lock); i++) {
		if (cg->lock[i] >= 0)
			close(cg->lock[i]);
		cg->lock[i] = -1;
	}
	cg->version = 0;
}

/* ==== Reuse within one process ==== */

/* A group left over from a run holds at most this much charge (kernel objects, not files). */
#define REUSE_MAX_CHARGE (1LL << 20)

static struct cgroup spare;
static pid_t spare_owner;

void cgroup_drop_spare(void)
{
	if (spare.version && spare_owner == getpid())
		cgroup_destroy(&spare);
}

/*
 * Makes a kept group ready for the next run, or says it cannot be: tasks
 * still in it, or memory still charged to it (files the last program left
 * on a tmpfs), which the next program would be charged for.
 */
static int refit(struct cgroup *cg, int64_t mem_bytes, int tasks_max)
{
	const char *mem = cg->version == 2 ? cg->v2 : cg->mem;
	const char *pids = cg->version == 2 ? cg->v2 : cg->pids;
	char procs[16];

	if (read_text(mem, "cgroup.procs", procs, sizeof(procs)) < 0 || procs[0] ||
	    (pids[0] && read_i64(pids, "pids.current") > 0))
		return -1;
	if (cg->version == 2) {
		int64_t charged = read_i64(cg->v2, "memory.current");

		if (charged < 0 || charged > REUSE_MAX_CHARGE)
			return -1;
		if (mem_bytes != cg->mem_limit && write_i64(cg->v2, "memory.max", mem_bytes) < 0)
			return -1;
		if (tasks_max != cg->tasks_limit && write_i64(cg->v2, "pids.max", tasks_max) < 0 &&
		    errno != ENOENT)
			return -1;
		cg->events_max0 = read_key(cg->v2, "memory.events", "max");
		cg->oom_kill0 = read_key(cg->v2, "memory.events", "oom_kill");
	} else {
		int64_t charged = read_i64(cg->mem, "memory.usage_in_bytes");

		if (charged < 0 || charged > REUSE_MAX_CHARGE)
			return -1;
		if (mem_bytes != cg->mem_limit) {
			/* memsw may never be below the plain limit: raise it first, lower it last */
			if (mem_bytes > cg->mem_limit)
				write_i64(cg->mem, "memory.memsw.limit_in_bytes", mem_bytes);
			if (write_i64(cg->mem, "memory.limit_in_bytes", mem_bytes) < 0)
				return -1;
			if (mem_bytes < cg->mem_limit)
				write_i64(cg->mem, "memory.memsw.limit_in_bytes", mem_bytes);
		}
		if (tasks_max != cg->tasks_limit && cg->pids[0] &&
		    write_i64(cg->pids, "pids.max", tasks_max) < 0)
			return -1;
		if (write_str(cg->mem, "memory.failcnt", "0") < 0)
			return -1;
		cg->oom_kill0 = read_key(cg->mem, "memory.oom_control", "oom_kill");
	}
	cg->mem_limit = mem_bytes;
	cg->tasks_limit = tasks_max;
	return 0;
}

/*
 * Hands a group from one struct to the other, leaving `from` empty.  Only
 * the strings' own bytes are copied: the struct is 16 KiB, and a copy and a
 * memset of it touched eight pages at the end of every run, each a fault
 * when the pages were shared with the program's child a moment before.
 */
static void cg_move(struct cgroup *to, struct cgroup *from)
{
	to->version = from->version;
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
}

int cgroup_acquire(struct cgroup *cg, int64_t mem_bytes, int tasks_max)
{
	if (spare.version && spare_owner == getpid()) {
		cg_move(cg, &spare);
		if (refit(cg, mem_bytes, tasks_max) == 0)
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
		cgroup_destroy(cg);
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
