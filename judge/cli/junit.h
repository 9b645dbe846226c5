#ifndef JUDGE_JUNIT_H
#define JUDGE_JUNIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

/*
 * JUnit XML for CI systems (--report junit FILE): one <testsuite> per
 * problem, one <testcase> per test.  A test that is not AC carries a
 * <failure> (or <error> for IE) whose type is the verdict and whose message
 * is the verdict's message; a test that did not run is <skipped>.
 */

enum junit_status { JUNIT_PASS, JUNIT_FAILURE, JUNIT_ERROR, JUNIT_SKIPPED };

struct junit_case {
	const char *name;
	enum junit_status status;
	const char *type;	/* the verdict: "WA", "TLE", ... */
	const char *message;	/* one line */
	const char *detail;	/* element text: feedback, compiler output; may be NULL */
	double seconds;
};

/* A <property> of the suite besides the source: a scoring problem's score and groups. */
struct junit_property {
	const char *name, *value;
};

struct junit_suite {
	const char *name;	/* the problem */
	const char *source;	/* the submission, recorded as a property; may be NULL */
	const struct junit_property *props;
	size_t n_props;
	const struct junit_case *cases;
	size_t n;
};

/*
 * Writes the document.  Text is escaped for XML; bytes that are not valid
 * UTF-8 and characters XML 1.0 forbids (most C0 controls) become U+FFFD, so
 * any message gives a well-formed file.  0, or -1 on a write error.
 */
int junit_print(FILE *f, const struct junit_suite *s);

/* Writes the document to `path` through a temporary file and rename(). */
int junit_write(const char *path, const struct junit_suite *s, struct jerr *err);

#endif
