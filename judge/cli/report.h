#ifndef JUDGE_REPORT_H
#define JUDGE_REPORT_H

#include <jansson.h>
#include <stdio.h>

#include "compile.h"
#include "testrun.h"
#include "verdict.h"

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

/* SPEC §3: verdict, compile {status, message}, passed, total, tests [result + name]. */
json_t *report_testrun(const struct testrun *tr);

/* `judge compile --json`: verdict, the compiler's message, cpu_ms, wall_ms, memory_kb, policy. */
json_t *report_compile_json(const struct compile_result *cr, const char *policy);

#endif
