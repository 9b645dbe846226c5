#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/audit.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "filter.h"
#include "harness.h"
#include "policy.h"
#include "syscalls.h"

/*
 * Each probe compiles a policy, installs the program in a grandchild with no
 * tracer attached, makes one syscall there and reads how the grandchild
 * ended.  Without a tracer the kernel's actions are told apart like this:
 *
 *   ALLOW               the syscall runs
 *   ERRNO(e)            -1 with errno e
 *   TRAP                the grandchild dies of SIGSYS
 *   TRACE               -1 with ENOSYS: no tracer is there to take it
 *
 * In FILTER_TRACE_ALL even exit_group is TRACE, so the grandchild cannot exit
 * and ends on the illegal instruction of harness_fork: SIGILL.
 */

enum expect { EX_ALLOW, EX_ERRNO, EX_KILL, EX_TRACE, EX_PASSES };
enum entry { VIA_SYSCALL, VIA_INT80, VIA_X32 };

struct probe {
	const char *policy;
	enum filter_mode mode;
	enum entry via;
	const char *name;	/* looked up in the table of `via`; NULL: use nr */
	long nr;
	uint64_t a[6];
	enum expect ex;
	int err;
};

static const char root_dir[] = "/";
static const char no_file[] = "/nonexistent/judge-filter-test";
static struct rlimit rl_buf;
static int fionread_buf;
static char termios_buf[64];
static unsigned long cpu_buf[16];
static struct timespec ts_buf;
static unsigned int futex_word;

static long int80(long nr, long a, long b, long c, long d, long e)
{
	long r;

	__asm__ volatile("int $0x80"
			 : "=a"(r)
			 : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
			 : "memory", "r8", "r9", "r10", "r11");
	return r;
}

static long probe_nr(const struct probe *p)
{
	long nr;

	if (!p->name)
		return p->nr;
	nr = syscalls_lookup(p->via == VIA_INT80 ? ABI_I386 : p->via == VIA_X32 ? ABI_X32 :
			     ABI_X86_64, p->name);
	cr_assert_geq(nr, 0, "%s: no such syscall", p->name);
	return p->via == VIA_X32 ? nr | ABI_X32_BIT : nr;
}

struct install {
	const struct filter *f;
	long nr;
	const struct probe *p;
};

