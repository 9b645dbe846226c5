#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "decide.h"
#include "filter.h"
#include "harness.h"
#include "syscalls.h"

/*
 * decide_syscall against a policy built in memory and a table of made-up
 * tasks.  Path rules read strings from a real task: the test process itself
 * (getpid() as tid and tgid), so the strings and the cwd are under the test's
 * control and every answer is the same on every run.
 *
 * The fake program: process 50000 (tasks 50000, 50001), process 50100.
 */
#define PROG	50000
#define PROG_T2	50001
#define PROG2	50100
#define STRANGER 1

static struct policy pol;
static struct path_lists paths;
static struct tracee_table tt;
static struct decide_ctx ctx;
static struct tracee *main_task;

static long nr64(const char *name)
{
	long nr = syscalls_lookup(ABI_X86_64, name);

	cr_assert_geq(nr, 0, "%s", name);
	return nr;
}

static void set64(const char *name, struct sys_entry e)
{
	pol.sys[ABI_X86_64][nr64(name)] = e;
}

static void setup(void)
{
	static char file[] = "in-memory.json";

	memset(&pol, 0, sizeof(pol));
	pol.file = file;
	pol.abis[ABI_X86_64] = true;
	pol.default_action = (struct deny_action){ .kill = true };
	pol.files_deny = (struct deny_action){ .kill = false, .err = EACCES };
	pol.processes = 2;
	pol.threads = 3;
	set64("getpid", (struct sys_entry){ .action = SYS_ALLOW });
	set64("mmap", (struct sys_entry){ .action = SYS_ALLOW });
	set64("mremap", (struct sys_entry){ .action = SYS_ALLOW });
	set64("socket", (struct sys_entry){ .action = SYS_KILL });
	set64("openat", (struct sys_entry){ .action = SYS_RULE, .rule = RULE_PATH });
	set64("newfstatat", (struct sys_entry){ .action = SYS_RULE, .rule = RULE_PATH });
	set64("execve", (struct sys_entry){ .action = SYS_RULE, .rule = RULE_EXEC });
	set64("clone", (struct sys_entry){ .action = SYS_RULE, .rule = RULE_CLONE });
	set64("fork", (struct sys_entry){ .action = SYS_RULE, .rule = RULE_CLONE });
	set64("kill", (struct sys_entry){ .action = SYS_RULE, .rule = RULE_SELF });
	set64("tkill", (struct sys_entry){ .action = SYS_RULE, .rule = RULE_SELF });
	set64("tgkill", (struct sys_entry){ .action = SYS_RULE, .rule = RULE_SELF });
	pol.arg_rules = calloc(2, sizeof(*pol.arg_rules));
	pol.arg_rules[0] = (struct arg_rule){ .arg = 2, .n_values = 1, .values = { 0 } };
	pol.arg_rules[1] = (struct arg_rule){ .arg = 1, .n_values = 2, .values = { FIONREAD, FIONBIO },
					      .else_err = ENOTTY };
	pol.n_arg_rules = 2;
	set64("prlimit64", (struct sys_entry){ .action = SYS_RULE, .rule = RULE_ARG, .arg_rule = 0 });
	set64("ioctl", (struct sys_entry){ .action = SYS_RULE, .rule = RULE_ARG, .arg_rule = 1 });

	memset(&paths, 0, sizeof(paths));
	strlist_push(&paths.read, "/usr/");
	strlist_push(&paths.read, "/etc/ld.so.cache");
	strlist_push(&paths.write, "/tmp/judge-decide-out/");
	strlist_push(&paths.exec, "/usr/bin/true");

	tracee_table_init(&tt);
	main_task = tracee_add(&tt, PROG, PROG);
	tracee_add(&tt, PROG_T2, PROG);
	ctx = (struct decide_ctx){ &pol, &paths, &tt };
}

static void teardown(void)
{
	free(pol.arg_rules);
	strlist_free(&paths.read);
	strlist_free(&paths.write);
	strlist_free(&paths.exec);
	tracee_table_free(&tt);
}

