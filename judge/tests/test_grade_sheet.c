#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grade_sheet.h"
#include "html_report.h"
#include "util.h"

/*
 * The grade sheet holds students' text: names, messages, program output.
 * The CSV must not hand a spreadsheet a formula, and the HTML page must not
 * hand a browser markup.
 */

static char *captured(void (*fn)(FILE *, const void *), const void *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cr_assert_not_null(f);
	fn(f, arg);
	fclose(f);
	return buf;
}

static void escape(FILE *f, const void *s)
{
	html_escape(f, s);
}

Test(grade_sheet, html_escape_defuses_markup_and_controls)
{
	char *s = captured(escape, "<script>alert('x')</script>&\"\033[2J");

	cr_expect_str_eq(s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;?[2J");
	free(s);
}

Test(grade_sheet, student_from_file_or_folder)
{
	char *a = grade_student("class/alice.cpp"), *b = grade_student("class/bob/sol.cpp"),
	     *c = grade_student("Main.java");

	cr_expect_str_eq(a, "alice");
	cr_expect_str_eq(b, "bob");
	cr_expect_str_eq(c, "Main");
	free(a);
	free(b);
	free(c);
}

static char t1[] = "1", t2[] = "2", pname[] = "p";
static struct problem_test tests[] = { { .name = t1 }, { .name = t2 } };

static void csv(FILE *f, const void *arg)
{
	grade_sheet_csv(f, arg);
}

Test(grade_sheet, csv_row_and_no_formula)
{
	struct problem p = { .name = pname, .tests = tests, .n_tests = 2 };
	struct grade_row row;
	struct grade_sheet s = { .p = &p, .rows = &row, .n = 1 };
	json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:i,s:i,s:[{s:s,s:s,s:i,s:i}]}",
			      "source", "class/=HYPERLINK(1).c", "language", "c", "verdict", "WA",
			      "message", "=cmd|' /C calc'!A0", "passed", 1, "total", 2,
			      "tests", "name", "1", "verdict", "AC", "cpu_ms", 12, "memory_kb", 900);
	char *text;

	grade_row_fill(&row, j);
	text = captured(csv, &s);
	cr_expect(strstr(text, "student,source,language,verdict,score,passed,total,test 1,test 2,"
			 "max_time_ms,max_memory_kb,message,compile_error\r\n") == text, "%s", text);
	cr_expect_not_null(strstr(text, "\"'=HYPERLINK(1)\",class/=HYPERLINK(1).c,c,WA,50.0,1,2,AC,,12,900,"
				  "\"'=cmd|' /C calc'!A0\","), "%s", text);
	free(text);
	grade_row_free(&row);
}

static void page(FILE *f, const void *arg)
{
	html_report_write(f, arg);
}

/* The score chart is scaled by the problem's max score, not a fixed 0..100. */
Test(grade_sheet, html_chart_scales_by_max_score)
{
	struct problem p = { .name = pname, .tests = tests, .n_tests = 2 };
	struct grade_row row[2];
	struct grade_sheet s = { .p = &p, .rows = row, .n = 2 };
	char *text;

	grade_row_fill(&row[0], json_pack("{s:s,s:s,s:f,s:f,s:i,s:i,s:[]}", "source", "a.c",
					  "verdict", "AC", "score", 35.0, "max_score", 50.0,
					  "passed", 2, "total", 2, "tests"));
	grade_row_fill(&row[1], json_pack("{s:s,s:s,s:f,s:f,s:i,s:i,s:[]}", "source", "b.c",
					  "verdict", "AC", "score", 50.0, "max_score", 50.0,
					  "passed", 2, "total", 2, "tests"));
	cr_expect_float_eq(html_score_scale(&s), 50, 1e-9);
	text = captured(page, &s);
	cr_expect_not_null(strstr(text, "Scores out of 50."), "%s", text);
	/* 35 of 50 is the eighth bucket (>= 35), 50 the full score */
	cr_expect_not_null(strstr(text, "<span>\xe2\x89\xa5" "35<br>1</span>"), "%s", text);
	cr_expect_not_null(strstr(text, "<span>50<br>1</span>"), "%s", text);
	free(text);
	grade_row_free(&row[0]);
	grade_row_free(&row[1]);

	/* no max score: the percentage of tests passed, out of 100 */
	grade_row_fill(&row[0], json_pack("{s:s,s:s,s:i,s:i,s:[]}", "source", "a.c", "verdict", "WA",
					  "passed", 1, "total", 2, "tests"));
	s.n = 1;
	cr_expect_float_eq(html_score_scale(&s), 100, 1e-9);
	text = captured(page, &s);
	cr_expect_not_null(strstr(text, "<span>\xe2\x89\xa5" "50<br>1</span>"), "%s", text);
	free(text);
	grade_row_free(&row[0]);
}
