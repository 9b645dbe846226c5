#ifndef JUDGE_GRADE_SHEET_H
#define JUDGE_GRADE_SHEET_H

#include <jansson.h>
#include <stdio.h>

#include "problem.h"
#include "meter.h"

/*
 * judge grade's sheet: one row per submission, read from the submission's
 * grade.json object (the one thing a --jobs worker sends back), and what is
 * made of the rows: the CSV a teacher opens in a spreadsheet and the
 * summary line.  Everything here may hold text from students' programs.
 */

struct grade_row {
	json_t *j;		/* the submission's object; owned */
	const char *source, *language, *verdict, *message;	/* in j; "" when absent */
	char *student;
	double score;		/* 0..100: j's "score" when given, else passed / total */
	long passed, total;
	long cpu_ms, memory_kb;	/* the maxima over its tests */
	char *compile_error;	/* CE: the head of the compiler's message, one line; else "" */
};

struct grade_sheet {
	const struct problem *p;
	struct limits lim;
	struct grade_row *rows;
	size_t n;
};

/* Who handed it in: the file's name without extension, or its folder's for sol.*, main.*, Main.*. */
char *grade_student(const char *source);
/* Fills a row from its object (taking it). */
void grade_row_fill(struct grade_row *r, json_t *j);
void grade_row_free(struct grade_row *r);
/* The object of test `name` in the row's tests, NULL when it did not run. */
json_t *grade_row_test(const struct grade_row *r, const char *name);
/* One line on what went wrong in test `t`: the first difference, else stderr's last line; caller frees. */
char *grade_test_hint(const json_t *t);

/* The CSV (RFC 4180, CRLF).  0, or -1 on a write error. */
int grade_sheet_csv(FILE *f, const struct grade_sheet *s);
/* "12 of 30 AC, average score 71.4, slowest: alice.cpp (812 ms)" */
void grade_sheet_summary(FILE *f, const struct grade_sheet *s);

#endif