/* Grandchild: nothing after filter_install but raw syscalls and stores. */
static int probe_child(void *arg, struct harness_shared *sh)
{
	const struct install *in = arg;
	const uint64_t *a = in->p->a;
	struct rlimit no_core = { 0, 0 };

	setrlimit(RLIMIT_CORE, &no_core);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return 10;
	sh->ret[0] = filter_install(in->f);
	sh->err[0] = errno;
	if (sh->ret[0] < 0)
		return 11;
	sh->stage = 1;
	if (in->p->via == VIA_INT80) {
		long r = int80(in->nr, (long)a[0], (long)a[1], (long)a[2], (long)a[3], (long)a[4]);

		/* the raw i386 return: -errno */
		sh->ret[1] = r < 0 && r > -4096 ? -1 : r;
		sh->err[1] = r < 0 && r > -4096 ? (int)-r : 0;
	} else {
		HARNESS_SYSCALL(sh, 1, in->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	}
	sh->stage = 2;
	return 0;
}

static void run_probe(const struct probe *p)
{
	struct policy pol;
	struct filter f;
	struct jerr err;
	struct harness_shared *sh;
	struct install in = { &f, probe_nr(p), p };
	char what[160];
	int st;

	snprintf(what, sizeof(what), "%s %s %s%s #%ld", p->policy,
		 p->mode == FILTER_SECCOMP ? "seccomp" : "trace-all",
		 p->via == VIA_INT80 ? "int80 " : p->via == VIA_X32 ? "x32 " : "",
		 p->name ? p->name : "nr", in.nr);
	harness_load(harness_unit_policy(p->policy), &pol);
	cr_assert_eq(filter_compile(&pol, p->mode, &f, &err), 0, "%s: %s", what, err.msg);
	st = harness_fork(probe_child, &in, &sh);
	filter_free(&f);
	policy_free(&pol);

	cr_assert_eq(sh->ret[0], 0, "%s: filter_install: %s", what, strerror(sh->err[0]));
	cr_assert_geq(sh->stage, 1, "%s: %s before the syscall", what, harness_status_str(st));
	if (p->ex == EX_KILL) {
		cr_expect(WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS, "%s: expected SIGSYS, %s (ret %ld errno %d)",
			  what, harness_status_str(st), sh->ret[1], sh->err[1]);
		return;
	}
	cr_assert_eq(sh->stage, 2, "%s: expected to return, %s", what, harness_status_str(st));
	if (p->mode == FILTER_TRACE_ALL)
		cr_expect(WIFSIGNALED(st) && WTERMSIG(st) == SIGILL,
			  "%s: exit_group should have gone to the tracer too, %s", what,
			  harness_status_str(st));
	else
		cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: %s", what, harness_status_str(st));
	switch (p->ex) {
	case EX_ALLOW:
		cr_expect_geq(sh->ret[1], 0, "%s: expected to run, got -1 errno %d", what, sh->err[1]);
		break;
	case EX_ERRNO:
		cr_expect(sh->ret[1] == -1 && sh->err[1] == p->err, "%s: expected errno %d, got %ld errno %d",
			  what, p->err, sh->ret[1], sh->err[1]);
		break;
	case EX_TRACE:
		cr_expect(sh->ret[1] == -1 && sh->err[1] == ENOSYS,
			  "%s: expected ENOSYS (TRACE, no tracer), got %ld errno %d", what, sh->ret[1],
			  sh->err[1]);
		break;
	case EX_PASSES:
		/* past the filter; the kernel itself may lack the ABI (ENOSYS) */
		cr_expect(sh->ret[1] >= 0 || sh->err[1] == ENOSYS, "%s: got %ld errno %d", what,
			  sh->ret[1], sh->err[1]);
		break;
	case EX_KILL:
		break;
	}
}

#define ARGS(...) { __VA_ARGS__ }
#define MAPA(len) ARGS(0, (len), PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, (uint64_t)-1, 0)

static const struct probe basic[] = {
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "getpid", 0, ARGS(0), EX_ALLOW },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "getppid", 0, ARGS(0), EX_ALLOW },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "getuid", 0, ARGS(0), EX_ERRNO, EPERM },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "getgid", 0, ARGS(0), EX_ERRNO, ENOTTY },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "socket", 0, ARGS(AF_INET, SOCK_STREAM), EX_KILL },
	/* not listed at all: the default, kill */
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "sched_yield", 0, ARGS(0), EX_KILL },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, NULL, 999, ARGS(0), EX_KILL },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, NULL, SYSCALLS_MAX + 5, ARGS(0), EX_KILL },
	/* path and target rules are the tracer's: ENOSYS with none attached */
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "kill", 0, ARGS(0, 0), EX_TRACE },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "openat", 0,
	  ARGS((uint64_t)AT_FDCWD, (uint64_t)root_dir, O_RDONLY), EX_TRACE },
	/* a short value list is decided in the kernel: a match runs, the rest go to the tracer */
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "prlimit64", 0,
	  ARGS(0, RLIMIT_NOFILE, 0, (uint64_t)&rl_buf), EX_ALLOW },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "prlimit64", 0,
	  ARGS(0, RLIMIT_NOFILE, (uint64_t)&rl_buf, 0), EX_TRACE },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "prlimit64", 0,
	  ARGS(0, RLIMIT_NOFILE, 1ULL << 32, 0), EX_TRACE },
	/* "else": a value off the list fails with its errno in the kernel, no tracer needed */
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "ioctl", 0,
	  ARGS(0, FIONREAD, (uint64_t)&fionread_buf), EX_ALLOW },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "ioctl", 0,
	  ARGS(0, TCGETS, (uint64_t)&termios_buf), EX_ERRNO, ENOTTY },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "ioctl", 0,
	  ARGS(0, (1ULL << 32) | FIONREAD, (uint64_t)&fionread_buf), EX_ERRNO, ENOTTY },
	/* allowed outright, yet the tracer must tell the launch from the program's own execs */
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "execve", 0,
	  ARGS((uint64_t)no_file, 0, 0), EX_TRACE },
	/* allocations: small ones never wake the tracer, big ones do */
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "mmap", 0, MAPA(4096), EX_ALLOW },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "mmap", 0, MAPA(FILTER_BIG_ALLOC - 4096), EX_ALLOW },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "mmap", 0, MAPA(FILTER_BIG_ALLOC), EX_TRACE },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "mmap", 0, MAPA(1ULL << 30), EX_TRACE },
	/* the high word alone makes it big: 4 GiB + 4 KiB */
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "mmap", 0, MAPA((1ULL << 32) | 4096), EX_TRACE },
	/* guards: the caller itself (pid 0) runs in the kernel, any other pid goes to the tracer */
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "prlimit64", 0,
	  ARGS(1, RLIMIT_NOFILE, 0, (uint64_t)&rl_buf), EX_TRACE },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "sched_getaffinity", 0,
	  ARGS(0, sizeof(cpu_buf), (uint64_t)cpu_buf), EX_ALLOW },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "sched_getaffinity", 0,
	  ARGS(1, sizeof(cpu_buf), (uint64_t)cpu_buf), EX_TRACE },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "clock_gettime", 0,
	  ARGS(CLOCK_PROCESS_CPUTIME_ID, (uint64_t)&ts_buf), EX_ALLOW },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "clock_gettime", 0,
	  ARGS((uint32_t)(~1u << 3 | 2), (uint64_t)&ts_buf), EX_TRACE },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "futex", 0,
	  ARGS((uint64_t)&futex_word, FUTEX_WAKE_PRIVATE, 1), EX_ALLOW },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "futex", 0,
	  ARGS((uint64_t)&futex_word, FUTEX_TRYLOCK_PI_PRIVATE), EX_TRACE },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "futex", 0,
	  ARGS((uint64_t)&futex_word, FUTEX_CMP_REQUEUE_PI), EX_TRACE },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "futex", 0,
	  ARGS((uint64_t)&futex_word, FUTEX_WAKE_BITSET_PRIVATE, 1, 0, 0, ~0u), EX_ALLOW },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "fcntl", 0, ARGS(1, F_GETFD), EX_ALLOW },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "fcntl", 0, ARGS(1, F_SETOWN, 1), EX_TRACE },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "fcntl", 0, ARGS(1, F_SETOWN_EX, 0), EX_TRACE },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "fcntl", 0, ARGS(1, F_SETPIPE_SZ, 4096), EX_TRACE },
	{ "filter_basic", FILTER_SECCOMP, VIA_SYSCALL, "mmap", 0,
	  ARGS(0, 4096, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, (uint64_t)-1, 0), EX_TRACE },
	/* ABIs the policy does not admit never reach a table */
	{ "filter_basic", FILTER_SECCOMP, VIA_INT80, "getpid", 0, ARGS(0), EX_KILL },
	{ "filter_basic", FILTER_SECCOMP, VIA_INT80, "exit_group", 0, ARGS(0), EX_KILL },
	{ "filter_basic", FILTER_SECCOMP, VIA_X32, "getpid", 0, ARGS(0), EX_KILL },
	{ "filter_basic", FILTER_SECCOMP, VIA_X32, "exit_group", 0, ARGS(0), EX_KILL },
};

