#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "cgroup.h"
#include "harness.h"

/*
 * The pool of cgroups (cgroup.c): a group a judge is done with is left for
 * the next judge, judges at once never share one, a task left in a free
 * group is killed before the group is used, another user's group is never
 * used, and a smaller pool removes what is beyond it.  Each test runs in a
 * child moved into groups of the test's own, so that the pool is the
 * test's alone and not that of other judges on the machine.  As root only.
 */

static char groups[3][PATH_MAX];
static int ngroups;

/* The test's group in every hierarchy the judge uses (v2's one, or v1's memory, pids, cpuacct). */
static void setup(void)
{
	static const char *const v1[] = { "memory", "pids", "cpuacct" };
	char self[4096], *line;
	size_t len;
	char *text;
	bool v2 = access("/sys/fs/cgroup/cgroup.controllers", F_OK) == 0;

	if (geteuid() != 0)
		harness_skip("not root: the judge makes no cgroup");
	text = util_read_file("/proc/self/cgroup", &len);
	cr_assert_not_null(text);
	snprintf(self, sizeof(self), "%s", text);
	free(text);
	ngroups = 0;
	for (unsigned i = 0; i < (v2 ? 1 : ARRAY_SIZE(v1)); i++) {
		char mount[PATH_MAX];

		snprintf(mount, sizeof(mount), v2 ? "/sys/fs/cgroup" : "/sys/fs/cgroup/%s", v2 ? "" : v1[i]);
		if (access(mount, F_OK) != 0)
			continue;
		for (line = self; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
			char ctl[256], path[2048];

			if (sscanf(line, "%*[^:]:%255[^:]:%2047[^\n]", ctl, path) != 2) {
				if (!v2 || sscanf(line, "0::%2047[^\n]", path) != 1)
					continue;
				ctl[0] = '\0';
			}
			if (v2 ? ctl[0] != '\0' : strstr(ctl, v1[i]) == NULL)
				continue;
			harness_format(groups[ngroups], "%s%s/judge-unit-%d", mount,
				       strcmp(path, "/") == 0 ? "" : path, (int)getpid());
			if (mkdir(groups[ngroups], 0700) != 0)
				harness_skip("cannot make a cgroup: %s: %s", groups[ngroups], strerror(errno));
			ngroups++;
			break;
		}
	}
	if (ngroups == 0)
		harness_skip("no cgroup hierarchy the judge uses");
}

static void teardown(void)
{
	for (int i = 0; i < ngroups; i++) {
		DIR *d = opendir(groups[i]);
		struct dirent *de;

		while (d && (de = readdir(d)))
			if (de->d_type == DT_DIR && de->d_name[0] != '.')
				unlinkat(dirfd(d), de->d_name, AT_REMOVEDIR);
		if (d)
			closedir(d);
		rmdir(groups[i]);
	}
}

TestSuite(cgroup_pool, .init = setup, .fini = teardown);

/* Runs fn in a child moved into the test's groups; fn's complaint, if any, fails the test. */
static void in_groups(const char *(*fn)(void))
{
	char msg[512] = "";
	ssize_t n = 0, r;
	int p[2], status;
	pid_t pid;

	/* close-on-exec: a task the test starts must not hold the pipe open */
	cr_assert_eq(pipe2(p, O_CLOEXEC), 0);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		const char *why = NULL;
		char procs[PATH_MAX + 32];

		close(p[0]);
		for (int i = 0; i < ngroups && !why; i++) {
			int fd;

			snprintf(procs, sizeof(procs), "%.*s/cgroup.procs", PATH_MAX - 1, groups[i]);
			fd = open(procs, O_WRONLY);
			if (fd < 0 || write(fd, "0", 1) != 1)
				why = "cannot move into the test's groups";
			if (fd >= 0)
				close(fd);
		}
		if (!why)
			why = fn();
		if (why && write(p[1], why, strlen(why)) < 0)
			_exit(3);
		_exit(0);
	}
	close(p[1]);
	while ((r = read(p[0], msg + n, sizeof(msg) - 1 - (size_t)n)) > 0)
		n += r;
	close(p[0]);
	msg[n] = '\0';
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child ended with status %#x", status);
	cr_assert_eq(n, 0, "%s", msg);
}

static const char *group_dir(const struct cgroup *cg)
{
	return cg->version == 2 ? cg->v2 : cg->mem;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);

	return a >= b && strcmp(s + a - b, tail) == 0;
}

/* A group this process is done with, back in the pool the way a judge leaves it at exit. */
static void put_back(struct cgroup *cg)
{
	cgroup_release(cg);
	cgroup_drop_spare();
}

static int64_t read_limit(const struct cgroup *cg)
{
	char path[CGROUP_PATH_MAX + 64], *text;
	size_t len;
	int64_t v;

	snprintf(path, sizeof(path), "%s/%s", group_dir(cg),
		 cg->version == 2 ? "memory.max" : "memory.limit_in_bytes");
	if (!(text = util_read_file(path, &len)))
		return -1;
	v = strtoll(text, NULL, 10);
	free(text);
	return v;
}

