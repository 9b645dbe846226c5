#ifndef JUDGE_PROBLEM_H
#define JUDGE_PROBLEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/*
 * The tests of a problem for `judge test` (SPEC §5), found on disk and put in
 * the order they run.  Nothing here runs or compiles anything.
 */

struct problem_test {
	char *name;	/* relative to the test root, no extension: "sample/1", "group1/03" */
	char *input;	/* problem root joined with NAME.in: open()-able as is */
	char *answer;	/* NAME.ans, or NAME.out when there is no .ans */
	char *group;	/* directory part of name ("sample", "secret/g1", "group1"), "" at top level */
};

enum problem_format {
	PROBLEM_DIR,	/* NAME.in + NAME.ans|NAME.out pairs anywhere below the root */
	PROBLEM_KATTIS,	/* problem.yaml, data/sample/, data/secret/, output_validators/ */
};

struct problem {
	enum problem_format format;
	char *root;			/* the directory as given, without trailing '/' */
	char *name;			/* problem.yaml "name", else the directory's basename */
	struct problem_test *tests;	/* Kattis: data/sample, then data/secret */
	size_t n_tests;
	int64_t time_ms;		/* -1 = unset; Kattis: .timelimit, else limits.time_limit */
	int64_t memory_kib;		/* -1 = unset; limits.memory (MiB in the file) */
	int64_t output_bytes;		/* -1 = unset; limits.output (MiB in the file) */
	/* Kattis time-limit rules for a package that gives no limit (timelimit.h); 0 = the format's default */
	double time_multiplier;		/* limits.time_multiplier, time_multipliers.ac_to_time_limit */
	double time_safety_margin;	/* limits.time_safety_margin, time_multipliers.time_limit_to_tle */
	double time_resolution;		/* limits.time_resolution (2023-07), seconds; 0 = 1 s */
	bool format_2023;		/* problem_format_version 2023-07 or later */
	bool interactive;		/* validation: custom interactive */
	bool multi_pass;		/* type: multi-pass (the validator may ask for another pass) */
	bool scoring;			/* type: scoring: test groups graded as testdata.yaml says */
	bool score_min;			/* grading.objective: min (lower scores are better) */
	int validation_passes;		/* limits.validation_passes: most passes per test (default 2) */
	char *warnings;			/* problem.yaml keys of another format version, one per line; or NULL */
	bool custom_validation;		/* validation: custom (also set when interactive) */
	char *validator_dir;		/* output_validators/<its one entry>, or NULL */
	char **validator_flags;		/* validator_flags split on whitespace; a YAML list item is one flag */
	size_t n_validator_flags;
	char *checker;			/* plain folder: root/checker, or root/checker.<ext> source; else NULL */
	/*
	 * file_io.input / file_io.output: the program reads its input from, or
	 * writes its output to, this file of its work directory (a bare name,
	 * "input.txt"), as olympiad problems ask; NULL: stdin / stdout.
	 */
	char *io_input;
	char *io_output;
};

/*
 * Loads the problem at `path`.  Returns 0, or -1 with `err` naming the file,
 * the problem.yaml key and line:col where they apply; on -1 `out` holds
 * nothing to free (problem_free() on it is still harmless).
 *
 * Directory symlinks below the root are not followed, so a link back up the
 * tree cannot loop; file symlinks are followed.  Hidden entries are skipped.
 */
int problem_load(const char *path, struct problem *out, struct jerr *err);
void problem_free(struct problem *p);

#endif
