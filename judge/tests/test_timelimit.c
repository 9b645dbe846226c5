#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "expect.h"
#include "timelimit.h"

/*
 * judge verify's rules, pure: what each submissions/ folder expects, and
 * Kattis's time limit for a package that gives none.
 */

#define B(v) (1 << (v))

Test(expect, kattis_run_time_error_accepts_mle)
{
	const struct expect_category *c = expect_category("run_time_error");

	cr_assert(c);
	cr_assert(expect_met(c->set, V_RE, 0, 3));
	cr_assert(expect_met(c->set, V_MLE, 0, 3));
	cr_assert(!expect_met(c->set, V_TLE, 0, 3));
	cr_assert(!expect_met(c->set, V_AC, 3, 3));
}

Test(expect, domjudge_folders)
{
	static const struct {
		const char *dir;
		enum verdict ok, bad;
	} rows[] = {
		{ "compiler_error", V_CE, V_RE },
		{ "no_output", V_WA, V_AC },
		{ "output_limit", V_OLE, V_WA },
		{ "accepted", V_AC, V_WA },
		{ "wrong_answer", V_WA, V_TLE },
		{ "time_limit_exceeded", V_TLE, V_RE },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct expect_category *c = expect_category(rows[i].dir);

		cr_assert(c, "%s", rows[i].dir);
		cr_assert(expect_met(c->set, rows[i].ok, 0, 1), "%s", rows[i].dir);
		cr_assert(!expect_met(c->set, rows[i].bad, 0, 1), "%s", rows[i].dir);
	}
	/* These say nothing alone: each source needs its marker. */
	cr_assert_eq(expect_category("multiple")->set, 0);
	cr_assert_eq(expect_category("mixed-verdicts")->set, 0);
	cr_assert_null(expect_category("no_such_folder"));
}

Test(expect, check_manually_takes_any_verdict)
{
	const struct expect_category *c = expect_category("check_manually");

	for (unsigned v = 0; v <= V_IE; v++)
		cr_assert(expect_met(c->set, (enum verdict)v, 0, 1));
}

Test(expect, partial_needs_some_but_not_all)
{
	int set = expect_category("partial")->set;

	cr_assert(expect_met(set, V_WA, 2, 5));
	cr_assert(!expect_met(set, V_WA, 0, 5));
	cr_assert(!expect_met(set, V_AC, 5, 5));
	cr_assert(!expect_met(set, V_CE, 0, 5));
	cr_assert(expect_met(set, V_TLE, 4, 5));
}