TestSuite(decide, .init = setup, .fini = teardown);

struct dcase {
	const char *name;
	uint64_t a[6];
	enum decision_kind want;
	int err;
};

static void expect_case(struct tracee *t, enum abi abi, const struct dcase *c)
{
	struct decision d;
	long nr = syscalls_lookup(abi, c->name);

	cr_assert_geq(nr, 0, "%s", c->name);
	memset(&d, 0x5a, sizeof(d));
	decide_syscall(&ctx, t, abi, nr, c->a, &d);
	cr_expect_eq(d.kind, c->want, "%s %s(%#llx, %#llx, %#llx): kind %d, want %d (%s)", abi_name(abi),
		     c->name, (unsigned long long)c->a[0], (unsigned long long)c->a[1],
		     (unsigned long long)c->a[2], d.kind, c->want, d.detail);
	if (c->want == DECIDE_ERRNO && d.kind == DECIDE_ERRNO)
		cr_expect_eq(d.err, c->err, "%s: errno %d, want %d", c->name, d.err, c->err);
}

Test(decide, actions)
{
	static const struct dcase cases[] = {
		{ "getpid", { 0 }, DECIDE_ALLOW },
		{ "ioctl", { 1, TCGETS }, DECIDE_ERRNO, ENOTTY },	/* "else" */
		{ "ioctl", { 0, FIONREAD }, DECIDE_ALLOW },
		{ "ioctl", { 0, FIONBIO }, DECIDE_ALLOW },
		{ "socket", { 2, 1 }, DECIDE_KILL },
		{ "reboot", { 0 }, DECIDE_KILL },	/* not listed: default kill */
		{ "ptrace", { 0 }, DECIDE_KILL },
		{ "prlimit64", { 0, RLIMIT_STACK, 0, 0x1000 }, DECIDE_ALLOW },
		{ "prlimit64", { 0, RLIMIT_STACK, 0x1000, 0 }, DECIDE_KILL },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		expect_case(main_task, ABI_X86_64, &cases[i]);
}

Test(decide, errno_default)
{
	const struct dcase c = { "reboot", { 0 }, DECIDE_ERRNO, ENOSYS };
	const struct dcase listed = { "socket", { 2, 1 }, DECIDE_KILL };

	pol.default_action = (struct deny_action){ .kill = false, .err = ENOSYS };
	expect_case(main_task, ABI_X86_64, &c);
	expect_case(main_task, ABI_X86_64, &listed);
}

Test(decide, abi_not_admitted)
{
	struct decision d;

	/* getpid is allowed in x86_64; the i386 and x32 tables are not admitted */
	decide_syscall(&ctx, main_task, ABI_I386, syscalls_lookup(ABI_I386, "getpid"),
		       (uint64_t[6]){ 0 }, &d);
	cr_expect_eq(d.kind, DECIDE_KILL);
	decide_syscall(&ctx, main_task, ABI_X32, syscalls_lookup(ABI_X32, "getpid"),
		       (uint64_t[6]){ 0 }, &d);
	cr_expect_eq(d.kind, DECIDE_KILL);
	/* a number beyond every table takes the default */
	decide_syscall(&ctx, main_task, ABI_X86_64, 5000, (uint64_t[6]){ 0 }, &d);
	cr_expect_eq(d.kind, DECIDE_KILL);
	decide_syscall(&ctx, main_task, ABI_X86_64, -1, (uint64_t[6]){ 0 }, &d);
	cr_expect_eq(d.kind, DECIDE_KILL);
}

Test(decide, big_allocations_are_watched)
{
	struct decision d;
	uint64_t small[6] = { 0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, (uint64_t)-1, 0 };
	uint64_t big[6] = { 0, FILTER_BIG_ALLOC, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, (uint64_t)-1, 0 };
	uint64_t grow[6] = { 0x10000, 4096, FILTER_BIG_ALLOC * 4, MREMAP_MAYMOVE };

	decide_syscall(&ctx, main_task, ABI_X86_64, nr64("mmap"), small, &d);
	cr_expect_eq(d.kind, DECIDE_ALLOW);
	cr_expect_not(d.watch_exit);
	decide_syscall(&ctx, main_task, ABI_X86_64, nr64("mmap"), big, &d);
	cr_expect_eq(d.kind, DECIDE_ALLOW);
	cr_expect(d.watch_exit);
	decide_syscall(&ctx, main_task, ABI_X86_64, nr64("mremap"), grow, &d);
	cr_expect_eq(d.kind, DECIDE_ALLOW);
	cr_expect(d.watch_exit);
	decide_syscall(&ctx, main_task, ABI_X86_64, nr64("getpid"), big, &d);
	cr_expect_not(d.watch_exit);
}

/* Growing in place (no MREMAP_MAYMOVE) may fail for want of room, not memory. */
Test(decide, growing_in_place_is_not_watched)
{
	struct decision d;
	uint64_t in_place[6] = { 0x10000, 4096, FILTER_BIG_ALLOC * 4, 0 };

	decide_syscall(&ctx, main_task, ABI_X86_64, nr64("mremap"), in_place, &d);
	cr_expect_eq(d.kind, DECIDE_ALLOW);
	cr_expect_not(d.watch_exit);
}

/* Before its first execve the task runs the judge's own code: nothing is refused. */
Test(decide, launching_task_is_never_refused)
{
	static const struct dcase cases[] = {
		{ "execve", { 0x1000 }, DECIDE_ALLOW },
		{ "socket", { 2, 1 }, DECIDE_ALLOW },
		{ "reboot", { 0 }, DECIDE_ALLOW },
	};
	struct decision d;

	main_task->flags |= TR_LAUNCHING;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		expect_case(main_task, ABI_X86_64, &cases[i]);
	decide_syscall(&ctx, main_task, ABI_X86_64, nr64("socket"), (uint64_t[6]){ 0 }, &d);
	cr_expect_str_eq(d.detail, "launch");
	/* and once it has exec'd, the policy holds */
	main_task->flags &= ~TR_LAUNCHING;
	decide_syscall(&ctx, main_task, ABI_X86_64, nr64("socket"), (uint64_t[6]){ 0 }, &d);
	cr_expect_eq(d.kind, DECIDE_KILL);
}

#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)
#define FORK_FLAGS (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD)

static enum decision_kind clone_kind(struct tracee *t, const char *name, uint64_t flags)
{
	struct decision d;
	uint64_t a[6] = { flags };

	decide_syscall(&ctx, t, ABI_X86_64, nr64(name), a, &d);
	return d.kind;
}

/* threads: 3 tasks at once; processes: 2.  The table starts with 2 tasks in 1 process. */
Test(decide, clone_within_and_over_limits)
{
	/* a third thread fits, and is pending until its task shows up */
	cr_expect_eq(clone_kind(main_task, "clone", THREAD_FLAGS), DECIDE_ALLOW);
	cr_expect_eq(main_task->pending_clone, 1);
	cr_expect_eq(tracee_pending_clones(&tt), 1);
	/* a fourth task, even while the third is only pending, does not */
	cr_expect_eq(clone_kind(&tt.v[1], "clone", THREAD_FLAGS), DECIDE_KILL);
	cr_expect_eq(clone_kind(&tt.v[1], "fork", 0), DECIDE_KILL);

	/* the third thread arrives */
	main_task = tracee_find(&tt, PROG);
	main_task->pending_clone = 0;
	tracee_add(&tt, PROG + 2, PROG);
	main_task = tracee_find(&tt, PROG);
	cr_expect_eq(tt.threads, 3);
	cr_expect_eq(clone_kind(main_task, "clone", THREAD_FLAGS), DECIDE_KILL);
}

Test(decide, clone_process_limit)
{
	/* threads up to 8, processes up to 2: the second process is the last */
	pol.threads = 8;
	cr_expect_eq(clone_kind(main_task, "clone", FORK_FLAGS), DECIDE_ALLOW);
	main_task->pending_clone = 0;
	tracee_add(&tt, PROG2, PROG2);
	main_task = tracee_find(&tt, PROG);
	cr_expect_eq(tt.processes, 2);
	cr_expect_eq(clone_kind(main_task, "clone", FORK_FLAGS), DECIDE_KILL);
	cr_expect_eq(clone_kind(main_task, "fork", 0), DECIDE_KILL);
	/* but a thread in an existing process still fits */
	cr_expect_eq(clone_kind(main_task, "clone", THREAD_FLAGS), DECIDE_ALLOW);
}

Test(decide, clone_single_task_policy)
{
	pol.processes = 1;
	pol.threads = 1;
	tracee_remove(&tt, PROG_T2);
	main_task = tracee_find(&tt, PROG);
	cr_expect_eq(clone_kind(main_task, "clone", THREAD_FLAGS), DECIDE_KILL);
	cr_expect_eq(clone_kind(main_task, "clone", FORK_FLAGS), DECIDE_KILL);
	cr_expect_eq(clone_kind(main_task, "fork", 0), DECIDE_KILL);
	cr_expect_eq(main_task->pending_clone, 0);
}

Test(decide, clone_flags_that_escape)
{
	pol.threads = 8;
	cr_expect_eq(clone_kind(main_task, "clone", FORK_FLAGS | CLONE_UNTRACED), DECIDE_KILL);
	cr_expect_eq(clone_kind(main_task, "clone", FORK_FLAGS | CLONE_NEWUSER), DECIDE_KILL);
	cr_expect_eq(clone_kind(main_task, "clone", FORK_FLAGS | CLONE_NEWPID), DECIDE_KILL);
	cr_expect_eq(clone_kind(main_task, "clone", THREAD_FLAGS | CLONE_NEWNS), DECIDE_KILL);
	cr_expect_eq(main_task->pending_clone, 0);
}

/* Signals go only to the program's own tasks. */
Test(decide, self_signal_targets)
{
	static const struct dcase cases[] = {
		{ "kill", { PROG, SIGABRT }, DECIDE_ALLOW },
		{ "kill", { PROG, 0 }, DECIDE_ALLOW },
		{ "kill", { STRANGER, SIGKILL }, DECIDE_KILL },
		{ "kill", { 12345, SIGKILL }, DECIDE_KILL },
		{ "kill", { (uint64_t)-1, SIGKILL }, DECIDE_KILL },	/* everyone the uid may signal */
		{ "kill", { 0, SIGKILL }, DECIDE_KILL },		/* the caller's process group */
		{ "kill", { (uint64_t)-PROG, SIGKILL }, DECIDE_KILL },	/* a group, by number */
		/* only the low 32 bits are the pid */
		{ "kill", { (1ULL << 32) | PROG, SIGKILL }, DECIDE_ALLOW },
		{ "tkill", { PROG_T2, SIGSEGV }, DECIDE_ALLOW },
		{ "tkill", { STRANGER, SIGSEGV }, DECIDE_KILL },
		{ "tkill", { (uint64_t)-1, SIGSEGV }, DECIDE_KILL },
		{ "tgkill", { PROG, PROG, SIGABRT }, DECIDE_ALLOW },
		{ "tgkill", { PROG, PROG_T2, SIGABRT }, DECIDE_ALLOW },
		{ "tgkill", { PROG, STRANGER, SIGABRT }, DECIDE_KILL },
		{ "tgkill", { STRANGER, PROG, SIGABRT }, DECIDE_KILL },
		{ "tgkill", { PROG2, PROG, SIGABRT }, DECIDE_KILL },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		expect_case(main_task, ABI_X86_64, &cases[i]);
}

Test(decide, self_signal_to_another_program_process)
{
	const struct dcase to2 = { "kill", { PROG2, SIGTERM }, DECIDE_ALLOW };

	tracee_add(&tt, PROG2, PROG2);
	main_task = tracee_find(&tt, PROG);
	expect_case(main_task, ABI_X86_64, &to2);
	tracee_remove(&tt, PROG2);
	main_task = tracee_find(&tt, PROG);
	{
		const struct dcase gone = { "kill", { PROG2, SIGTERM }, DECIDE_KILL };

		expect_case(main_task, ABI_X86_64, &gone);
	}
}

/*
 * Path rules: the task is the test process (its own memory), with a cwd the
 * test chooses.  files.deny decides what a path outside the lists gets.
 */
static struct tracee *self_task(void)
{
	struct tracee *t = tracee_add(&tt, getpid(), getpid());

	return t;
}

static void path_case(const char *name, uint64_t a0, const char *path, uint64_t flags,
		      enum decision_kind want, int err)
{
	struct tracee *t = self_task();
	struct decision d;
	uint64_t a[6] = { a0, (uint64_t)(uintptr_t)path, flags };

	if (strcmp(name, "execve") == 0) {
		a[0] = (uint64_t)(uintptr_t)path;
		a[1] = 0;
	}
	memset(&d, 0, sizeof(d));
	decide_syscall(&ctx, t, ABI_X86_64, nr64(name), a, &d);
	cr_expect_eq(d.kind, want, "%s(%s, %#llx): kind %d want %d (%s)", name, path,
		     (unsigned long long)flags, d.kind, want, d.detail);
	if (want == DECIDE_ERRNO && d.kind == DECIDE_ERRNO)
		cr_expect_eq(d.err, err, "%s(%s): errno %d", name, path, d.err);
}

Test(decide, path_rules)
{
	cr_assert_eq(chdir("/usr"), 0);
	path_case("openat", (uint64_t)AT_FDCWD, "/etc/ld.so.cache", O_RDONLY, DECIDE_ALLOW, 0);
	path_case("openat", (uint64_t)AT_FDCWD, "/etc/passwd", O_RDONLY, DECIDE_ERRNO, EACCES);
	path_case("openat", (uint64_t)AT_FDCWD, "/etc/ld.so.cache", O_WRONLY, DECIDE_ERRNO, EACCES);
	path_case("openat", (uint64_t)AT_FDCWD, "/usr/include/stdio.h", O_RDONLY, DECIDE_ALLOW, 0);
	/* relative to the cwd, /usr */
	path_case("openat", (uint64_t)AT_FDCWD, "include/stdio.h", O_RDONLY, DECIDE_ALLOW, 0);
	path_case("openat", (uint64_t)AT_FDCWD, "../etc/passwd", O_RDONLY, DECIDE_ERRNO, EACCES);
	path_case("openat", (uint64_t)AT_FDCWD, "/usr/../etc/passwd", O_RDONLY, DECIDE_ERRNO, EACCES);
	path_case("openat", (uint64_t)AT_FDCWD, "/tmp/judge-decide-out/x", O_WRONLY | O_CREAT,
		  DECIDE_ALLOW, 0);
	path_case("openat", (uint64_t)AT_FDCWD, "/tmp/judge-decide-out/../x", O_WRONLY | O_CREAT,
		  DECIDE_ERRNO, EACCES);
	path_case("newfstatat", 0, "", AT_EMPTY_PATH, DECIDE_ALLOW, 0);
	path_case("newfstatat", (uint64_t)AT_FDCWD, "/root", 0, DECIDE_ERRNO, EACCES);
}

Test(decide, path_deny_can_kill)
{
	pol.files_deny = (struct deny_action){ .kill = true };
	path_case("openat", (uint64_t)AT_FDCWD, "/etc/passwd", O_RDONLY, DECIDE_KILL, 0);
	path_case("openat", (uint64_t)AT_FDCWD, "/etc/ld.so.cache", O_RDONLY, DECIDE_ALLOW, 0);
}

Test(decide, path_deny_other_errno)
{
	pol.files_deny = (struct deny_action){ .kill = false, .err = ENOENT };
	path_case("openat", (uint64_t)AT_FDCWD, "/etc/passwd", O_RDONLY, DECIDE_ERRNO, ENOENT);
}

/* An exec outside files.exec is RF whatever files.deny says: an errno would let it probe. */
Test(decide, exec_outside_list_is_rf)
{
	struct decision d;

	path_case("execve", 0, "/usr/bin/true", 0, DECIDE_ALLOW, 0);
	path_case("execve", 0, "/bin/sh", 0, DECIDE_KILL, 0);
	path_case("execve", 0, "/usr/bin/false", 0, DECIDE_KILL, 0);
	/* the detail names the path, for the RF message */
	decide_syscall(&ctx, self_task(), ABI_X86_64, nr64("execve"),
		       (uint64_t[6]){ (uint64_t)(uintptr_t)"/bin/sh" }, &d);
	cr_expect(strstr(d.detail, "/bin/sh") != NULL, "%s", d.detail);
}

/* A task whose memory cannot be read gets a denial, never an allow. */
Test(decide, unreadable_path_is_denied)
{
	struct tracee *ghost = tracee_add(&tt, 0x3ffffff0, 0x3ffffff0);
	struct decision d;
	uint64_t a[6] = { (uint64_t)AT_FDCWD, (uint64_t)(uintptr_t)"/usr/include/stdio.h", O_RDONLY };

	decide_syscall(&ctx, ghost, ABI_X86_64, nr64("openat"), a, &d);
	cr_expect_neq(d.kind, DECIDE_ALLOW, "%s", d.detail);
	a[1] = 0;
	decide_syscall(&ctx, self_task(), ABI_X86_64, nr64("openat"), a, &d);
	cr_expect_neq(d.kind, DECIDE_ALLOW, "%s", d.detail);
}

/* The guards: a call the policy allows still names only the program's own tasks. */
Test(decide, guards_own_tasks_only)
{
	/* CPU clock ids: ~pid << 3 | 2 for a process, | 6 for a thread */
#define PCLOCK(pid) ((uint64_t)(uint32_t)((~(unsigned)(pid) << 3) | 2))
#define TCLOCK(pid) ((uint64_t)(uint32_t)((~(unsigned)(pid) << 3) | 6))
	static const struct dcase cases[] = {
		{ "sched_getaffinity", { 0, 128, 0x1000 }, DECIDE_ALLOW },
		{ "sched_getaffinity", { PROG_T2, 128, 0x1000 }, DECIDE_ALLOW },
		{ "sched_getaffinity", { STRANGER, 128, 0x1000 }, DECIDE_ERRNO, ESRCH },
		{ "sched_getaffinity", { PROG2, 128, 0x1000 }, DECIDE_ERRNO, ESRCH },
		/* pid_t is 32 bits: the high word does not make it the caller */
		{ "sched_getaffinity", { 1ULL << 32 | STRANGER, 128, 0x1000 }, DECIDE_ERRNO, ESRCH },
		{ "prlimit64", { STRANGER, RLIMIT_STACK, 0, 0x1000 }, DECIDE_ERRNO, ESRCH },
		{ "prlimit64", { PROG, RLIMIT_STACK, 0, 0x1000 }, DECIDE_ALLOW },
		{ "getpriority", { PRIO_PROCESS, 0 }, DECIDE_ALLOW },
		{ "getpriority", { PRIO_PROCESS, STRANGER }, DECIDE_ERRNO, ESRCH },
		{ "getpriority", { PRIO_PGRP, PROG }, DECIDE_ALLOW },
		{ "getpriority", { PRIO_USER, 0 }, DECIDE_ERRNO, EPERM },
		{ "ioprio_get", { 1, PROG_T2 }, DECIDE_ALLOW },
		{ "ioprio_get", { 1, STRANGER }, DECIDE_ERRNO, ESRCH },
		{ "ioprio_get", { 3, 0 }, DECIDE_ERRNO, EPERM },
		{ "kcmp", { PROG, PROG_T2, 0 }, DECIDE_ALLOW },
		{ "kcmp", { PROG, STRANGER, 0 }, DECIDE_ERRNO, ESRCH },
		{ "pidfd_open", { 0, 0 }, DECIDE_ERRNO, ESRCH },
		{ "perf_event_open", { 0x1000, (uint64_t)-1, 0 }, DECIDE_ERRNO, ESRCH },
		{ "setpgid", { 0, 0 }, DECIDE_ALLOW },
		{ "setpgid", { 0, STRANGER }, DECIDE_ERRNO, ESRCH },
		{ "clock_gettime", { CLOCK_MONOTONIC, 0x1000 }, DECIDE_ALLOW },
		{ "clock_gettime", { PCLOCK(0), 0x1000 }, DECIDE_ALLOW },
		{ "clock_gettime", { TCLOCK(PROG_T2), 0x1000 }, DECIDE_ALLOW },
		{ "clock_gettime", { PCLOCK(STRANGER), 0x1000 }, DECIDE_ERRNO, EINVAL },
		{ "clock_nanosleep", { PCLOCK(PROG2), 0, 0x1000 }, DECIDE_ERRNO, EINVAL },
		{ "timer_create", { TCLOCK(STRANGER), 0, 0x1000 }, DECIDE_ERRNO, EINVAL },
		{ "futex", { 0x1000, FUTEX_WAIT_PRIVATE, 0 }, DECIDE_ALLOW },
		{ "futex", { 0x1000, FUTEX_TRYLOCK_PI | FUTEX_PRIVATE_FLAG, 0 }, DECIDE_ERRNO, ENOSYS },
		{ "futex", { 0x1000, FUTEX_CMP_REQUEUE_PI, 0 }, DECIDE_ERRNO, ENOSYS },
		{ "fcntl", { 1, F_GETFL }, DECIDE_ALLOW },
		{ "fcntl", { 1, F_SETOWN, PROG }, DECIDE_ALLOW },
		{ "fcntl", { 1, F_SETOWN, (uint64_t)-PROG }, DECIDE_ALLOW },
		{ "fcntl", { 1, F_SETOWN, STRANGER }, DECIDE_ERRNO, ESRCH },
		{ "fcntl", { 1, F_SETOWN_EX, 0x1000 }, DECIDE_ERRNO, EINVAL },
		{ "fcntl", { 3, F_SETPIPE_SZ, 65536 }, DECIDE_ALLOW },
		{ "fcntl", { 3, F_SETPIPE_SZ, 65537 }, DECIDE_ERRNO, EPERM },
		{ "mmap", { 0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, (uint64_t)-1, 0 }, DECIDE_ALLOW },
		{ "mmap", { 0, 4096, PROT_READ, MAP_SHARED, 3, 0 }, DECIDE_ALLOW },
		{ "mmap", { 0, 4096, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, (uint64_t)-1, 0 }, DECIDE_KILL },
		{ "mmap", { 0, 4096, PROT_READ, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, (uint64_t)-1, 0 },
		  DECIDE_KILL },
		/* the policy's own refusal stands: a guard only narrows what it allows */
		{ "sched_setaffinity", { 0, 128, 0x1000 }, DECIDE_KILL },
	};
	static const char *const allowed[] = {
		"sched_getaffinity", "getpriority", "ioprio_get", "kcmp", "pidfd_open", "perf_event_open",
		"setpgid", "clock_gettime", "clock_nanosleep", "timer_create", "futex", "fcntl",
	};

	for (size_t i = 0; i < ARRAY_SIZE(allowed); i++)
		set64(allowed[i], (struct sys_entry){ .action = SYS_ALLOW });
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		expect_case(main_task, ABI_X86_64, &cases[i]);
#undef PCLOCK
#undef TCLOCK
}
