#ifndef JUDGE_MULTIPASS_H
#define JUDGE_MULTIPASS_H

#include "checker.h"
#include "run.h"
#include "verdict.h"

/*
 * Multi-pass problems (Kattis 2023-07 "type: multi-pass"): a test may run
 * the program several times.  Pass 1 reads the test's input; after each
 * pass the output validator judges the output, and when it accepts and has
 * left nextpass.in in its feedback directory, the program runs again on that
 * file.  The feedback directory is the same for every pass of a test, so the
 * validator may keep notes there.  At most `passes` passes
 * (limits.validation_passes, 2 by default): a validator asking for one more
 * is the problem's fault, IE.
 */

#define MULTIPASS_DEFAULT_PASSES 2

struct multipass_spec {
	struct run_request *rq;		/* the program; stdin_path is set for each pass */
	const struct checker *chk;	/* the problem's Kattis output validator */
	const char *input, *answer;	/* the test's files */
	const char *scratch;		/* a private directory for feedback and outputs */
	int passes;			/* at most this many; <= 0: the default */
	const struct limits *lim;	/* each pass's own */
};

/*
 * Judges one test.  `res` is the first failing pass's result ("pass 2: ..."),
 * or the last pass's AC; its usage is the largest of any pass.  Returns the
 * number of passes run.
 */
int multipass_run(const struct multipass_spec *s, struct result *res);

#endif
