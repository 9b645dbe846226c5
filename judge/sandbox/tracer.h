#ifndef JUDGE_TRACER_H
#define JUDGE_TRACER_H

#include <stdbool.h>
#include <stdio.h>

#include "decide.h"
#include "launch.h"
#include "learn.h"
#include "meter.h"
#include "tracee.h"
#include "verdict.h"

/*
 * The trace loop.  It waits for any task of the program, turns the wait
 * status into one trace_event, and acts on it.  A 10 ms timer interrupts the
 * wait so CPU time, wall time and memory are checked between stops too.
 */
struct tracer_config {
	const struct decide_ctx *dc;	/* dc->tt is the task table the loop keeps */
	struct limits lim;
	bool trace_syscalls;	/* no seccomp filter: PTRACE_SYSCALL, two stops a syscall */
	bool every_syscall;	/* ptrace mode: every syscall stops (filter or PTRACE_SYSCALL) */
	bool mem_data;		/* RLIMIT_DATA rather than RLIMIT_AS bounds memory */
	int64_t mem_rlimit_kib;	/* the rlimit the child got */
	FILE *log;		/* --trace, or NULL */
	struct learn *learn;	/* judge policy learn: every decision is recorded, or NULL */
};

/*
 * The CPU time the tracer may spend on one run, in ms.  A program that makes
 * it work (paths to resolve, stops by the thousand) would otherwise run
 * unbilled, so the tracer's time is limited too: the CPU limit plus 1 s in
 * seccomp mode; in ptrace mode, where every syscall stops and a
 * syscall-bound program costs the tracer about 3 times its own time, 4 times
 * the CPU limit plus 1 s.  Past it the run ends as TLE (limit "cpu"), with a
 * message naming the judge's time.
 */
int64_t tracer_judge_budget_ms(const struct limits *l, bool every_syscall);

/*
 * Runs until every task of the program is gone.  Fills `o` and `u` (cpu,
 * wall, memory, stops, judge_cpu); never returns before the whole tree is dead.
 */
void tracer_run(const struct tracer_config *cfg, const struct launch *l,
		struct outcome *o, struct usage *u);

#endif
