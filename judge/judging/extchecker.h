#ifndef JUDGE_EXTCHECKER_H
#define JUDGE_EXTCHECKER_H

#include <stdbool.h>
#include <stddef.h>

#include "checker.h"

/*
 * Runs a testlib checker or a Kattis output validator in a child with
 * limits; whatever goes wrong with it is CHECK_FAIL, explained in `fb`.
 * NULL paths are /dev/null.  `score` (may be NULL) gets what checker.h's
 * struct check_score describes.
 */
enum check_result extchecker_run(const struct checker *c, const char *input_path,
				 const char *output_path, const char *answer_path,
				 char *fb, size_t fl, struct check_score *score);

/* Pure: a score as a checker writes it ("20", " 0.5\n"); false when it is not one number. */
bool extchecker_parse_score(const char *text, size_t n, double *score);

/* Pure: testlib's partial points from its exit code and output, or false. */
bool extchecker_testlib_points(int exit_code, const char *capture, size_t n, double *score);

#endif
