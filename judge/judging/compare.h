#ifndef JUDGE_COMPARE_H
#define JUDGE_COMPARE_H

#include <stddef.h>

#include "checker.h"

/*
 * The built-in comparisons (tokens, exact, lines, float) of the output file
 * with the answer file; the first difference is described in `fb`.
 */
enum check_result compare_run(const struct checker *c, const char *output_path,
			      const char *answer_path, char *fb, size_t fl);

#endif