static const struct probe errno_default[] = {
	{ "filter_errno_default", FILTER_SECCOMP, VIA_SYSCALL, "getpid", 0, ARGS(0), EX_ALLOW },
	{ "filter_errno_default", FILTER_SECCOMP, VIA_SYSCALL, "sched_yield", 0, ARGS(0), EX_ERRNO, EPERM },
	{ "filter_errno_default", FILTER_SECCOMP, VIA_SYSCALL, "getuid", 0, ARGS(0), EX_ERRNO, EPERM },
	{ "filter_errno_default", FILTER_SECCOMP, VIA_SYSCALL, NULL, 999, ARGS(0), EX_ERRNO, EPERM },
	/* "deny" overrides an errno default */
	{ "filter_errno_default", FILTER_SECCOMP, VIA_SYSCALL, "socket", 0, ARGS(AF_INET, SOCK_STREAM), EX_KILL },
	/* the ABI check comes before the default */
	{ "filter_errno_default", FILTER_SECCOMP, VIA_INT80, "getpid", 0, ARGS(0), EX_KILL },
	{ "filter_errno_default", FILTER_SECCOMP, VIA_X32, "getpid", 0, ARGS(0), EX_KILL },
};

static const struct probe abis[] = {
	{ "filter_i386", FILTER_SECCOMP, VIA_INT80, "getpid", 0, ARGS(0), EX_ALLOW },
	{ "filter_i386", FILTER_SECCOMP, VIA_INT80, "getuid", 0, ARGS(0), EX_ERRNO, EPERM },
	{ "filter_i386", FILTER_SECCOMP, VIA_INT80, "socket", 0, ARGS(AF_INET, SOCK_STREAM), EX_KILL },
	{ "filter_i386", FILTER_SECCOMP, VIA_SYSCALL, "getpid", 0, ARGS(0), EX_ALLOW },
	{ "filter_i386", FILTER_SECCOMP, VIA_SYSCALL, "getuid", 0, ARGS(0), EX_ERRNO, EPERM },
	{ "filter_i386", FILTER_SECCOMP, VIA_X32, "getpid", 0, ARGS(0), EX_KILL },
	/* i386 allocations are watched like x86_64 ones: mmap2's length is its second argument */
	{ "filter_i386", FILTER_SECCOMP, VIA_INT80, "mmap2", 0,
	  ARGS(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, (uint32_t)-1), EX_ALLOW },
	{ "filter_i386", FILTER_SECCOMP, VIA_INT80, "mmap2", 0,
	  ARGS(0, FILTER_BIG_ALLOC, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, (uint32_t)-1), EX_TRACE },
	{ "filter_x32", FILTER_SECCOMP, VIA_X32, "getpid", 0, ARGS(0), EX_PASSES },
	/* EPERM rather than the kernel's ENOSYS: the x32 table was consulted */
	{ "filter_x32", FILTER_SECCOMP, VIA_X32, "getuid", 0, ARGS(0), EX_ERRNO, EPERM },
	{ "filter_x32", FILTER_SECCOMP, VIA_X32, "socket", 0, ARGS(AF_INET, SOCK_STREAM), EX_KILL },
	{ "filter_x32", FILTER_SECCOMP, VIA_SYSCALL, "getpid", 0, ARGS(0), EX_ALLOW },
	{ "filter_x32", FILTER_SECCOMP, VIA_SYSCALL, "getuid", 0, ARGS(0), EX_ERRNO, EPERM },
	{ "filter_x32", FILTER_SECCOMP, VIA_INT80, "getpid", 0, ARGS(0), EX_KILL },
};

