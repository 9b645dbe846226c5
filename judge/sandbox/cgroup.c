#include "cgroup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define ROOT "/sys/fs/cgroup"

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

/*
 * Groups of judges that died without cleaning up (SIGKILL gives no chance):
 * their names carry the judge's pid, so a group whose judge is gone and
 * which holds no task is removed by the next judge that passes.
 */
static void reap_stale(const char *parent)
{
	DIR *d = opendir(parent);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		char path[PATH_MAX + 256];
		int pid;

		if (sscanf(de->d_name, "judge-%d-", &pid) != 1 || pid <= 0 ||
		    (kill(pid, 0) == 0 || errno != ESRCH))
			continue;
		snprintf(path, sizeof(path), "%s/%s", parent, de->d_name);
		rmdir(path);	/* fails harmlessly while a task is still inside */
	}
	closedir(d);
}

static int make_group(char *out, size_t len, const char *mount, const char *controller)
{
	static unsigned seq;
	char base[PATH_MAX], parent[PATH_MAX + 64];

	if (own_path(controller, base, sizeof(base)) < 0)
		return -1;
	snprintf(parent, sizeof(parent), "%s%s", mount, base);
	reap_stale(parent);
	snprintf(out, len, "%s%s/judge-%d-%u", mount, base, (int)getpid(), seq++);
	if (mkdir(out, 0700) < 0) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

int cgroup_create(struct cgroup *cg, int64_t mem_bytes, int tasks_max)
{
	char ctl[256];

	memset(cg, 0, sizeof(*cg));
	if (read_text(ROOT, "cgroup.controllers", ctl, sizeof(ctl)) == 0 && strstr(ctl, "memory")) {
		if (make_group(cg->v2, sizeof(cg->v2), ROOT, NULL) < 0)
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
	if (make_group(cg->mem, sizeof(cg->mem), ROOT "/memory", "memory") < 0)
		return -1;
	cg->version = 1;
	make_group(cg->pids, sizeof(cg->pids), ROOT "/pids", "pids");
	make_group(cg->cpu, sizeof(cg->cpu), ROOT "/cpuacct", "cpuacct");
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

bool cgroup_memory_hit(const struct cgroup *cg)
{
	if (cg->version == 2)
		return read_key(cg->v2, "memory.events", "max") > 0 ||
		       read_key(cg->v2, "memory.events", "oom_kill") > 0;
	/* failcnt stays 0 on some kernels although the OOM killer ran */
	if (cg->version == 1)
		return read_i64(cg->mem, "memory.failcnt") > 0 ||
		       read_key(cg->mem, "memory.oom_control", "oom_kill") > 0;
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
	cg->version = 0;
}
