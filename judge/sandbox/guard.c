#include "guard.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/futex.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "memread.h"
#include "syscalls.h"
#include "util.h"

/* Every syscall that names a task or a CPU clock, and those that make the kernel hold memory. */
static const struct guard guards[] = {
	{ "sched_setparam", GUARD_PID, 0 },
	{ "sched_getparam", GUARD_PID, 0 },
	{ "sched_setscheduler", GUARD_PID, 0 },
	{ "sched_getscheduler", GUARD_PID, 0 },
	{ "sched_rr_get_interval", GUARD_PID, 0 },
	{ "sched_rr_get_interval_time64", GUARD_PID, 0 },
	{ "sched_setaffinity", GUARD_PID, 0 },
	{ "sched_getaffinity", GUARD_PID, 0 },
	{ "sched_setattr", GUARD_PID, 0 },
	{ "sched_getattr", GUARD_PID, 0 },
	{ "getpgid", GUARD_PID, 0 },
	{ "getsid", GUARD_PID, 0 },
	{ "prlimit64", GUARD_PID, 0 },
	{ "get_robust_list", GUARD_PID, 0 },
	{ "migrate_pages", GUARD_PID, 0 },
	{ "move_pages", GUARD_PID, 0 },
	{ "process_vm_readv", GUARD_PID_SET, 0 },
	{ "process_vm_writev", GUARD_PID_SET, 0 },
	{ "pidfd_open", GUARD_PID_SET, 0 },
	{ "kcmp", GUARD_KCMP, 0 },
	{ "setpgid", GUARD_SETPGID, 0 },
	{ "getpriority", GUARD_PRIO, 0 },
	{ "setpriority", GUARD_PRIO, 0 },
	{ "ioprio_get", GUARD_IOPRIO, 0 },
	{ "ioprio_set", GUARD_IOPRIO, 0 },
	{ "perf_event_open", GUARD_PID, 1 },
	{ "clock_gettime", GUARD_CLOCK, 0 },
	{ "clock_gettime64", GUARD_CLOCK, 0 },
	{ "clock_getres", GUARD_CLOCK, 0 },
	{ "clock_getres_time64", GUARD_CLOCK, 0 },
	{ "clock_nanosleep", GUARD_CLOCK, 0 },
	{ "clock_nanosleep_time64", GUARD_CLOCK, 0 },
	{ "clock_settime", GUARD_CLOCK, 0 },
	{ "clock_settime64", GUARD_CLOCK, 0 },
	{ "clock_adjtime", GUARD_CLOCK, 0 },
	{ "clock_adjtime64", GUARD_CLOCK, 0 },
	{ "timer_create", GUARD_CLOCK, 0 },
	{ "kill", GUARD_SIGNAL, 0 },
	{ "tkill", GUARD_SIGNAL, 0 },
	{ "tgkill", GUARD_SIGNAL, 0 },
	{ "rt_sigqueueinfo", GUARD_SIGNAL, 0 },
	{ "rt_tgsigqueueinfo", GUARD_SIGNAL, 0 },
	{ "futex", GUARD_FUTEX, 0 },
	{ "futex_time64", GUARD_FUTEX, 0 },
	{ "fcntl", GUARD_FCNTL, 0 },
	{ "fcntl64", GUARD_FCNTL, 0 },
	{ "mmap", GUARD_MMAP, 0 },
	{ "mmap2", GUARD_MMAP, 0 },
	{ "capget", GUARD_CAPGET, 0 },
};

const struct guard *guard_lookup(enum abi a, const char *name)
{
	if (!name)
		return NULL;
	/* i386's mmap is old_mmap: its arguments are in memory, and no policy admits it */
	if (a == ABI_I386 && strcmp(name, "mmap") == 0)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(guards); i++)
		if (strcmp(guards[i].name, name) == 0)
			return &guards[i];
	return NULL;
}