static const struct probe trace_all[] = {
	{ "filter_basic", FILTER_TRACE_ALL, VIA_SYSCALL, "getpid", 0, ARGS(0), EX_TRACE },
	{ "filter_basic", FILTER_TRACE_ALL, VIA_SYSCALL, "getuid", 0, ARGS(0), EX_TRACE },
	{ "filter_basic", FILTER_TRACE_ALL, VIA_SYSCALL, "socket", 0, ARGS(AF_INET, SOCK_STREAM), EX_TRACE },
	{ "filter_basic", FILTER_TRACE_ALL, VIA_SYSCALL, "sched_yield", 0, ARGS(0), EX_TRACE },
	{ "filter_basic", FILTER_TRACE_ALL, VIA_SYSCALL, "mmap", 0, MAPA(4096), EX_TRACE },
	{ "filter_basic", FILTER_TRACE_ALL, VIA_SYSCALL, NULL, 999, ARGS(0), EX_TRACE },
	{ "filter_errno_default", FILTER_TRACE_ALL, VIA_SYSCALL, "sched_yield", 0, ARGS(0), EX_TRACE },
	/* an ABI the policy does not admit is refused in the kernel in both modes */
	{ "filter_basic", FILTER_TRACE_ALL, VIA_INT80, "getpid", 0, ARGS(0), EX_KILL },
	{ "filter_basic", FILTER_TRACE_ALL, VIA_X32, "getpid", 0, ARGS(0), EX_KILL },
	{ "filter_i386", FILTER_TRACE_ALL, VIA_INT80, "getpid", 0, ARGS(0), EX_TRACE },
	{ "filter_x32", FILTER_TRACE_ALL, VIA_X32, "getpid", 0, ARGS(0), EX_TRACE },
};

/*
 * Each table runs in two tests: the entries made with syscall (x86_64 and
 * x32) everywhere, those through int $0x80 only where it reaches the kernel
 * (under some hypervisors it is a SIGSEGV before any filter sees it).
 */
static void run_table(const struct probe *t, size_t n, bool via_int80)
{
	if (via_int80)
		harness_need("int80");
	for (size_t i = 0; i < n; i++)
		if ((t[i].via == VIA_INT80) == via_int80)
			run_probe(&t[i]);
}

Test(filter, actions_x86_64)
{
	run_table(basic, ARRAY_SIZE(basic), false);
}

