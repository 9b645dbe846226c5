#ifndef JUDGE_TESTDATA_H
#define JUDGE_TESTDATA_H

#include <stddef.h>

#include "problem.h"
#include "scoring.h"
#include "util.h"

/*
 * The test groups of a Kattis package and their testdata.yaml (SPEC §5):
 * on_reject, grading, grader_flags, accept_score, reject_score, range, and
 * output_validator_flags (or output_validator_args), which groupflags.h
 * hands to the validator.  A group without a testdata.yaml of its own takes
 * its closest ancestor's as a whole, as the format says; keys another
 * format version defines (input validators' flags, ...) are known and not read; any
 * other key is an error naming the file, the key, its line and column.
 */

/*
 * Parses one testdata.yaml's text; `file` names it in errors.  *c starts
 * from scoring_defaults().  0, or -1 with `err`.
 */
int testdata_parse(const char *file, const char *text, size_t len, struct score_config *c,
		   struct jerr *err);

/*
 * Every group of p (data/, then each folder that holds tests, and the
 * folders between) with the testdata.yaml in force for it.  0, or -1 with
 * `err`; `t` needs scoring_tree_free() either way.
 */
int testdata_load(const struct problem *p, struct score_tree *t, struct jerr *err);

#endif
