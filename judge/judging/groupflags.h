#ifndef JUDGE_GROUPFLAGS_H
#define JUDGE_GROUPFLAGS_H

#include <stddef.h>

#include "checker.h"
#include "problem.h"
#include "scoring.h"
#include "util.h"

/*
 * A Kattis package's test groups may each give the output validator flags
 * of their own (testdata.yaml's output_validator_flags, or 2023-07's
 * output_validator_args): a test's validator then gets problem.yaml's
 * validator_flags followed by its group's.  One checker is built per
 * distinct set of flags (the default validator reads them as its options,
 * a custom one gets them as arguments), and an interactor gets them too.
 */

struct groupflags_set {
	char **args;		/* problem.yaml's validator_flags, then the group's words */
	size_t n_args;
	struct checker chk;	/* built from them; unused for an interactive problem */
};

struct groupflags {
	struct groupflags_set *sets;
	size_t n_sets;
	long *of_test;		/* per test of the problem: its set, or -1 for the problem's own */
	size_t n_tests;
};

/*
 * Builds g for p.  `tree` is the package's groups when already read (a
 * scoring problem), else NULL and they are read here.  `base` is the
 * problem's own checker (CHECKER_KATTIS for a custom validator, else the
 * default validator's).  Nothing to do for a plain folder of tests or with
 * --checker.  0, or -1 with `err` (a bad testdata.yaml, flags the default
 * validator does not know).
 */
int groupflags_build(const struct problem *p, const struct score_tree *tree,
		     const struct checker *base, struct groupflags *g, struct jerr *err);
void groupflags_free(struct groupflags *g);

/* Test i's checker: its group's, or `base`. */
const struct checker *groupflags_checker(const struct groupflags *g, size_t i,
					 const struct checker *base);
/* Test i's validator arguments (an interactor's): its group's, or problem.yaml's. */
void groupflags_args(const struct groupflags *g, size_t i, const struct problem *p,
		     char *const **args, size_t *n);

#endif