/*
 * Each (ABI, number)'s guard, found by name at its first look-up: 0 not yet
 * looked up, 1 none, else guards[] index + 2.  Filled as asked rather than
 * all at once, so that a run in ptrace mode pays only for the few syscalls
 * it makes; relaxed atomics, since every thread that fills a slot writes
 * the same value.
 */
static _Atomic uint8_t by_nr[ABI_COUNT][SYSCALLS_MAX];

_Static_assert(ARRAY_SIZE(guards) + 2 <= UINT8_MAX, "guard indexes must fit in by_nr");

const struct guard *guard_of(enum abi a, long nr)
{
	const struct guard *g;
	uint8_t v;

	if ((unsigned)a >= ABI_COUNT || nr < 0 || nr >= SYSCALLS_MAX)
		return NULL;
	v = atomic_load_explicit(&by_nr[a][nr], memory_order_relaxed);
	if (v)
		return v == 1 ? NULL : &guards[v - 2];
	g = guard_lookup(a, syscalls_name(a, nr));
	atomic_store_explicit(&by_nr[a][nr], (uint8_t)(g ? g - guards + 2 : 1),
			      memory_order_relaxed);
	return g;
}

static bool own_task(const struct tracee_table *tt, pid_t pid)
{
	return pid > 0 && tracee_find((struct tracee_table *)tt, pid) != NULL;
}

bool guard_signal_target(const struct tracee_table *tt, const char *name, const uint64_t a[6])
{
	pid_t p0 = (pid_t)a[0], p1 = (pid_t)a[1];

	if (strcmp(name, "kill") == 0 || strcmp(name, "rt_sigqueueinfo") == 0)
		return p0 > 0 && tracee_is_process(tt, p0);
	if (strcmp(name, "tkill") == 0)
		return own_task(tt, p0);
	if (strcmp(name, "tgkill") == 0 || strcmp(name, "rt_tgsigqueueinfo") == 0) {
		struct tracee *t = p1 > 0 ? tracee_find((struct tracee_table *)tt, p1) : NULL;

		return t && t->tgid == p0;
	}
	return false;
}

static bool refuse(struct guard_refusal *r, int err, const char *fmt, long long v)
{
	r->kill = false;
	r->err = err;
	snprintf(r->detail, sizeof(r->detail), fmt, v);
	return false;
}

/* A CPU clock id: ~pid << 3 | type, the per-thread bit 4; type 3 is a clock fd. */
static bool own_clock(const struct tracee_table *tt, int clk)
{
	pid_t pid;

	if (clk >= 0 || (clk & 3) == 3)
		return true;
	pid = ~(clk >> 3);
	return pid == 0 || own_task(tt, pid);
}

static bool check_fcntl(const struct tracee_table *tt, const uint64_t a[6], struct guard_refusal *r)
{
	int cmd = (int)a[1];

	switch (cmd) {
	case F_SETOWN: {
		/* a process, or a process group as a negative number; 0 clears the owner */
		pid_t who = (pid_t)a[2];

		if (who == 0 || own_task(tt, who < 0 ? -who : who))
			return true;
		return refuse(r, ESRCH, "F_SETOWN names task %lld, not the program's", who);
	}
	case F_SETOWN_EX:
		/* the target is in memory another thread could rewrite after a check */
		return refuse(r, EINVAL, "F_SETOWN_EX is not available (%lld)", cmd);
	case F_SETPIPE_SZ:
		/*
		 * Pipe buffers are kernel memory no rlimit and no /proc figure
		 * of the program counts; beyond the default size the kernel
		 * itself says EPERM to an unprivileged caller over its maximum.
		 */
		if (a[2] <= GUARD_PIPE_MAX)
			return true;
		return refuse(r, EPERM, "F_SETPIPE_SZ to %lld bytes: pipes keep their default 64 KiB",
			      (long long)a[2]);
	}
	return true;
}

