#ifndef JUDGE_INTERACT_H
#define JUDGE_INTERACT_H

#include <stdbool.h>
#include <stddef.h>

#include "run.h"
#include "verdict.h"

/*
 * Interactive problems (Kattis "validation: custom interactive"): the
 * problem's interactor talks to the program over two pipes, the program's
 * stdout being the interactor's stdin and the other way round.
 *
 *   interactor input answer feedback_dir [flags]   trusted, under rlimits
 *   program                                        sandboxed like any run
 *
 * The interactor's exit status is the checker's word (42 AC, 43 WA, anything
 * else IE); the program's own failures (RF, MLE, TLE, OLE, RE) come first,
 * as on a real judge, except an RE after the interactor had already ended
 * (or one by SIGPIPE, which says as much): that is the consequence of the
 * interactor's rejection or breakage (EOF, a closed pipe), so WA or IE stands.
 * judgerun_interactive() runs a test so and judgerun_decide() applies that rule.
 */

struct interact_spec {
	const struct run_request *rq;	/* the program; rq->stdin_path is not used */
	const char *interactor;		/* an executable (trusted_prepare) */
	char *const *args;		/* after the three standard ones: validator_flags */
	size_t n_args;
	const char *input, *answer;	/* the test's files, for the interactor only */
	const char *scratch;		/* a private directory: the feedback dir goes there */
};

struct interact_result {
	struct outcome o;		/* the program's */
	struct usage u;
	struct sandbox_layers layers;
	enum check_result cs;		/* the interactor's word */
	bool interactor_first;		/* it ended before the program did */
	char feedback[1024];		/* judgemessage.txt, or why the interactor failed */
	bool has_score;			/* accepted with a score.txt, as an output validator's */
	double score;
};

/* How long an interactor may outlive the program before it is killed (IE). */
#define INTERACT_GRACE_MS 3000

/*
 * How long a program may outlive an interactor that rejected it before it
 * is stopped: its verdict is the interactor's WA whatever it does next, so
 * it is not left to run out its limit; this long, a program that reads the
 * EOF ends by itself, with its own status and times.
 */
#define INTERACT_STOP_MS 100

/*
 * Runs one test, deciding nothing.  Returns 0 with `ir` filled (the judge's own failures are an
 * IE outcome), or -1 with `err` for bad input: a program that cannot be
 * found or run on this machine.
 */
int interact_run(const struct interact_spec *s, struct interact_result *ir, struct jerr *err);

#endif
