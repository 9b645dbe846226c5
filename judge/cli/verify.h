#ifndef JUDGE_VERIFY_H
#define JUDGE_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "submeta.h"
#include "verdict.h"

#define VERIFY_MAX_RULES 16

/*
 * What `judge verify` found for each submission of a package: the table,
 * the JUnit report and the JSON (report_verify_json()) are made from it.
 */

struct verify_entry {
	char *source;
	const char *shown;	/* source below submissions/, for the table */
	int expected;		/* expect.h: bit 1 << verdict, EXPECT_PARTIAL, EXPECT_MANUAL */
	char *skip;		/* why it was not judged; NULL when judged */
	enum verdict got;	/* under the time limit */
	enum verdict got_high;	/* under the higher limit, when it ran under one */
	bool high;		/* it ran under the higher limit */
	bool judged;
	bool ok;
	size_t passed, total;
	int64_t cpu_ms;
	char *message;
	bool scored;		/* the run had a score (a scoring problem) */
	double score, max_score;
	double score_high;	/* under the higher limit, when it ran under one */
	bool has_expected_score;	/* an @EXPECTED_SCORE@ line */
	double expected_score;
	/* from submissions.json and submissions/submissions.yaml (submeta.h) */
	const char *entry, *language;	/* NULL: found as for any submission */
	const struct submeta_rule *rules[VERIFY_MAX_RULES];	/* expectations besides the folder's */
	size_t n_rules;
	bool replaced;		/* a rule replaced the folder's own expectation */
	bool untimed;		/* use_for_time_limit: false */
	/*
	 * Its part in the time limit (submeta_bound()): lower, its tests bound
	 * the limit from below (an accepted/ source; in a 2023-07 package or by a
	 * submissions.yaml rule also wrong_answer/, run_time_error/, ...);
	 * upper, it must time out even under the limit x time_limit_to_tle.
	 */
	bool lower, upper;
	bool rule_lower;	/* lower by a rule, whose tests' times are lower_ms */
	int64_t lower_ms;	/* the slowest test a lower-bound rule applies to; -1 none */
	char *bound_why;	/* a bound not met, and why; NULL when met */
	bool rules_ok, rules_ok_high;	/* under the limit, and under the higher one */
	char *rules_why;	/* the first rule not met, and why */
};

struct verify {
	struct verify_entry *subs;
	size_t n;
	int64_t limit_ms, high_ms;	/* the time limit, and the higher one for failing submissions */
	const char *limit_from;		/* "command line", "package", "derived", "default" */
	int64_t slowest_ms;		/* derived: the slowest accepted submission */
	double multiplier;
	int64_t resolution_ms;		/* limits.time_resolution, else 1 s */
	bool format_2023;		/* names the multipliers as that format does */
};

#endif
