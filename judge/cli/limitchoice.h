#ifndef JUDGE_LIMITCHOICE_H
#define JUDGE_LIMITCHOICE_H

#include <stdbool.h>
#include <stdint.h>

#include "problem.h"
#include "testrun.h"
#include "util.h"

/*
 * The CPU-time limit `judge test` and `judge grade` judge under, chosen as a
 * judge would: the command line's -t, else the package's (limits.time_limit
 * or .timelimit), else Kattis's rule (timelimit.h) applied to the package's
 * own submissions/accepted/ sources, else LIMITS_DEFAULT_CPU_MS.
 *
 * Deriving means judging every accepted source, so the result is kept in
 * the user's cache ($XDG_CACHE_HOME/judge/time-limits/, else
 * ~/.cache/judge/...), never in the package, under a SHA-256 of everything
 * the timing depends on: the judge's version, the package's files, the
 * policies and the options that change how a program runs.  Any change to
 * those is a new key, so a stale limit is never reused; entries are
 * written to a temporary file and renamed, so concurrent judges never read
 * half of one.  `judge verify` stores what it derives there too.
 */
struct limitchoice {
	int64_t ms;
	const char *from;	/* "command line", "package", "derived", "default" */
	const char *why;	/* default: why nothing else applied */
	int64_t slowest_ms;	/* derived: the slowest accepted source's CPU time */
	double multiplier;	/* derived: the rule's multiplier */
	int64_t resolution_ms;	/* derived: rounded up to a multiple of this (limits.time_resolution) */
	bool cached;		/* derived: read from the cache, nothing was run */
	size_t n_accepted;	/* derived: accepted sources judged AC */
};

/*
 * Fills `c` for problem `p` judged with options `o`; `say` (may be NULL)
 * gets a line on what is being done while accepted sources run.  0, or -1
 * with `err` (bad input: an accepted source that cannot be judged).
 */
int limitchoice_decide(const struct problem *p, const struct testrun_opts *o,
		       void (*say)(const char *line), struct limitchoice *c, struct jerr *err);

/* Remembers a limit `judge verify` derived (best effort: a cache that cannot be written is skipped). */
void limitchoice_store(const struct problem *p, const struct testrun_opts *o, int64_t slowest_ms);

/* "1000 ms (derived: slowest accepted 120 ms x 5, rounded up to whole seconds; cached)". */
char *limitchoice_text(const struct limitchoice *c);

/* The options with the chosen limit in force (as if given with -t). */
void limitchoice_apply(const struct limitchoice *c, struct testrun_opts *o);

#endif
