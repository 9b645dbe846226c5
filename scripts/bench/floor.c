/*
 * floor: the least a tracer-based judge must do to run a program, as the
 * yardstick for the judge's start-up in `make bench`.
 *
 *   floor PROGRAM [ARGS...]      run it: fork, PTRACE_TRACEME, SIGSTOP,
 *                                options, seccomp filter, execve, trace to
 *                                its end; exit with its status
 *   floor --bpf FILE             write the same filter, as bwrap's --seccomp
 *                                reads it (struct sock_filter after struct)
 *   floor --layers [--without LIST] [--group NAME] BPF VIEW PROGRAM [ARGS...]
 *                                the same, plus the kernel work of the
 *                                judge's layers (below), with the filter in
 *                                BPF (filterdump) and the pinned mount
 *                                namespace VIEW; as root, on cgroup v1
 *
 * The filter is what every judge filter starts with: the architecture is
 * checked, then a few syscalls a judge always refuses (here: ptrace, the
 * kexec and module families) and everything else allowed.  The tracer sets
 * the options a judge needs (EXITKILL, TRACESECCOMP, TRACEEXEC, TRACEEXIT)
 * and resumes every stop, passing signals on.  No policy, no limits, no
 * namespaces, no measurement: what is left is the price of ptrace and seccomp
 * themselves, which no such judge can go below.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

/* Landlock's execute and read rights: what the judge grants a C program's trees */
#define LANDLOCK_READ_EXEC ((1ULL << 0) | (1ULL << 2))
#define LANDLOCK_READ_DIR (1ULL << 3)

#define LOAD_NR BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr))
#define DENY(nr) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), \
		 BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS)

static struct sock_filter insns[] = {
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
	LOAD_NR,
	DENY(__NR_ptrace),
	DENY(__NR_kexec_load),
	DENY(__NR_init_module),
	DENY(__NR_finit_module),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
};

static struct sock_fprog prog = { sizeof(insns) / sizeof(insns[0]), insns };

static int write_bpf(const char *path)
{
	FILE *f = fopen(path, "we");

	if (!f || fwrite(insns, sizeof(insns), 1, f) != 1 || fclose(f) != 0) {
		perror(path);
		return 1;
	}
	return 0;
}


/*
 * --layers: the kernel work of every layer the judge sets up as root, and
 * nothing else: no policy parsed, no view planned, no JSON.  Each step is a
 * syscall the judge makes too, in the same order (strace and perf trace of
 * a `judge run --json -- true`, 2026-12-03): its cgroup taken from a kept
 * group and refitted, the bounding set emptied, its pinned namespaces and
 * view joined, fds and signals reset, rlimits, a Landlock ruleset of twelve
 * rules, the drop to nobody, the judge's own seccomp filter (filterdump),
 * two inspected syscall stops, the exit stop's status read, the group read
 * and put back.  The difference between the judge and this is what the
 * judge's own code costs; the difference between this and the floor is
 * what the layers cost the kernel, which no implementation of them avoids.
 */
#define HIERS 3
static const char *const hier_names[HIERS] = { "memory", "pids", "cpuacct" };
static const char *const ns_pins[] = { "/run/judge/netns", "/run/judge/ipcns", "/run/judge/utsns" };
static const int ns_types[] = { CLONE_NEWNET, CLONE_NEWIPC, CLONE_NEWUTS };
/* a C program's ruleset besides the program, as paths its view has: libraries, devices, its directory */
static const char *const ruled[] = { "/usr/lib", "/usr/lib64", "/lib", "/lib64", "/usr/share",
	"/etc/ld.so.cache", "/etc/localtime", "/etc/alternatives", "/dev/urandom", "/tmp", "." };

/*
 * --without LIST names layers to leave out, to see what each costs: cgroup,
 * ns (the pinned namespaces and the view), setup (work directory, fds,
 * signals, rlimits), landlock, ids (bounding set, drop to nobody), filter
 * (the floor's own 9 instructions instead of the judge's), stops (no
 * inspection at syscall and exit stops).
 */
enum { SKIP_CGROUP = 1, SKIP_NS = 2, SKIP_SETUP = 4, SKIP_LANDLOCK = 8, SKIP_IDS = 16,
       SKIP_FILTER = 32, SKIP_STOPS = 64 };
static const char *const skip_names[] = { "cgroup", "ns", "setup", "landlock", "ids", "filter", "stops" };

