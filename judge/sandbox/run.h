#ifndef JUDGE_RUN_H
#define JUDGE_RUN_H

#include <stdbool.h>

#include "meter.h"
#include "output.h"
#include "plan.h"
#include "verdict.h"

/*
 * One run of one program under a policy: the whole data flow
 * policy -> plan -> launch -> trace loop -> measurements, in one place.
 * run_plan (plan.c) decides everything that can be decided before anything
 * runs; run_execute carries a plan out.  Checking the output and deciding
 * the verdict is the caller's next step.
 */

struct run_result {
	struct outcome o;
	struct usage u;
	struct output out;	/* the program's stdout and stderr; caller closes */
	struct sandbox_layers layers;
};

/*
 * A plan kept between the runs of one program on many inputs (the tests
 * of one source): they differ only in stdin, and planning (finding the
 * program, reading its ELF headers, expanding and walking the policy's
 * paths for the view and Landlock, and freeing all that again) is most of
 * what a run costs in the judge besides the launch itself.  The plan is
 * reused only when everything it was made from is the same: the policy,
 * limits, mode, argv, work directory and placeholders, the host's layers,
 * and the program file (device, inode, size, modification and change
 * time).  A run with its own {tmp}, a file_io file (made anew per test),
 * --trace or policy learn plans afresh.  Zero-initialised; the owner
 * calls run_keep_free() when its runs are done.
 */
struct run_keep {
	bool valid;
	char *key;		/* what the plan was made from, as text */
	struct run_plan plan;
	unsigned reused;	/* runs that did not plan (for the tests) */
};

void run_keep_free(struct run_keep *k);

/*
 * Returns 0 with `rr` filled (an internal failure is an IE outcome, not -1),
 * or -1 with `err` for bad input: a program that cannot be found, is not
 * executable, or is built for another machine, or a work directory where
 * the policy's {tmp} cannot be made.  A policy naming {tmp} gets a fresh
 * one, removed when the run ends.
 */
int run_program(const struct run_request *rq, struct run_result *rr, struct jerr *err);

/*
 * Carries out a plan made from the same request: opens the input, the
 * outputs and the trace log, creates the cgroup, launches and traces.
 * Returns as run_program does.
 */
int run_execute(const struct run_request *rq, const struct run_plan *p, struct run_result *rr,
		struct jerr *err);

/* What this machine offers a run, probed now. */
struct run_host run_host_probe(void);
/* Whether runs get the root-only layers (namespaces, uid drop, cgroup). */
bool run_root_layers(void);

/* Whether this kernel lets a process install a seccomp filter. */
bool run_seccomp_available(void);

#endif