static const char *two_at_once(void)
{
	struct cgroup a, b, c;

	if (cgroup_create(&a, 64 << 20, 4) < 0 || cgroup_create(&b, 64 << 20, 4) < 0)
		return "no group";
	if (!a.pooled || !b.pooled || !ends_with(group_dir(&a), "/judgepool.0") ||
	    !ends_with(group_dir(&b), "/judgepool.1"))
		return "two judges at once: not judgepool.0 and judgepool.1";
	/* a pool of two, both busy: a group of its own */
	setenv("JUDGE_CGROUP_POOL", "2", 1);
	if (cgroup_create(&c, 64 << 20, 4) < 0)
		return "no third group";
	if (c.pooled || !strstr(group_dir(&c), "/judge."))
		return "with the pool busy, not a group of its own";
	cgroup_destroy(&c);
	if (access(group_dir(&a), F_OK) != 0)
		return "the pool groups went with the other one";
	cgroup_destroy(&a);
	cgroup_destroy(&b);
	return NULL;
}

Test(cgroup_pool, judges_at_once_get_groups_of_their_own)
{
	in_groups(two_at_once);
}

static const char *left_then_taken(void)
{
	char first[CGROUP_PATH_MAX];
	struct cgroup cg;
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return "fork";
	/* one judge, ended */
	if (pid == 0) {
		if (cgroup_create(&cg, 64 << 20, 4) < 0)
			_exit(1);
		put_back(&cg);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || status != 0)
		return "the first judge found no group";
	/* the next, with other limits */
	if (cgroup_create(&cg, 32 << 20, 7) < 0)
		return "the next judge found no group";
	snprintf(first, sizeof(first), "%s", group_dir(&cg));
	if (!cg.pooled || !ends_with(first, "/judgepool.0"))
		return "the next judge did not take the group left";
	if (read_limit(&cg) != 32 << 20)
		return "the limit was not written again";
	put_back(&cg);
	if (access(first, F_OK) != 0)
		return "the group was removed, not left";
	return NULL;
}

Test(cgroup_pool, a_group_left_is_taken_by_the_next_judge)
{
	in_groups(left_then_taken);
}

static const char *leftover_killed(void)
{
	struct cgroup cg;
	int status = 0;
	pid_t sleeper, r = 0;

	if (cgroup_create(&cg, 64 << 20, 4) < 0)
		return "no group";
	/* a program: exec'd, so the group's locks (close-on-exec) are not its */
	sleeper = fork();
	if (sleeper == 0) {
		execl("/bin/sleep", "sleep", "60", (char *)NULL);
		_exit(127);
	}
	/* a judge that died before its program: the group is free and holds a task */
	if (cgroup_attach(&cg, sleeper) < 0)
		return "attach";
	put_back(&cg);
	if (cgroup_create(&cg, 64 << 20, 4) < 0)
		return "no group the second time";
	for (int i = 0; i < 100 && (r = waitpid(sleeper, &status, WNOHANG)) == 0; i++)
		usleep(10000);
	if (r != sleeper || !WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
		kill(sleeper, SIGKILL);
		waitpid(sleeper, NULL, 0);
		return "the task left in the free group was not killed";
	}
	if (!ends_with(group_dir(&cg), "/judgepool.0"))
		return "the group was not taken again";
	cgroup_destroy(&cg);
	return NULL;
}

Test(cgroup_pool, a_task_left_in_a_free_group_is_killed)
{
	in_groups(leftover_killed);
}

static const char *foreign_skipped(void)
{
	char path[PATH_MAX + 32];
	struct cgroup cg;
	struct stat st;

	/* judgepool.0 made by another user (in the first hierarchy: the one a judge locks first) */
	harness_format(path, "%s/judgepool.0", groups[0]);
	if (mkdir(path, 0700) < 0 || chown(path, 65534, 65534) < 0)
		return "cannot make nobody's group";
	if (cgroup_create(&cg, 64 << 20, 4) < 0)
		return "no group";
	if (!ends_with(group_dir(&cg), "/judgepool.1"))
		return "another user's group was taken";
	cgroup_destroy(&cg);
	if (stat(path, &st) < 0 || st.st_uid != 65534)
		return "another user's group was changed";
	return NULL;
}

Test(cgroup_pool, another_users_group_is_never_taken)
{
	in_groups(foreign_skipped);
}