struct layers {
	unsigned skip;
	const char *group;	/* the kept group's name in each hierarchy: one per benchmark run */
	int cg[HIERS], ns[4], ws, exe, in, out, err;
	struct sock_fprog bpf;
};

static unsigned skip_parse(const char *list)
{
	unsigned m = 0;

	for (unsigned i = 0; list && i < sizeof(skip_names) / sizeof(skip_names[0]); i++)
		if (strstr(list, skip_names[i]))
			m |= 1U << i;
	return m;
}

static int read_at(int dfd, const char *name, char *buf, size_t len)
{
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, len - 1);

	if (fd >= 0)
		close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return n < 0 ? -1 : 0;
}

static int write_at(int dfd, const char *name, const char *val)
{
	int fd = openat(dfd, name, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
	ssize_t n = fd < 0 ? -1 : write(fd, val, strlen(val));

	if (fd >= 0)
		close(fd);
	return n < 0 ? -1 : 0;
}

static int read_file(const char *path, void *buf, size_t len, size_t *got)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, len);

	if (fd >= 0)
		close(fd);
	if (n < 0)
		return -1;
	*got = (size_t)n;
	return 0;
}

/* A kept group, as the judge's pool keeps one: made once, then locked, checked empty and reset. */
static int cgroup_take(struct layers *L)
{
	char buf[4096], path[128];

	if (read_file("/proc/self/cgroup", buf, sizeof(buf), &(size_t){ 0 }) < 0)
		return -1;
	for (int i = 0; i < HIERS; i++) {
		snprintf(path, sizeof(path), "/sys/fs/cgroup/%s/%s", hier_names[i], L->group);
		L->cg[i] = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
		if (L->cg[i] < 0 && errno == ENOENT && mkdir(path, 0755) == 0)
			L->cg[i] = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
		if (L->cg[i] < 0)
			return -1;
	}
	if (flock(L->cg[0], LOCK_EX) < 0 || read_at(L->cg[0], "cgroup.procs", buf, sizeof(buf)) < 0 ||
	    read_at(L->cg[0], "memory.memsw.limit_in_bytes", buf, sizeof(buf)) < 0 ||
	    read_at(L->cg[0], "memory.limit_in_bytes", buf, sizeof(buf)) < 0 ||
	    read_at(L->cg[1], "pids.max", buf, sizeof(buf)) < 0 ||
	    read_at(L->cg[0], "memory.usage_in_bytes", buf, sizeof(buf)) < 0 ||
	    read_at(L->cg[1], "pids.current", buf, sizeof(buf)) < 0 ||
	    write_at(L->cg[0], "memory.failcnt", "0") < 0 ||
	    read_at(L->cg[0], "memory.oom_control", buf, sizeof(buf)) < 0)
		return -1;
	return 0;
}

/* After the run: killed, measured, checked empty, given back. */
static void cgroup_give_back(struct layers *L)
{
	char buf[4096];

	read_at(L->cg[0], "cgroup.procs", buf, sizeof(buf));
	read_at(L->cg[0], "memory.failcnt", buf, sizeof(buf));
	read_at(L->cg[0], "memory.oom_control", buf, sizeof(buf));
	read_at(L->cg[0], "memory.max_usage_in_bytes", buf, sizeof(buf));
	read_at(L->cg[2], "cpuacct.usage", buf, sizeof(buf));
	read_at(L->cg[0], "cgroup.procs", buf, sizeof(buf));
	read_at(L->cg[0], "memory.usage_in_bytes", buf, sizeof(buf));
	for (int i = 0; i < HIERS; i++)
		close(L->cg[i]);
}

