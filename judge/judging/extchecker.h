#ifndef JUDGE_EXTCHECKER_H
#define JUDGE_EXTCHECKER_H

#include <stddef.h>

#include "checker.h"

/*
 * Runs a testlib checker or a Kattis output validator in a child with
 * limits; whatever goes wrong with it is CHECK_FAIL, explained in `fb`.
 * NULL paths are /dev/null.
 */
enum check_result extchecker_run(const struct checker *c, const char *input_path,
				 const char *output_path, const char *answer_path,
				 char *fb, size_t fl);

#endif
