#ifndef JUDGE_HTML_REPORT_H
#define JUDGE_HTML_REPORT_H

#include <stdio.h>

#include "grade_sheet.h"

/*
 * judge grade --html FILE: one self-contained page (no script at all, no
 * external font or style): the students x tests matrix coloured by verdict,
 * the score distribution, time and memory per test against the limits, and
 * each student's feedback (compile error, first differences, stderr) in a
 * <details> one click away.  Every text that may come from a student (names,
 * messages, program output) is HTML-escaped: a program that prints
 * "<script>" shows those characters, it does not add a script.
 */

/* Writes the page.  0, or -1 on a write error. */
int html_report_write(FILE *f, const struct grade_sheet *s);

/*
 * The top of the score chart's scale: the problem's max score as the runs
 * report it (a scoring problem's groups), else 100, the percentage of tests
 * passed (or the highest score, when a checker's points go past it).
 */
double html_score_scale(const struct grade_sheet *s);

/* Writes s with & < > " ' escaped. */
void html_escape(FILE *f, const char *s);

#endif
