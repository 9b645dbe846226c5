#ifndef JUDGE_REPORT_H
#define JUDGE_REPORT_H

#include <jansson.h>
#include <stdio.h>

#include "compile.h"
#include "grade_sheet.h"
#include "testrun.h"
#include "verdict.h"
#include "verify.h"

/*
 * A JSON string of s, with bytes that are not UTF-8 replaced by U+FFFD:
 * json_string() would return NULL and the field would vanish.
 */
json_t *report_string(const char *s);
/* The only producer of SPEC §3's result object. */
json_t *report_json(const struct result *r);
/* One line for people: "AC  cpu 12 ms  wall 15 ms  memory 1234 KiB  output 10 B  accepted". */
void report_line(FILE *f, const struct result *r);

/* A test's "stderr" {bytes, cut, excerpt} and, for WA, "diff" {token, line, column, ...}. */
json_t *report_excerpt(const struct excerpt *ex);

/* A score as JSON: a whole number as an integer, NAN as null. */
json_t *report_score(double v);

/*
 * SPEC §3: verdict, compile {status, message}, passed, total, tests [result
 * + name]; when scored, score, max_score and a scoring problem's groups
 * [{name, verdict, score, max_score}].
 */
json_t *report_testrun(const struct testrun *tr);
/* `judge test --json`: report_testrun() and the problem's name. */
json_t *report_test_json(const struct testrun *tr, const char *problem);

/* `judge compile --json`: verdict, the compiler's message, cpu_ms, wall_ms, memory_kb, policy. */
json_t *report_compile_json(const struct compile_result *cr, const char *policy);
/* `judge run --json` on a source that did not compile: verdict, message, compile {...}. */
json_t *report_run_compile_json(const struct compile_result *cr, const char *message);

/*
 * `judge grade`: one submission's object, the test run's with `source` and,
 * when the run gave none, `message` (the sheet's one-line summary).
 */
json_t *report_grade_testrun(const struct testrun *tr, const char *message, const char *source);
/* A source the judge could not build: its CE, no test passed. */
json_t *report_grade_ce(const char *message, size_t total, const char *source);
/* A submission whose worker died or was never reached: IE. */
json_t *report_grade_lost(const char *source, const char *why);
/* `judge grade --json`: the problem and each row's object with its student (taking them). */
json_t *report_grade_json(const char *problem, const struct grade_sheet *s);

/* `judge verify --json`: each submission's expected and actual verdicts, the skipped, the limits. */
json_t *report_verify_json(const char *problem, const struct verify *v, size_t matched,
			   size_t judged);

/* docs/schema/error.json: the error object of a command that was asked for JSON. */
json_t *report_error_json(const struct jerr *e, const char *line);

/* Prints j on one line of stdout and releases it. */
void report_print(json_t *j);

#endif
