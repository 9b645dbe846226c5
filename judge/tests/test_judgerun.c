#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "judgerun.h"

/*
 * judgerun_decide(): every run's verdict, interactive or not, is decided
 * there.  Each row is a program's end and the checker's (or interactor's)
 * word, with the verdict that must come out.
 */

struct row {
	const char *why;
	bool interactive, interactor_first;
	enum check_result cs;
	int exit_code, sig;
	bool cpu_exceeded, rf;
	enum verdict want;
};

static const struct row rows[] = {
	{ "interactor accepted, program ended well", true, false, CHECK_AC, 0, 0, false, false, V_AC },
	{ "program gave up after the interactor had rejected it", true, true, CHECK_WA, 1, 0, false, false, V_WA },
	{ "program failed before the interactor ended", true, false, CHECK_WA, 1, 0, false, false, V_RE },
	{ "SIGPIPE: the interactor had gone", true, false, CHECK_WA, 0, SIGPIPE, false, false, V_WA },
	{ "interactor broke after the program's RE", true, true, CHECK_FAIL, 1, 0, false, false, V_IE },
	/* Kattis (problemtools' guess_tle.cc): rejected first, then spun: WA, not TLE. */
	{ "the interactor's rejection came first", true, true, CHECK_WA, 0, SIGKILL, true, false, V_WA },
	{ "out of time before the interactor ended", true, false, CHECK_WA, 0, SIGKILL, true, false, V_TLE },
	{ "accepted, then spun", true, true, CHECK_AC, 0, SIGKILL, true, false, V_TLE },
	{ "accepted, then crashed", true, true, CHECK_AC, 0, SIGABRT, false, false, V_RE },
	{ "a forbidden syscall is never excused", true, true, CHECK_WA, 0, SIGKILL, false, true, V_RF },
	/* The same evidence without an interactor: the program's own failure stands. */
	{ "not interactive: RE stands", false, true, CHECK_WA, 1, 0, false, false, V_RE },
	{ "not interactive: TLE stands", false, true, CHECK_WA, 0, SIGKILL, true, false, V_TLE },
	{ "not interactive: SIGPIPE is RE", false, false, CHECK_WA, 0, SIGPIPE, false, false, V_RE },
	{ "not interactive: rejected", false, false, CHECK_WA, 0, 0, false, false, V_WA },
	{ "not interactive: no answer", false, false, CHECK_NONE, 0, 0, false, false, V_OK },
};

static void decide(const struct row *w, struct result *r)
{
	static const struct limits l = { .cpu_ms = 1000, .wall_ms = 4000, .memory_kib = 1 << 18,
					 .output_bytes = 1 << 20 };
	struct outcome o = { .exited = !w->sig, .exit_code = w->exit_code, .signal = w->sig,
			     .cpu_exceeded = w->cpu_exceeded, .rf = w->rf };
	struct usage u = { 0 };
	struct judge_evidence ev = {
		.o = &o, .u = &u, .layers = { .mode = "ptrace" }, .cs = w->cs, .feedback = "said so",
		.interactive = w->interactive, .interactor_first = w->interactor_first,
	};

	memset(r, 0xa5, sizeof(*r));	/* nothing of the caller's may survive */
	judgerun_decide(&ev, &l, r);
}

Test(judgerun, decide_interactive_and_not)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct result r;

		decide(&rows[i], &r);
		cr_expect_eq(r.verdict, rows[i].want, "%s: got %s (%s)", rows[i].why,
			     verdict_name(r.verdict), r.message);
		cr_expect_str_eq(r.layers.mode, "ptrace", "%s: the layers are kept", rows[i].why);
	}
}

Test(judgerun, interactive_wa_says_why_and_drops_the_limit)
{
	struct result r;

	decide(&rows[5], &r);
	cr_assert_eq(r.verdict, V_WA);
	cr_expect_null(r.limit, "the excused TLE leaves no limit behind");
	cr_expect_str_eq(r.message, "wrong answer: said so");
	cr_expect_str_eq(r.feedback, "said so");
}

Test(judgerun, interactor_failure_after_re_is_ie)
{
	struct result r;

	decide(&rows[4], &r);
	cr_assert_eq(r.verdict, V_IE);
	cr_expect_str_eq(r.message, "interactor failed: said so");
}

Test(judgerun, interactive_tle_keeps_its_limit)
{
	struct result r;

	decide(&rows[6], &r);
	cr_assert_eq(r.verdict, V_TLE);
	cr_expect_str_eq(r.limit, "cpu");
}
