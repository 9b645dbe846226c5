#ifndef JUDGE_LEARN_H
#define JUDGE_LEARN_H

#include <stdbool.h>
#include <stdint.h>

#include "abi.h"
#include "decide.h"
#include "policy.h"
#include "rules.h"
#include "syscalls.h"
#include "tracee.h"

/*
 * judge policy learn: what a trusted reference program did, seen from the
 * tracer's decision point.  The program runs in ptrace mode under a
 * learning policy (learn_policy_make) that lets nearly everything through
 * but still keeps the isolation: no network, no writes outside the work
 * directory, none of the calls that reach beyond the program (mount,
 * ptrace, modules...), and the view, Landlock and namespaces as for any
 * run.  learn_note records each syscall after it is decided; what the
 * records mean as a policy is the caller's business (cli/learned.c).
 */

struct learn {
	const struct policy *base;	/* what the learned policy will extend */
	const struct policy *learning;	/* what the run is under */
	unsigned count[ABI_COUNT][SYSCALLS_MAX];	/* times each syscall was made */
	int refused[ABI_COUNT][SYSCALLS_MAX];	/* the errno learning gave instead, or 0 */
	bool arg_refused[ABI_COUNT][SYSCALLS_MAX];	/* an argument base's rule would refuse */
	char *example[ABI_COUNT][SYSCALLS_MAX];	/* the first path or argument seen, or NULL */
	struct strlist read;	/* normalized paths read, each once, in order */
	struct strlist exec;	/* paths executed after the program's own start */
	bool wrote;		/* it created or changed files in its work directory */
	int processes, threads;	/* most alive at once */
	struct path_lists ro;	/* read = "/", nothing else: tells reads from writes */
};

/*
 * Turns a loaded policy `p` (base) into the learning policy: every syscall
 * with a path, exec, clone or signal rule keeps being checked by its rule
 * (so its arguments are seen, and writes stay in the work directory),
 * socket and the calls that reach beyond the program fail with an errno,
 * clone3 with ENOSYS as in every shipped policy, an argument rule that
 * fails a call with an errno stays as base has it, and the rest is allowed.
 * Files: read and exec anywhere, write only in {dir}.
 */
void learn_policy_make(struct policy *p);

void learn_init(struct learn *l, const struct policy *base, const struct policy *learning);
void learn_free(struct learn *l);

/* The hook: one syscall of task `t`, as decide_syscall decided it. */
void learn_note(struct learn *l, const struct tracee_table *tt, const struct tracee *t,
		enum abi a, long nr, const uint64_t args[6], const struct decision *d);

#endif
