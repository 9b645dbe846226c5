#ifndef JUDGE_SCORING_H
#define JUDGE_SCORING_H

#include <stdbool.h>
#include <stddef.h>

#include "verdict.h"

/*
 * Kattis's default grader (SPEC §5, scoring problems): the test data is a
 * tree of groups (data/, data/sample/, data/secret/ and every folder below),
 * and each group's result is computed from its items (its own tests and its
 * subgroups, in natural order of their names) as its testdata.yaml says
 * (testdata.h reads it):
 *
 *   on_reject      break: items after the first rejected one do not count;
 *                  continue: every item counts
 *   verdict mode   worst_error (first of IE, RF, RE, MLE, TLE, OLE, WA among
 *                  the items), first_error, always_accept;
 *                  accept_if_any_accepted: AC when any item is
 *   score mode     sum, avg, min, max of the items' scores; a test scores
 *                  its validator's score.txt (or testlib points), else
 *                  accept_score when accepted, reject_score when not
 *   ignore_sample  the root's result is secret's alone
 *
 * Subtasks (IOI, DMOJ batches) are groups with accept_score = their points
 * and grader_flags: min (all or nothing), under a secret/ that sums them
 * with on_reject: continue and accept_if_any_accepted.  A submission's score
 * is the root's when the root is accepted, else 0, as Kattis reports it.
 *
 * Everything here is pure: no I/O, so the unit tests drive it with tables.
 */

enum score_verdict_mode { SCORE_WORST_ERROR, SCORE_FIRST_ERROR, SCORE_ALWAYS_ACCEPT };
enum score_aggregate { SCORE_SUM, SCORE_AVG, SCORE_MIN, SCORE_MAX };

struct score_config {
	bool on_reject_continue;
	enum score_verdict_mode vmode;
	enum score_aggregate agg;
	bool ignore_sample, accept_if_any;
	double accept_score, reject_score;
	double range_min, range_max;	/* -inf / +inf when not given */
	/*
	 * Not about scores, but given per group in the same file: its
	 * output_validator_flags (legacy) or output_validator_args (2023-07),
	 * words separated by spaces; "" when none.
	 */
	char validator_flags[512];
};

/* accept 1, reject 0, on_reject break, worst_error, sum, range -inf..+inf. */
void scoring_defaults(struct score_config *c);

struct score_group {
	char *name;			/* "" for data/ itself, "sample", "secret/group1" */
	long parent;			/* index in the tree's groups, -1 for the root */
	struct score_config cfg;
};

/* The root first, then each group after its parent. */
struct score_tree {
	struct score_group *groups;
	size_t n_groups;
};

/* What one test gave. */
struct score_input {
	const char *group;		/* its group's name ("secret/group1") */
	const char *name;		/* its own name, for ordering ("secret/group1/02") */
	bool judged;			/* false: not run (compile error, interrupted) */
	enum verdict verdict;
	bool has_score;			/* score.txt or testlib points */
	double score;
};

struct score_group_result {
	bool judged;			/* any of its items was judged */
	enum verdict verdict;
	double score;
	double max_score;		/* every test accepted at accept_score, or the range's top */
	/*
	 * Its score fell outside the range its testdata.yaml declares: a
	 * judge error (IE), as Kattis counts it; the range is kept to say so.
	 */
	bool out_of_range;
	double range_min, range_max;
};

/*
 * Grades every group of `t` from the tests' results; out[] gets one entry
 * per group, in t's order.  *score is the root's score when the root is
 * accepted, else 0; *max_score what a submission accepted on every test
 * would get.  Returns the root's verdict (AC when nothing was judged).
 */
enum verdict scoring_grade(const struct score_tree *t, const struct score_input *in, size_t n,
			   struct score_group_result *out, double *score, double *max_score);

/* Kattis's order of badness: 0 for AC, higher is worse. */
int scoring_badness(enum verdict v);

void scoring_tree_free(struct score_tree *t);

#endif
