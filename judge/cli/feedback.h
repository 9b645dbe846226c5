#ifndef JUDGE_FEEDBACK_H
#define JUDGE_FEEDBACK_H

#include <stdbool.h>
#include <stdio.h>

#include "excerpt.h"
#include "testrun.h"

/*
 * What the table of `judge test` cannot hold, printed under it for the
 * tests that failed: where the output first differs from the answer (the
 * answer's line and the output's line, with their line and column), and the
 * head and tail of what the program wrote on stderr.
 */

/* The block for one test, indented; nothing when there is nothing to show. */
void feedback_print_test(FILE *f, const char *name, const struct result *r,
			 const struct excerpt *ex);

/* The blocks of the first `max` tests that are not AC. */
void feedback_print(FILE *f, const struct testrun *tr, size_t max);

/* Text for a JUnit detail or an HTML page: the checker's message, diff and stderr; caller frees. */
char *feedback_text(const struct result *r, const struct excerpt *ex);

#endif