static const char *shrunk(void)
{
	struct cgroup a, b, c;
	char pool0[CGROUP_PATH_MAX];
	DIR *d;
	struct dirent *de;
	int left = 0;

	if (cgroup_create(&a, 64 << 20, 4) < 0 || cgroup_create(&b, 64 << 20, 4) < 0)
		return "no group";
	snprintf(pool0, sizeof(pool0), "%s", group_dir(&a));
	cgroup_release(&a);
	cgroup_release(&b);
	cgroup_drop_spare();
	if (access(pool0, F_OK) != 0)
		return "the group was not left in the pool";
	/* no pool: a group of its own, and the idle ones removed */
	setenv("JUDGE_CGROUP_POOL", "0", 1);
	if (cgroup_create(&c, 64 << 20, 4) < 0)
		return "no group without a pool";
	if (c.pooled || access(pool0, F_OK) == 0)
		return "the idle pool group is still there";
	cgroup_destroy(&c);
	for (int i = 0; i < ngroups; i++) {
		if (!(d = opendir(groups[i])))
			return "opendir";
		while ((de = readdir(d)))
			left += de->d_type == DT_DIR && de->d_name[0] != '.';
		closedir(d);
	}
	return left ? "groups left after the pool was emptied" : NULL;
}

Test(cgroup_pool, no_pool_removes_the_idle_groups)
{
	in_groups(shrunk);
}

/* Whether ctls, "memory" or "cpu,cpuacct" of a /proc/PID/cgroup line, names ctl. */
static bool names_controller(const char *ctls, size_t len, const char *ctl)
{
	size_t n = strlen(ctl);

	for (const char *c = ctls; c < ctls + len;) {
		const char *end = memchr(c, ',', (size_t)(ctls + len - c));
		size_t k = end ? (size_t)(end - c) : (size_t)(ctls + len - c);

		if (k == n && strncmp(c, ctl, n) == 0)
			return true;
		c += k + 1;
	}
	return false;
}

/*
 * Whether /proc/PID/cgroup places the task in the group in each hierarchy
 * the group has: on v1 the line of the hierarchy that holds that
 * controller (every hierarchy's group has the same path, so the path alone
 * would not tell them apart), on v2 the "0::" line.
 */
static bool placed_in(pid_t pid, const struct cgroup *cg)
{
	static const char *const ctl[3] = { "memory", "pids", "cpuacct" };
	const char *dirs[3] = { cg->version == 2 ? cg->v2 : cg->mem, cg->pids, cg->cpu };
	char path[64], *text;
	size_t len;
	bool ok = true;

	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)pid);
	if (!(text = util_read_file(path, &len)))
		return false;
	for (unsigned i = 0; i < (cg->version == 2 ? 1u : 3u); i++) {
		/* "/sys/fs/cgroup/memory/a/b" is "/a/b" there; v2's "/sys/fs/cgroup/a/b" too */
		const char *rel = dirs[i] + strlen("/sys/fs/cgroup");
		bool found = false;

		if (!dirs[i][0])
			continue;
		if (cg->version == 1)
			rel = strchr(rel + 1, '/');
		for (char *line = text; rel && *line && !found;) {
			char *nl = strchr(line, '\n'), *c1 = strchr(line, ':'), *c2;
			size_t llen = nl ? (size_t)(nl - line) : strlen(line);

			if (c1 && c1 < line + llen && (c2 = memchr(c1 + 1, ':', llen - (size_t)(c1 + 1 - line)))) {
				bool hier = cg->version == 2 ? c2 == c1 + 1 :
					    names_controller(c1 + 1, (size_t)(c2 - c1 - 1), ctl[i]);

				found = hier && strlen(rel) == llen - (size_t)(c2 + 1 - line) &&
					strncmp(c2 + 1, rel, strlen(rel)) == 0;
			}
			line = nl ? nl + 1 : line + llen;
		}
		ok = ok && found;
	}
	free(text);
	return ok;
}

/*
 * The launch's way in: on v1 the child moves itself (cgroup_join_self),
 * elsewhere the tracer moves it; either way it is in every hierarchy's
 * group before it would exec, and its own children are born there.
 */
static const char *joined_before_exec(void)
{
	struct cgroup cg;
	int p[2], status;
	char go = 0;
	pid_t pid;

	if (cgroup_create(&cg, 64 << 20, 4) < 0)
		return "no group";
	if (pipe(p) < 0)
		return "pipe";
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		if (cgroup_join_self(&cg) < 0)
			_exit(1);
		if (read(p[0], &go, 1) != 1)
			_exit(2);
		_exit(placed_in(getpid(), &cg) ? 0 : 3);
	}
	close(p[0]);
	if (!cgroup_joined_by_child(&cg) && cgroup_attach(&cg, pid) < 0)
		return "attach";
	if (cg.version == 1 && !cgroup_joined_by_child(&cg))
		return "on v1 the child is not the one that joins";
	if (write(p[1], &go, 1) != 1)
		return "write";
	close(p[1]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return "the child did not end";
	switch (WEXITSTATUS(status)) {
	case 0: break;
	case 1: return "cgroup_join_self failed";
	case 3: return "the child is not in the run's group in every hierarchy";
	default: return "the child failed";
	}
	cgroup_destroy(&cg);
	return NULL;
}

Test(cgroup_pool, the_launched_task_is_in_every_hierarchys_group)
{
	in_groups(joined_before_exec);
}
