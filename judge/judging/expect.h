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

/* "AC", "RE,MLE", "partial", "any (manual)": for tables. */
void expect_text(int set, char *buf, size_t len);

#endif
