#ifndef JUDGE_JUDGERUN_H
#define JUDGE_JUDGERUN_H

#include <stdbool.h>
#include <stddef.h>

#include "checker.h"
#include "interact.h"
#include "run.h"
#include "verdict.h"

/*
 * One run judged: run the program, check its output when it ended cleanly,
 * decide the verdict (SPEC §3).  `judge run`, every test of `judge test`,
 * `judge grade`, `judge verify` and the worker, each pass of a multi-pass
 * test, every interactive run and the unit tests' harness all come here, and
 * every verdict of a run is decided by judgerun_decide().
 */

/* What a run's output is checked against; no answer, no check. */
struct judge_check {
	const struct checker *chk;
	const char *input;	/* the test's input, for an external checker; NULL = /dev/null */
	const char *answer;	/* NULL: nothing to check */
	/*
	 * Where an external checker's copy of the output is written; NULL
	 * means a fresh file in $TMPDIR (or /tmp).
	 */
	const char *scratch;
	/*
	 * The file the program writes its answer to (a problem's file_io), to
	 * check instead of its stdout; output_name is how the problem names it.
	 */
	const char *output_file;
	const char *output_name;
};

/* Whether the program ended so that its output is worth checking. */
bool judgerun_ended_cleanly(const struct outcome *o);

/*
 * Checks the output in `out_fd` (a run's memory file).  Built-in checkers
 * read it in place; an external checker gets a real file, since it cannot
 * inherit the judge's descriptors.  `fb` receives the checker's feedback.
 */
enum check_result judgerun_check(const struct judge_check *jc, int out_fd, char *fb, size_t fl,
				 struct check_score *score);

/*
 * What a verdict is decided from, however the program ran.  An interactive
 * run's checker is its interactor, which judges while the program runs.
 */
struct judge_evidence {
	const struct outcome *o;	/* how the program ended */
	const struct usage *u;
	struct sandbox_layers layers;
	enum check_result cs;		/* CHECK_NONE: the output was not checked */
	const char *feedback;		/* the checker's message; may be NULL */
	bool interactive;		/* the checker was an interactor talking to the program */
	bool interactor_first;		/* interactive: it ended before the program did */
};

/*
 * Pure: the verdict of one run, by SPEC §3's precedence (verdict_decide())
 * and, for an interactive run, Kattis's rule that an interactor which ended
 * first and rejected gives WA whatever the program did next (interact.h).
 */
void judgerun_decide(const struct judge_evidence *ev, const struct limits *lim, struct result *res);

/*
 * Runs `rq`, checks the output against `jc` (may be NULL) when the program
 * ended cleanly, and decides `res` under `lim`.  The output stays open in
 * rr->out for the caller, who closes it with output_close().  Returns -1,
 * with `err` set and nothing left open, when the program could not be run.
 */
int judgerun(const struct run_request *rq, const struct limits *lim, const struct judge_check *jc,
	     struct run_result *rr, struct result *res, struct jerr *err);

/*
 * An interactive run judged: interact_run(), then judgerun_decide().  Returns
 * -1 with `err` set, as interact_run() does, when the program could not be run.
 */
int judgerun_interactive(const struct interact_spec *s, const struct limits *lim,
			 struct result *res, struct jerr *err);

#endif