Test(filter, actions_int80_not_admitted)
{
	run_table(basic, ARRAY_SIZE(basic), true);
}

Test(filter, errno_default)
{
	run_table(errno_default, ARRAY_SIZE(errno_default), false);
}

Test(filter, errno_default_int80)
{
	run_table(errno_default, ARRAY_SIZE(errno_default), true);
}

Test(filter, i386_and_x32_only_when_admitted)
{
	run_table(abis, ARRAY_SIZE(abis), false);
}

Test(filter, i386_and_x32_only_when_admitted_int80)
{
	run_table(abis, ARRAY_SIZE(abis), true);
}

Test(filter, trace_all_sends_everything_to_the_tracer)
{
	run_table(trace_all, ARRAY_SIZE(trace_all), false);
}

Test(filter, trace_all_sends_everything_to_the_tracer_int80)
{
	run_table(trace_all, ARRAY_SIZE(trace_all), true);
}

/* mremap's new length is its third argument; only growth past the threshold is traced. */
static int mremap_child(void *arg, struct harness_shared *sh)
{
	const struct filter *f = arg;
	long m;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || filter_install(f) < 0)
		return 10;
	sh->stage = 1;
	m = syscall(SYS_mmap, 0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m < 0)
		return 11;
	HARNESS_SYSCALL(sh, 0, SYS_mremap, m, 4096, FILTER_BIG_ALLOC, MREMAP_MAYMOVE, 0);
	HARNESS_SYSCALL(sh, 1, SYS_mremap, m, 4096, 8192, MREMAP_MAYMOVE, 0);
	HARNESS_SYSCALL(sh, 2, SYS_munmap, sh->ret[1] > 0 ? sh->ret[1] : m, 8192, 0, 0, 0, 0);
	sh->stage = 2;
	return 0;
}

Test(filter, mremap_growth_goes_to_the_tracer)
{
	struct policy pol;
	struct filter f;
	struct jerr err;
	struct harness_shared *sh;
	int st;

	harness_load(harness_unit_policy("filter_basic"), &pol);
	cr_assert_eq(filter_compile(&pol, FILTER_SECCOMP, &f, &err), 0, "%s", err.msg);
	st = harness_fork(mremap_child, &f, &sh);
	filter_free(&f);
	policy_free(&pol);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s", harness_status_str(st));
	cr_assert_eq(sh->stage, 2);
	cr_expect(sh->ret[0] == -1 && sh->err[0] == ENOSYS, "big mremap: %ld errno %d", sh->ret[0],
		  sh->err[0]);
	cr_expect_gt(sh->ret[1], 0, "small mremap: errno %d", sh->err[1]);
	cr_expect_eq(sh->ret[2], 0, "munmap: errno %d", sh->err[2]);
}

/* The SIGSYS of a trap names the syscall and the architecture: the tracer's RF report. */
static struct harness_shared *sigsys_sh;

static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	sigsys_sh->ret[5] = si->si_code;
	sigsys_sh->ret[6] = si->si_syscall;
	sigsys_sh->ret[7] = (long)si->si_arch;
	sigsys_sh->stage = 3;
	syscall(SYS_exit_group, 42);
}

struct trap_case {
	const char *policy;
	enum entry via;
	const char *name;
	uint32_t arch;
};

static int trap_child(void *arg, struct harness_shared *sh)
{
	const struct install *in = arg;
	struct sigaction sa = { 0 };

	sigsys_sh = sh;
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	if (sigaction(SIGSYS, &sa, NULL) < 0)
		return 9;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || filter_install(in->f) < 0)
		return 10;
	sh->stage = 1;
	if (in->p->via == VIA_INT80)
		int80(in->nr, AF_INET, SOCK_STREAM, 0, 0, 0);
	else
		syscall(in->nr, AF_INET, SOCK_STREAM, 0);
	sh->stage = 2;
	return 0;
}

static const struct trap_case trap_cases[] = {
	{ "filter_basic", VIA_SYSCALL, "socket", AUDIT_ARCH_X86_64 },
	{ "filter_basic", VIA_INT80, "socket", AUDIT_ARCH_I386 },
	{ "filter_basic", VIA_X32, "socket", AUDIT_ARCH_X86_64 },
	{ "filter_i386", VIA_INT80, "socket", AUDIT_ARCH_I386 },
	{ "filter_x32", VIA_X32, "socket", AUDIT_ARCH_X86_64 },
};

