#ifndef JUDGE_EXPECT_H
#define JUDGE_EXPECT_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"
#include "verdict.h"

/*
 * What a problem package says each of its submissions should get, for
 * `judge verify`: the folder it sits in under submissions/ (Kattis's and
 * DOMjudge's names), or an @EXPECTED_RESULTS@ marker line in the source.
 * An expectation is a bit set: bit v for each acceptable enum verdict, plus
 * the two rules below that no single verdict expresses.
 */

#define EXPECT_PARTIAL	(1 << 29)	/* not accepted, yet some tests passed */
#define EXPECT_MANUAL	(1 << 30)	/* DOMjudge check_manually: judged, any verdict stands */

struct expect_category {
	const char *dir;	/* the folder's name under submissions/ */
	int set;		/* what it expects; 0: only a marker can say */
};

/* Every folder name known, in the order verify judges them: accepted/ first. */
extern const struct expect_category expect_categories[];
extern const size_t expect_n_categories;

/* The category named `dir`, or NULL. */
const struct expect_category *expect_category(const char *dir);

/*
 * The verdicts a source's marker allows: 0 when it has none, -1 with `err`
 * (line and column of the bad word) when it names an unknown verdict.
 * Verdicts are ours (AC, WA, ...), DOMjudge's (CORRECT, WRONG-ANSWER,
 * TIMELIMIT, RUN-ERROR, NO-OUTPUT, CHECK-MANUALLY, ...) or category names.
 */
int expect_read_marker(const char *path, struct jerr *err);

/*
 * Pure: whether a submission that got `v` with `passed` of `total` tests
 * passed (all its tests run, not stopped at the first failure, when the set
 * holds EXPECT_PARTIAL) meets the expectation.
 */
bool expect_met(int set, enum verdict v, size_t passed, size_t total);

/*
 * A scoring problem's expected score, from an "@EXPECTED_SCORE@: 70" line in
 * the source: 1 with *score set, 0 when there is none, -1 with `err` (line
 * and column) when what follows is not a number.
 */
int expect_read_score(const char *path, double *score, struct jerr *err);

/*
 * Pure: expect_met() for a scoring problem, where the verdict is the root
 * group's (scoring.h) and a score comes with it.  accepted/ must get AC with
 * the full score (max_score, when known); partially_accepted/ and partial/
 * AC with less (or, as DOMjudge means partial/, some tests passed, not all);
 * `expected` (may be NULL) is the source's @EXPECTED_SCORE@, which must
 * then match too.
 */
bool expect_met_scored(int set, enum verdict v, size_t passed, size_t total, double score,
		       double max_score, const double *expected);

/* "AC", "RE,MLE", "partial", "any (manual)": for tables. */
void expect_text(int set, char *buf, size_t len);

#endif