bool guard_check(const struct guard *g, const struct tracee_table *tt, const struct tracee *t,
		 const uint64_t a[6], struct guard_refusal *r)
{
	memset(r, 0, sizeof(*r));
	switch (g->kind) {
	case GUARD_PID: {
		pid_t pid = (pid_t)a[g->arg];

		if (pid == 0 || own_task(tt, pid))
			return true;
		return refuse(r, ESRCH, "names task %lld, not the program's", pid);
	}
	case GUARD_PID_SET:
		if (own_task(tt, (pid_t)a[g->arg]))
			return true;
		return refuse(r, ESRCH, "names task %lld, not the program's", (pid_t)a[g->arg]);
	case GUARD_KCMP:
		if (own_task(tt, (pid_t)a[0]) && own_task(tt, (pid_t)a[1]))
			return true;
		return refuse(r, ESRCH, "compares task %lld with a task not the program's", (pid_t)a[0]);
	case GUARD_SETPGID: {
		pid_t pid = (pid_t)a[0], pgid = (pid_t)a[1];

		if ((pid == 0 || own_task(tt, pid)) && (pgid == 0 || tracee_is_process(tt, pgid)))
			return true;
		return refuse(r, ESRCH, "names process group %lld, not the program's", pgid);
	}
	case GUARD_PRIO:
	case GUARD_IOPRIO: {
		/* PRIO_PROCESS, PRIO_PGRP, PRIO_USER are 0, 1, 2; ioprio's are 1, 2, 3 */
		int which = (int)a[0] - (g->kind == GUARD_IOPRIO);
		pid_t who = (pid_t)a[1];

		if (which == PRIO_PROCESS && (who == 0 || own_task(tt, who)))
			return true;
		if (which == PRIO_PGRP && (who == 0 || tracee_is_process(tt, who)))
			return true;
		if (which == PRIO_USER)
			return refuse(r, EPERM, "names every process of user %lld", who);
		return refuse(r, ESRCH, "names task %lld, not the program's", who);
	}
	case GUARD_CLOCK:
		if (own_clock(tt, (int)a[0]))
			return true;
		return refuse(r, EINVAL, "the CPU clock of task %lld, not the program's",
			      ~((int)a[0] >> 3));
	case GUARD_SIGNAL:
		/* g->name is the syscall's own name: the table is looked up by it */
		if (guard_signal_target(tt, g->name, a))
			return true;
		refuse(r, 0, "target %lld is not the program's own", (int)a[0]);
		r->kill = true;
		return false;
	case GUARD_FUTEX:
		switch ((int)a[1] & FUTEX_CMD_MASK) {
		case FUTEX_LOCK_PI:
#ifdef FUTEX_LOCK_PI2
		case FUTEX_LOCK_PI2:
#endif
		case FUTEX_TRYLOCK_PI:
		case FUTEX_WAIT_REQUEUE_PI:
		case FUTEX_CMP_REQUEUE_PI:
			/* as on a kernel built without priority inheritance */
			return refuse(r, ENOSYS, "priority-inheritance futex op %lld finds its owner "
				      "by a tid in memory", (int)a[1] & FUTEX_CMD_MASK);
		}
		return true;
	case GUARD_FCNTL:
		return check_fcntl(tt, a, r);
	case GUARD_MMAP:
		if ((a[3] & (MAP_SHARED | MAP_ANONYMOUS)) != (MAP_SHARED | MAP_ANONYMOUS))
			return true;
		refuse(r, 0, "shared anonymous memory (flags 0x%llx) escapes the memory meter",
		       (long long)a[3]);
		r->kill = true;
		return false;
	case GUARD_CAPGET: {
		struct __user_cap_header_struct h;

		/* a NULL or unreadable header: the kernel answers EFAULT by itself */
		if (memread(t->pid, a[0], &h, sizeof(h)) < 0 || h.pid == 0 || own_task(tt, h.pid))
			return true;
		return refuse(r, ESRCH, "asks for task %lld's capabilities", h.pid);
	}
	}
	return true;
}