static char *marker_file(const char *text)
{
	static char path[] = "/tmp/judge-test-marker-XXXXXX";
	int fd;

	strcpy(path, "/tmp/judge-test-marker-XXXXXX");
	fd = mkstemp(path);
	cr_assert(fd >= 0);
	cr_assert(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	return path;
}

Test(expect, domjudge_markers)
{
	struct jerr err;
	char *p = marker_file("'''\n@EXPECTED_RESULTS@: TIMELIMIT,RUN-ERROR\n'''\n");

	cr_assert_eq(expect_read_marker(p, &err), B(V_TLE) | B(V_RE));
	unlink(p);
	p = marker_file("/* @EXPECTED_RESULTS@: CHECK-MANUALLY */\n");
	cr_assert_eq(expect_read_marker(p, &err), EXPECT_MANUAL);
	unlink(p);
	p = marker_file("int main;\n// @EXPECTED_RESULTS@: CORRECT, BOGUS\n");
	cr_assert_eq(expect_read_marker(p, &err), -1);
	cr_assert_eq(err.line, 2);
	cr_assert_eq(err.col, 33);
	unlink(p);
	p = marker_file("no marker at all\n");
	cr_assert_eq(expect_read_marker(p, &err), 0);
	unlink(p);
}

/* DOMjudge reads @EXPECTED_SCORE@ as its results tag too: verdicts there are a marker, not a score. */
Test(expect, domjudge_score_tag_with_verdicts)
{
	struct jerr err;
	double score = -1;
	char *p = marker_file("'''\n@EXPECTED_SCORE@: CORRECT\n'''\n");

	cr_assert_eq(expect_read_marker(p, &err), B(V_AC));
	cr_assert_eq(expect_read_score(p, &score, &err), 0);
	unlink(p);
	/* a number is a score, as before, and no marker */
	p = marker_file("// @EXPECTED_SCORE@: 70\n");
	cr_assert_eq(expect_read_marker(p, &err), 0);
	cr_assert_eq(expect_read_score(p, &score, &err), 1);
	cr_assert_eq(score, 70);
	unlink(p);
	/* @EXPECTED_RESULTS@ first, as DOMjudge looks for it first */
	p = marker_file("// @EXPECTED_RESULTS@: WRONG-ANSWER\n// @EXPECTED_SCORE@: CORRECT\n");
	cr_assert_eq(expect_read_marker(p, &err), B(V_WA));
	unlink(p);
	p = marker_file("// @EXPECTED_SCORE@: CORRECT, BOGUS\n");
	cr_assert_eq(expect_read_marker(p, &err), -1);
	cr_assert_eq(err.line, 1);
	cr_assert_eq(err.col, 31);
	unlink(p);
	/* a tag followed by prose is no marker: the next one is */
	p = marker_file("/* the @EXPECTED_RESULTS@: tag is below */\n// @EXPECTED_RESULTS@: TIMELIMIT\n");
	cr_assert_eq(expect_read_marker(p, &err), B(V_TLE));
	unlink(p);
	p = marker_file("/* the @EXPECTED_RESULTS@: tag is in expected_result.txt */\n");
	cr_assert_eq(expect_read_marker(p, &err), 0);
	unlink(p);
	p = marker_file("// @EXPECTED_SCORE@: 7o\n");
	cr_assert_eq(expect_read_score(p, &score, &err), -1);
	unlink(p);
}

Test(timelimit, slowest_times_multiplier_rounded_up_to_seconds)
{
	cr_assert_eq(timelimit_from_slowest(0, 5, 1000), 1000);	/* at least a second */
	cr_assert_eq(timelimit_from_slowest(118, 5, 1000), 1000);
	cr_assert_eq(timelimit_from_slowest(200, 5, 1000), 1000);	/* exactly 1 s stays 1 s */
	cr_assert_eq(timelimit_from_slowest(201, 5, 1000), 2000);
	cr_assert_eq(timelimit_from_slowest(1400, 2, 1000), 3000);
	/* 2023-07 limits.time_resolution: the smallest multiple of it */
	cr_assert_eq(timelimit_from_slowest(120, 2, 250), 250);
	cr_assert_eq(timelimit_from_slowest(125, 2, 250), 250);	/* exactly 250 stays */
	cr_assert_eq(timelimit_from_slowest(126, 2, 250), 500);
	cr_assert_eq(timelimit_from_slowest(0, 2, 100), 100);	/* at least one step */
	{
		char buf[48];

		cr_assert_str_eq(timelimit_rounding_text(1000, buf, sizeof(buf)), "whole seconds");
		cr_assert_str_eq(timelimit_rounding_text(250, buf, sizeof(buf)), "a multiple of 250 ms");
	}
	cr_assert_eq(timelimit_high(1000, 2), 2000);
	cr_assert_eq(timelimit_high(3000, 1.5), 4500);
}

Test(timelimit, format_defaults_and_overrides)
{
	struct problem p;
	double m, s;

	memset(&p, 0, sizeof(p));
	timelimit_rules(&p, &m, &s);
	cr_assert(m == 5 && s == 2, "legacy: %g %g", m, s);
	p.format_2023 = true;
	timelimit_rules(&p, &m, &s);
	cr_assert(m == 2 && s == 1.5, "2023-07: %g %g", m, s);
	p.time_multiplier = 3;
	p.time_safety_margin = 4;
	timelimit_rules(&p, &m, &s);
	cr_assert(m == 3 && s == 4);
}

/* A run under a 2 s limit, re-read under 1 s: the first test over 1 s is TLE. */
Test(timelimit, verdict_at_the_lower_limit)
{
	struct testrun_test tests[3];
	struct testrun tr = { .verdict = V_MLE, .total = 3, .tests = tests };

	memset(tests, 0, sizeof(tests));
	tr.comp.verdict = V_OK;
	for (int i = 0; i < 3; i++)
		tests[i].ran = true;
	tests[0].res.verdict = V_AC;
	tests[0].res.use.cpu_ns = 100000000LL;
	tests[1].res.verdict = V_AC;
	tests[1].res.use.cpu_ns = 1500000000LL;
	tests[2].res.verdict = V_MLE;
	tests[2].res.use.cpu_ns = 300000000LL;
	cr_assert_eq(timelimit_verdict_at(&tr, 1000), V_TLE);
	cr_assert_eq(timelimit_verdict_at(&tr, 2000), V_MLE);
	tests[1].res.use.cpu_ns = 900000000LL;
	cr_assert_eq(timelimit_verdict_at(&tr, 1000), V_MLE);
	tr.comp.verdict = V_CE;
	tr.verdict = V_CE;
	cr_assert_eq(timelimit_verdict_at(&tr, 1000), V_CE);
}
