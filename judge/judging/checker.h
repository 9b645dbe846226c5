#ifndef JUDGE_CHECKER_H
#define JUDGE_CHECKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"
#include "verdict.h"

/*
 * Deciding whether a program's output is right (SPEC §2 --checker, §5).
 * Built-in comparisons run in the judge; external checkers are the problem
 * setter's programs, trusted but not trusted to behave: they run in a child
 * with limits, and whatever goes wrong with them is CHECK_FAIL (IE), never AC.
 */

enum checker_kind {
	CHECKER_TOKENS,		/* whitespace-separated tokens must be equal */
	CHECKER_EXACT,		/* byte for byte */
	CHECKER_LINES,		/* line by line, trailing blanks and blank lines ignored */
	CHECKER_FLOAT,		/* tokens, numbers within a tolerance */
	CHECKER_TESTLIB,	/* program input output answer: 0 AC, 1 WA, 2 PE */
	CHECKER_KATTIS,		/* program input answer feedback_dir < output: 42 AC, 43 WA */
};

struct checker {
	enum checker_kind kind;
	double eps;		/* CHECKER_FLOAT from float:EPS: absolute OR relative tolerance */
	double abs_eps, rel_eps;	/* Kattis float tolerances; <0 = unset; either set overrides eps */
	bool case_sensitive;	/* tokens: true; Kattis default validator: false unless flagged */
	bool space_sensitive;	/* Kattis space_change_sensitive: whitespace runs must match */
	char program[4096];	/* TESTLIB / KATTIS: absolute path of the checker executable */
	char **args;		/* extra arguments after the standard ones; owned */
	size_t n_args;
	int64_t time_ms;	/* the checker's CPU limit; its wall limit is twice this */
	int64_t memory_kib;	/* its address-space limit; <= 0 = unlimited */
	const char *feedback_dir;	/* KATTIS: this directory, kept afterwards (multi-pass);
					 * NULL: a fresh one per run, removed */
};

#define CHECKER_TIME_MS 10000
#define CHECKER_MEMORY_KIB (1024 * 1024)

/*
 * "tokens" | "exact" | "lines" | "float:EPS" | PATH (testlib style) |
 * "testlib:PATH" | "kattis:PATH".  Returns 0, or -1 with `err` naming the
 * option (--checker) and the bad value.  The result needs checker_free().
 */
int checker_parse(const char *spec, struct checker *out, struct jerr *err);

/*
 * The Kattis default validator configured by its validator_flags, already
 * split into words: case_sensitive, space_change_sensitive, float_tolerance
 * EPS, float_absolute_tolerance EPS, float_relative_tolerance EPS.  Unknown
 * flags and bad numbers are errors (key "validator_flags").
 */
int checker_from_kattis_flags(char *const *flags, size_t n, struct checker *out, struct jerr *err);

/*
 * An external checker of `kind` (CHECKER_TESTLIB or CHECKER_KATTIS) at
 * `program`, given `args` after the standard arguments (for a Kattis output
 * validator, the problem's validator_flags).  -1 with `err` naming the
 * program when it is missing or not executable.
 */
int checker_external(enum checker_kind kind, const char *program, char *const *args, size_t n,
		     struct checker *out, struct jerr *err);

/*
 * Compares the output with the answer.  Built-in checkers read both files
 * (mapped, never copied per token) and ignore input_path.  External checkers
 * get the three paths (NULL = /dev/null).  `feedback` (may be NULL) receives a
 * one-paragraph, printable UTF-8 explanation, truncated to feedback_len:
 * where a built-in comparison found the first difference; the testlib
 * checker's stdout and stderr; the Kattis validator's judgemessage.txt; or,
 * for CHECK_FAIL, why the checker failed.
 */
enum check_result checker_run(const struct checker *c, const char *input_path, const char *output_path,
			      const char *answer_path, char *feedback, size_t feedback_len);

/*
 * A score a checker gave besides its word (scoring problems, SPEC §5): a
 * Kattis validator's score.txt when it accepts; a testlib checker's partial
 * points, quitp() (exit 7, "points X" in its output) or _pc(N) (exit 16 + N,
 * N up to 100), which count as accepted with that score.
 */
struct check_score {
	bool given;
	double value;
};

/* checker_run, and the score when `score` is not NULL.  A score.txt that is not a number is CHECK_FAIL. */
enum check_result checker_run_scored(const struct checker *c, const char *input_path,
				     const char *output_path, const char *answer_path, char *feedback,
				     size_t feedback_len, struct check_score *score);

/* "NONE", "AC", "WA", "PE", "FAIL". */
const char *checker_result_name(enum check_result r);

void checker_free(struct checker *c);

#endif