static int layers_prepare(struct layers *L, const char *bpf, const char *view, const char *exe)
{
	static struct sock_filter judge_insns[4096];
	char dents[4096];
	size_t got;

	/* opened here, where its path is: the view need not have it (the judge's binds it) */
	if ((L->exe = open(exe, O_PATH | O_CLOEXEC)) < 0) {
		perror(exe);
		return -1;
	}
	if (!(L->skip & SKIP_CGROUP) && cgroup_take(L) < 0) {
		perror("floor: cgroup (v1, as root)");
		return -1;
	}
	for (int i = 0; !(L->skip & SKIP_NS) && i < 4; i++)
		if ((L->ns[i] = open(i < 3 ? ns_pins[i] : view, O_RDONLY | O_CLOEXEC)) < 0) {
			perror(i < 3 ? ns_pins[i] : view);
			return -1;
		}
	L->bpf = prog;
	if (!(L->skip & SKIP_FILTER)) {
		if (read_file(bpf, judge_insns, sizeof(judge_insns), &got) < 0 || got % sizeof(judge_insns[0])) {
			fprintf(stderr, "floor: %s: not a filter\n", bpf);
			return -1;
		}
		L->bpf = (struct sock_fprog){ (unsigned short)(got / sizeof(judge_insns[0])), judge_insns };
	}
	/* the work directory (here the current one) as a pool hands one out: locked, read */
	if ((L->ws = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
	    (!(L->skip & SKIP_SETUP) &&
	     (flock(L->ws, LOCK_EX) < 0 || syscall(SYS_getdents64, L->ws, dents, sizeof(dents)) < 0 ||
	      (L->in = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0 ||
	      (L->out = fcntl(1, F_DUPFD_CLOEXEC, 0)) < 0 || (L->err = fcntl(2, F_DUPFD_CLOEXEC, 0)) < 0))) {
		perror("floor: work directory");
		return -1;
	}
	for (int cap = 0; !(L->skip & SKIP_IDS) && cap <= CAP_LAST_CAP; cap++)
		prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
	return 0;
}

struct ruleset_attr {
	uint64_t fs;
};

struct path_beneath {
	uint64_t access;
	int32_t fd;
} __attribute__((packed));

/* read (a directory: and list) and execute beneath fd */
static int landlock_rule(int ruleset, int fd, bool is_dir)
{
	struct path_beneath pb = { LANDLOCK_READ_EXEC | (is_dir ? LANDLOCK_READ_DIR : 0), fd };

	return (int)syscall(SYS_landlock_add_rule, ruleset, 1 /* PATH_BENEATH */, &pb, 0);
}

static void layers_child(const struct layers *L, char **argv)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGPIPE, SIGALRM, SIGTERM, SIGCHLD };
	/* the judge's eight, at the c policy's defaults */
	static const struct { int res; rlim_t v; } lims[] = {
		{ RLIMIT_CORE, 0 }, { RLIMIT_CPU, 3 }, { RLIMIT_AS, 256 << 20 }, { RLIMIT_STACK, 64 << 20 },
		{ RLIMIT_FSIZE, 64 << 20 }, { RLIMIT_NOFILE, 64 }, { RLIMIT_MEMLOCK, 0 }, { RLIMIT_MSGQUEUE, 0 } };
	struct ruleset_attr attr = { (1ULL << 16) - 1 };	/* ABI 5: every fs right */
	int ruleset = -1;

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || ptrace(PTRACE_TRACEME, 0, 0, 0) < 0)
		_exit(126);
	for (int i = 0; !(L->skip & SKIP_CGROUP) && i < HIERS; i++)
		if (write_at(L->cg[i], "tasks", "0") < 0)
			_exit(126);
	if (raise(SIGSTOP) < 0 || setpgid(0, 0) < 0)
		_exit(126);
	for (int i = 0; !(L->skip & SKIP_NS) && i < 4; i++)
		if (setns(L->ns[i], i < 3 ? ns_types[i] : CLONE_NEWNS) < 0)
			_exit(126);
	if (fchdir(L->ws) < 0)
		_exit(126);
	if (!(L->skip & SKIP_SETUP)) {
		if (dup3(L->in, 0, 0) < 0 || dup3(L->out, 1, 0) < 0 || dup3(L->err, 2, 0) < 0 ||
		    /* all but the program, as the judge keeps only its error pipe */
		    (L->exe > 3 && syscall(SYS_close_range, 3, L->exe - 1, 0) < 0) ||
		    syscall(SYS_close_range, L->exe + 1, ~0U, 0) < 0)
			_exit(126);
		for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
			signal(sigs[i], SIG_DFL);
		for (unsigned i = 0; i < sizeof(lims) / sizeof(lims[0]); i++) {
			struct rlimit rl = { lims[i].v, lims[i].v };

			if (prlimit(0, lims[i].res, &rl, NULL) < 0)
				_exit(126);
		}
	}
	if (!(L->skip & SKIP_LANDLOCK) &&
	    ((ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0)) < 0 ||
	     landlock_rule(ruleset, L->exe, false) < 0))
		_exit(126);
	for (unsigned i = 0; ruleset >= 0 && i < sizeof(ruled) / sizeof(ruled[0]); i++) {
		int fd = open(ruled[i], O_PATH | O_CLOEXEC);
		struct stat st;

		if (fd >= 0 && fstat(fd, &st) == 0 && landlock_rule(ruleset, fd, S_ISDIR(st.st_mode)) < 0)
			_exit(126);
		if (fd >= 0)
			close(fd);
	}
	if (!(L->skip & SKIP_IDS) &&
	    (setgroups(0, NULL) < 0 || setresgid(65534, 65534, 65534) < 0 ||
	     setresuid(65534, 65534, 65534) < 0 ||
	     prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 ||
	     prctl(PR_SET_PDEATHSIG, SIGKILL) < 0))
		_exit(126);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    (ruleset >= 0 && syscall(SYS_landlock_restrict_self, ruleset, 0) < 0) ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &L->bpf) < 0)
		_exit(126);
	syscall(SYS_execveat, L->exe, "", argv, environ, AT_EMPTY_PATH);
	_exit(127);
}

