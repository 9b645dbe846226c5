#ifndef JUDGE_GUARD_H
#define JUDGE_GUARD_H

#include <stdbool.h>
#include <stdint.h>

#include "abi.h"
#include "tracee.h"

/*
 * Argument checks the judge makes whatever the policy says, on syscalls a
 * policy allows (outright or under a rule):
 *
 * - a syscall that names a task (a pid, tid, process group, a CPU clock id,
 *   which encodes a pid) may name only the program's own tasks.  Any other
 *   target looks absent, with the errno the kernel gives for a task that
 *   does not exist, so the program sees no process but its own;
 * - a syscall that would make the kernel hold memory the meter cannot see
 *   (a pipe buffer grown with F_SETPIPE_SZ, shared anonymous memory, which
 *   RLIMIT_DATA does not count) is refused.
 *
 * The filter decides the common, harmless case in the kernel (a pid of 0,
 * a static clock id, an fcntl that names no task); only the rest stops in
 * the tracer, which calls guard_check().
 */
enum guard_kind {
	GUARD_PID,		/* a[arg] is a task; 0 means the caller (-1, every task, is refused) */
	GUARD_PID_SET,		/* a[arg] is a task; 0 names no one (process_vm_readv, pidfd_open) */
	GUARD_KCMP,		/* a[0] and a[1] are tasks */
	GUARD_SETPGID,		/* a[0] a task (0: the caller), a[1] a process group (0: a[0]'s own) */
	GUARD_PRIO,		/* getpriority/setpriority: a[0] which, a[1] who */
	GUARD_IOPRIO,		/* ioprio_get/ioprio_set: the same with ioprio's values */
	GUARD_CLOCK,		/* a[0] a clock id; negative ones name a task's CPU clock */
	GUARD_SIGNAL,		/* kill, tkill, tgkill, rt_(tg)sigqueueinfo: the self rule */
	GUARD_FUTEX,		/* PI operations look up the task whose tid is in the futex word */
	GUARD_FCNTL,		/* F_SETOWN names a task; F_SETPIPE_SZ grows a kernel buffer */
	GUARD_MMAP,		/* MAP_SHARED | MAP_ANONYMOUS: memory RLIMIT_DATA does not count */
	GUARD_CAPGET,		/* the task is named in memory, in the header struct */
};

struct guard {
	const char *name;
	enum guard_kind kind;
	int arg;		/* for GUARD_PID and GUARD_PID_SET */
};

/* Largest pipe buffer a program may ask for: the kernel's default, 16 pages. */
#define GUARD_PIPE_MAX 65536

/* The guard on syscall `name` of ABI `a`, or NULL. */
const struct guard *guard_lookup(enum abi a, const char *name);

/*
 * The same by number, from a table: the tracer asks at every stop of an
 * allowed syscall, where comparing names showed in profiles.
 */
const struct guard *guard_of(enum abi a, long nr);

/* What guard_check() decided when it refuses. */
struct guard_refusal {
	bool kill;		/* RF rather than an errno */
	int err;
	char detail[128];
};

/*
 * Whether the call of task `t` with arguments `a` passes guard `g`; false
 * fills `r`.  `tt` is the program's task table: its tasks are the only ones
 * a call may name.
 */
bool guard_check(const struct guard *g, const struct tracee_table *tt, const struct tracee *t,
		 const uint64_t a[6], struct guard_refusal *r);

/* True when `pid` (> 0) is a task of the program; its tasks are all it may signal. */
bool guard_signal_target(const struct tracee_table *tt, const char *name, const uint64_t a[6]);

#endif