static void run_traps(bool via_int80)
{
	if (via_int80)
		harness_need("int80");
	for (size_t i = 0; i < ARRAY_SIZE(trap_cases); i++) {
		const struct trap_case *c = &trap_cases[i];
		struct probe p = { c->policy, FILTER_SECCOMP, c->via, c->name };
		struct policy pol;
		struct filter f;
		struct jerr err;
		struct harness_shared *sh;
		struct install in = { &f, 0, &p };
		long nr;
		int st;

		if ((c->via == VIA_INT80) != via_int80)
			continue;
		in.nr = probe_nr(&p);
		harness_load(harness_unit_policy(p.policy), &pol);
		cr_assert_eq(filter_compile(&pol, FILTER_SECCOMP, &f, &err), 0, "%s", err.msg);
		st = harness_fork(trap_child, &in, &sh);
		filter_free(&f);
		policy_free(&pol);
		cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 42, "case %zu: %s, stage %d", i,
			  harness_status_str(st), sh->stage);
		cr_expect_eq(sh->ret[5], 1 /* SYS_SECCOMP */, "case %zu", i);
		cr_expect_eq(sh->ret[6], in.nr, "case %zu: si_syscall %ld", i, sh->ret[6]);
		cr_expect_eq((uint32_t)sh->ret[7], c->arch, "case %zu: si_arch %#lx", i, sh->ret[7]);
		cr_expect_eq(abi_classify((uint32_t)sh->ret[7], sh->ret[6], &nr),
			     c->via == VIA_INT80 ? ABI_I386 : c->via == VIA_X32 ? ABI_X32 : ABI_X86_64,
			     "case %zu", i);
	}
}

Test(filter, trap_names_syscall_and_arch)
{
	run_traps(false);
}

Test(filter, trap_names_syscall_and_arch_int80)
{
	run_traps(true);
}

/* Every shipped policy fits in BPF_MAXINSNS in both modes, and the kernel takes it. */
static int install_child(void *arg, struct harness_shared *sh)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return 10;
	sh->ret[0] = filter_install(arg);
	sh->err[0] = errno;
	sh->stage = 1;
	return 0;
}

Test(filter, shipped_policies_fit_and_install)
{
	struct strlist names = { 0 };

	cr_assert_eq(policy_list(harness_policies_dir(), &names), 0, "%s", harness_policies_dir());
	cr_assert_gt(names.n, 0, "no policies in %s", harness_policies_dir());
	for (size_t i = 0; i < names.n; i++) {
		struct policy pol;

		harness_load(names.v[i], &pol);
		for (int m = FILTER_SECCOMP; m <= FILTER_TRACE_ALL; m++) {
			struct filter f;
			struct jerr err;
			struct harness_shared *sh;

			cr_assert_eq(filter_compile(&pol, m, &f, &err), 0, "%s: %s", names.v[i], err.msg);
			cr_expect_lt(f.len, 4096, "%s mode %d: %u instructions", names.v[i], m, f.len);
			cr_expect_gt(f.len, 4, "%s mode %d", names.v[i], m);
			harness_fork(install_child, &f, &sh);
			cr_expect_eq(sh->stage, 1, "%s mode %d", names.v[i], m);
			cr_expect_eq(sh->ret[0], 0, "%s mode %d: the kernel refused it: %s", names.v[i], m,
				     strerror(sh->err[0]));
			filter_free(&f);
		}
		policy_free(&pol);
	}
	strlist_free(&names);
}

/*
 * A policy whose every number has an argument rule the kernel decides (8
 * values: 41 instructions each) cannot fit: an error, not a cut.
 */
Test(filter, too_many_instructions_is_an_error)
{
	static struct policy pol;
	static struct arg_rule rule = { .arg = 0, .n_values = 8, .values = { 1, 2, 3, 4, 5, 6, 7, 8 } };
	static char file[] = "alternating.json";
	struct filter f = { 0 };
	struct jerr err;

	memset(&pol, 0, sizeof(pol));
	pol.file = file;
	pol.abis[ABI_X86_64] = pol.abis[ABI_I386] = pol.abis[ABI_X32] = true;
	pol.default_action.kill = true;
	pol.arg_rules = &rule;
	pol.n_arg_rules = 1;
	for (int a = 0; a < ABI_COUNT; a++)
		for (long nr = 0; nr < SYSCALLS_MAX; nr++)
			pol.sys[a][nr] = (struct sys_entry){ .action = SYS_RULE, .rule = RULE_ARG, .arg_rule = 0 };
	cr_assert_eq(filter_compile(&pol, FILTER_SECCOMP, &f, &err), -1, "compiled to %u", f.len);
	cr_expect_null(f.insns);
	cr_expect_str_eq(err.file, "alternating.json");
	cr_expect(strstr(err.msg, "BPF instructions") != NULL, "%s", err.msg);
}

