#ifndef JUDGE_OUTCOME_H
#define JUDGE_OUTCOME_H

#include <stdbool.h>
#include <stdint.h>

#include "abi.h"

/*
 * The evidence that a run went over its memory limit, named in the result
 * ("mle_rule"): the kernel's rlimit, the tracer and the cgroup each see a
 * different symptom of the one cause, and a report should say which fired.
 */
enum mle_rule {
	MLE_NONE,
	MLE_PEAK,		/* "peak": the resident peak measured over the limit */
	MLE_ALLOCATION,		/* "allocation": a large allocation the tracer watched failed (ENOMEM) */
	MLE_NEAR_LIMIT,		/* "near_limit": died abnormally within 16 MiB of the memory rlimit */
	MLE_IMAGE,		/* "image": the program's image alone is larger than the limit */
	MLE_RUNTIME,		/* "runtime": the runtime's own out-of-memory exit code (the JVM's) */
	MLE_CGROUP,		/* "cgroup": the run's cgroup reached memory.max */
};

/* What the tracer saw happen, before any judgement. */
struct outcome {
	bool exited;		/* exit_code is valid */
	int exit_code;
	int signal;		/* killed by this signal, not sent by the judge; 0 if none */
	bool rf;		/* a forbidden syscall; `sys` names it */
	struct {
		char name[64];
		long nr;
		enum abi abi;
		uint64_t args[6];
		char detail[320];	/* the path or reason that decided */
	} sys;
	bool cpu_exceeded, wall_exceeded, output_exceeded;
	enum mle_rule mle;	/* MLE_NONE, or the first memory evidence (outcome_memory_exceeded) */
	int64_t refused_bytes;	/* MLE_ALLOCATION: the size of the allocation refused */
	bool judge_exceeded;	/* the tracer's own CPU time passed judge_budget_ms */
	int64_t judge_budget_ms;
	bool ie;		/* the judge failed; ie_msg says how */
	char ie_msg[384];
};

#endif
