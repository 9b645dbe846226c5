#ifndef JUDGE_DECIDE_H
#define JUDGE_DECIDE_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "abi.h"
#include "policy.h"
#include "rules.h"
#include "tracee.h"

/*
 * The tracer half of a policy: what to do with one syscall that stopped in
 * the tracer.  The same function serves both modes, so a syscall gets the
 * same answer whether seccomp sent it here or ptrace stopped on everything.
 */
struct decide_ctx {
	const struct policy *pol;
	const struct path_lists *paths;
	struct tracee_table *tt;
};

enum decision_kind {
	DECIDE_ALLOW,
	DECIDE_ERRNO,		/* skip the syscall; it returns -err */
	DECIDE_KILL,		/* RF */
};

struct decision {
	enum decision_kind kind;
	int err;
	bool watch_exit;	/* a large allocation: the tracer wants to see its result */
	uint64_t watch_len;	/* with watch_exit: the bytes it asks for */
	char detail[PATH_MAX + 64];	/* the path or reason that decided, for RF and --trace */
};

void decide_syscall(const struct decide_ctx *c, struct tracee *t, enum abi a, long nr,
		    const uint64_t args[6], struct decision *d);

#endif
