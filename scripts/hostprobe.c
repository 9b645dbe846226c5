/*
 * What this machine offers that some tests need, probed once, unsandboxed:
 * the one probe used by the unit tests (judge/tests/harness.h), the
 * end-to-end runner (case.json "requires": {"host": [...]}) and
 * scripts/layers.sh, so that every skip names the same reason.
 *
 *   usage: hostprobe FEATURE...
 *     int80        int $0x80 from a 64-bit process reaches the kernel
 *     x32          the kernel runs x32 syscalls
 *     landlock=N   Landlock ABI N or later
 *     cgroup       this user may make a memory cgroup where the judge would
 *     cgroup1, cgroup2   ... and the hierarchy is that version
 *     userns       a user namespace can be made
 *     pidns        a PID namespace can be made (root, or within a userns)
 *
 * Exit 0 when the machine has them all; otherwise exit 1 with one line on
 * stdout: why the first missing one is missing.  Exit 2 on bad usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#endif
#define X32_BIT 0x40000000L

static char why[PATH_MAX + 256];

/* Runs fn in a child; its exit status, or 128 + the signal that ended it. */
static int in_child(int (*fn)(void))
{
	int st;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(fn());
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int do_int80(void)
{
	long r;

	/* i386 getpid (20): under a hypervisor that does not deliver the
	 * vector, or with ia32_emulation=0, this is a SIGSEGV */
	__asm__ volatile("int $0x80" : "=a"(r) : "a"(20L) : "memory", "r8", "r9", "r10", "r11");
	return r == getpid() ? 0 : 1;
}

static int int80(void)
{
	int r = in_child(do_int80);

	if (r == 0)
		return 1;
	if (r > 128)
		snprintf(why, sizeof(why),
			 "int $0x80 does not reach the kernel on this machine: SIG%s unsandboxed",
			 sigabbrev_np(r - 128) ? sigabbrev_np(r - 128) : "?");
	else
		snprintf(why, sizeof(why),
			 "int $0x80 does not reach the kernel on this machine: getpid gave no pid unsandboxed");
	return 0;
}

static int x32(void)
{
	if (syscall(X32_BIT | SYS_getpid) >= 0)
		return 1;
	snprintf(why, sizeof(why), "the kernel runs no x32 syscall: %s unsandboxed",
		 strerrorname_np(errno) ? strerrorname_np(errno) : "error");
	return 0;
}

static int landlock(int want)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, 1UL /* VERSION */);

	if (abi >= want)
		return 1;
	if (abi < 0)
		snprintf(why, sizeof(why), "no Landlock on this kernel (%s); ABI %d needed",
			 strerrorname_np(errno) ? strerrorname_np(errno) : "error", want);
	else
		snprintf(why, sizeof(why), "Landlock ABI %ld on this kernel, %d needed", abi, want);
	return 0;
}

/* The group the judge would make its groups in: its own, in the memory hierarchy. */
static int cgroup_parent(int *version, char *dir, size_t len)
{
	char line[1024];
	FILE *f;
	int v2 = access("/sys/fs/cgroup/cgroup.controllers", F_OK) == 0;

	*version = v2 ? 2 : 1;
	f = fopen("/proc/self/cgroup", "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL, *nl;

		if (!c2)
			continue;
		*c2 = '\0';
		if ((nl = strchr(c2 + 1, '\n')))
			*nl = '\0';
		if (v2 ? c1[1] == '\0' : strstr(c1 + 1, "memory") != NULL) {
			snprintf(dir, len, "/sys/fs/cgroup%s%s", v2 ? "" : "/memory",
				 strcmp(c2 + 1, "/") == 0 ? "" : c2 + 1);
			fclose(f);
			return 0;
		}
	}
	fclose(f);
	return -1;
}

static int cgroup(int want_version)
{
	char parent[PATH_MAX], dir[PATH_MAX + 64];
	int version;

	if (cgroup_parent(&version, parent, sizeof(parent)) < 0) {
		snprintf(why, sizeof(why), "no memory cgroup hierarchy on this machine");
		return 0;
	}
	if (want_version && version != want_version) {
		snprintf(why, sizeof(why), "this machine has cgroup v%d, not v%d", version, want_version);
		return 0;
	}
	snprintf(dir, sizeof(dir), "%s/hostprobe.%d", parent, (int)getpid());
	if (mkdir(dir, 0700) < 0) {
		snprintf(why, sizeof(why), "cannot make a cgroup in %s (cgroup v%d): %s", parent,
			 version, strerrorname_np(errno) ? strerrorname_np(errno) : "error");
		return 0;
	}
	rmdir(dir);
	return 1;
}

static int do_unshare_user(void)
{
	return unshare(CLONE_NEWUSER) < 0 ? errno : 0;
}

static int do_unshare_pid(void)
{
	return unshare(CLONE_NEWPID) < 0 ? errno : 0;
}

static int ns(const char *what, int (*fn)(void))
{
	int r = in_child(fn);

	if (r == 0)
		return 1;
	snprintf(why, sizeof(why), "cannot make a %s namespace here: %s", what,
		 r > 0 && r < 128 && strerrorname_np(r) ? strerrorname_np(r) : "child failed");
	return 0;
}

static int has(const char *f)
{
	if (strcmp(f, "int80") == 0)
		return int80();
	if (strcmp(f, "x32") == 0)
		return x32();
	if (strncmp(f, "landlock=", 9) == 0)
		return landlock(atoi(f + 9));
	if (strcmp(f, "cgroup") == 0)
		return cgroup(0);
	if (strcmp(f, "cgroup1") == 0)
		return cgroup(1);
	if (strcmp(f, "cgroup2") == 0)
		return cgroup(2);
	if (strcmp(f, "userns") == 0)
		return ns("user", do_unshare_user);
	if (strcmp(f, "pidns") == 0)
		return ns("PID", do_unshare_pid);
	return -1;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FEATURE...  (int80 x32 landlock=N cgroup cgroup1 cgroup2 userns pidns)\n",
			argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		int r = has(argv[i]);

		if (r < 0) {
			fprintf(stderr, "hostprobe: unknown feature \"%s\"\n", argv[i]);
			return 2;
		}
		if (r == 0) {
			printf("%s\n", why);
			return 1;
		}
	}
	return 0;
}