/* In-memory policy: the filter reads only the struct, no file behind it. */
static int errno_child(void *arg, struct harness_shared *sh)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || filter_install(arg) < 0)
		return 10;
	sh->stage = 1;
	HARNESS_SYSCALL(sh, 0, SYS_getpid);
	HARNESS_SYSCALL(sh, 1, SYS_getppid);
	HARNESS_SYSCALL(sh, 2, SYS_sched_yield);
	sh->stage = 2;
	return 0;
}

Test(filter, policy_built_in_memory)
{
	static struct policy pol;
	static char file[] = "memory";
	struct filter f;
	struct jerr err;
	struct harness_shared *sh;
	int st;

	memset(&pol, 0, sizeof(pol));
	pol.file = file;
	pol.abis[ABI_X86_64] = true;
	pol.default_action = (struct deny_action){ false, EACCES };
	pol.sys[ABI_X86_64][SYS_getpid].action = SYS_ALLOW;
	pol.sys[ABI_X86_64][SYS_exit_group].action = SYS_ALLOW;
	pol.sys[ABI_X86_64][SYS_getppid] = (struct sys_entry){ .action = SYS_ERRNO, .err = EROFS };
	cr_assert_eq(filter_compile(&pol, FILTER_SECCOMP, &f, &err), 0, "%s", err.msg);
	st = harness_fork(errno_child, &f, &sh);
	filter_free(&f);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s", harness_status_str(st));
	cr_expect_geq(sh->ret[0], 0);
	cr_expect(sh->ret[1] == -1 && sh->err[1] == EROFS, "%ld %d", sh->ret[1], sh->err[1]);
	cr_expect(sh->ret[2] == -1 && sh->err[2] == EACCES, "%ld %d", sh->ret[2], sh->err[2]);
}

/*
 * The cache hands out one program per policy content and mode: the same
 * table compiled twice is the same program, and a policy that differs in
 * one syscall, in its default action or in the mode gets a program of its
 * own, never the cached one.
 */
Test(filter, cache_reuses_only_an_equal_policy)
{
	static struct policy pol;
	static char file[] = "memory";
	struct filter a, b, c, d, e;
	struct jerr err;

	memset(&pol, 0, sizeof(pol));
	pol.file = file;
	pol.abis[ABI_X86_64] = true;
	pol.default_action = (struct deny_action){ true, 0 };
	pol.sys[ABI_X86_64][SYS_getpid].action = SYS_ALLOW;
	pol.sys[ABI_X86_64][SYS_exit_group].action = SYS_ALLOW;
	cr_assert_eq(filter_compile_cached(&pol, FILTER_SECCOMP, &a, &err), 0, "%s", err.msg);
	cr_assert_eq(filter_compile_cached(&pol, FILTER_SECCOMP, &b, &err), 0, "%s", err.msg);
	cr_expect_eq(a.insns, b.insns, "an equal policy compiled again");
	cr_assert_eq(filter_compile_cached(&pol, FILTER_TRACE_ALL, &c, &err), 0, "%s", err.msg);
	cr_expect_neq(c.insns, a.insns, "another mode shared the program");
	pol.sys[ABI_X86_64][SYS_getppid].action = SYS_ALLOW;
	cr_assert_eq(filter_compile_cached(&pol, FILTER_SECCOMP, &d, &err), 0, "%s", err.msg);
	cr_expect_neq(d.insns, a.insns, "a policy allowing one more syscall shared the program");
	pol.sys[ABI_X86_64][SYS_getppid].action = SYS_DEFAULT;
	pol.default_action = (struct deny_action){ false, EPERM };
	cr_assert_eq(filter_compile_cached(&pol, FILTER_SECCOMP, &e, &err), 0, "%s", err.msg);
	cr_expect_neq(e.insns, a.insns, "a policy with another default shared the program");
	filter_free(&a);
	filter_free(&b);
	filter_free(&c);
	filter_free(&d);
	filter_free(&e);
	cr_expect_null(a.insns);
}