/* What the judge does at a syscall stop it inspects: the call, a path argument, the registers. */
static void inspect(pid_t pid)
{
	struct __ptrace_syscall_info info;
	struct user_regs_struct regs;
	char path[128];
	struct iovec local = { path, sizeof(path) }, remote;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), &info) < 0)
		return;
	remote = (struct iovec){ (void *)info.seccomp.args[0], sizeof(path) };
	process_vm_readv(pid, &local, 1, &remote, 1, 0);
	ptrace(PTRACE_GETREGS, pid, 0, &regs);
}

static int trace(pid_t pid, bool inspecting)
{
	for (;;) {
		int st, sig = 0;

		if (waitpid(pid, &st, __WALL) != pid) {
			perror("floor: waitpid");
			return 2;
		}
		if (WIFEXITED(st))
			return WEXITSTATUS(st);
		if (WIFSIGNALED(st))
			return 128 + WTERMSIG(st);
		/* an event stop carries SIGTRAP with the event above it: nothing to pass on */
		if (WIFSTOPPED(st) && (st >> 16) == 0 && WSTOPSIG(st) != SIGTRAP)
			sig = WSTOPSIG(st);
		if (inspecting && (st >> 16) == PTRACE_EVENT_SECCOMP) {
			inspect(pid);
		} else if (inspecting && (st >> 16) == PTRACE_EVENT_EXIT) {
			char path[64], status[4096];

			snprintf(path, sizeof(path), "/proc/%d/status", pid);
			read_file(path, status, sizeof(status), &(size_t){ 0 });
		}
		ptrace(PTRACE_CONT, pid, 0, sig);
	}
}

int main(int argc, char **argv)
{
	struct layers L = { .group = "judge-floor" };
	bool layers = argc >= 5 && strcmp(argv[1], "--layers") == 0;
	int st, code;
	pid_t pid;

	if (argc == 3 && strcmp(argv[1], "--bpf") == 0)
		return write_bpf(argv[2]);
	if (argc < 2 || (strcmp(argv[1], "--layers") == 0 && !layers)) {
		fprintf(stderr, "usage: floor PROGRAM [ARGS...] | floor --bpf FILE |"
			" floor --layers [--without LIST] [--group NAME] BPF VIEW PROGRAM [ARGS...]\n");
		return 2;
	}
	for (; layers && argc >= 7 && argv[2][0] == '-'; argc -= 2, argv += 2) {
		if (strcmp(argv[2], "--without") == 0) {
			L.skip = skip_parse(argv[3]);
		} else if (strcmp(argv[2], "--group") == 0 && !strchr(argv[3], '/')) {
			L.group = argv[3];
		} else {
			fprintf(stderr, "floor: %s: unknown option\n", argv[2]);
			return 2;
		}
	}
	if (layers && layers_prepare(&L, argv[2], argv[3], argv[4]) < 0)
		return 2;
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (pid == 0 && layers)
		layers_child(&L, argv + 4);
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0 || raise(SIGSTOP) < 0 ||
		    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
		    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
			_exit(126);
		execv(argv[1], argv + 1);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st) ||
	    ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_EXITKILL | PTRACE_O_TRACESECCOMP |
		   PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT) < 0 ||
	    ptrace(PTRACE_CONT, pid, 0, 0) < 0) {
		perror("floor: ptrace");
		return 2;
	}
	code = trace(pid, layers && !(L.skip & SKIP_STOPS));
	if (layers && !(L.skip & SKIP_CGROUP))
		cgroup_give_back(&L);
	return code;
}
