#include <criterion/criterion.h>
#include <signal.h>
#include <string.h>

#include "util.h"
#include "verdict.h"

/*
 * verdict_decide is pure, so each row is one outcome and usage and the one
 * verdict SPEC §3 gives for it: the first of RF, MLE, TLE, OLE, RE, WA.
 */

static const struct limits lim = { .cpu_ms = 1000, .wall_ms = 4000, .memory_kib = 65536,
				   .output_bytes = 1 << 20 };

/* Outcome flags, combined per row. */
enum {
	F_EXIT0 = 1 << 0,
	F_EXIT1 = 1 << 1,
	F_SIG = 1 << 2,
	F_RF = 1 << 3,
	F_MEM = 1 << 4,
	F_CPU = 1 << 5,
	F_WALL = 1 << 6,
	F_OUT = 1 << 7,
	F_IE = 1 << 8,
	F_JUDGE = 1 << 9,	/* the tracer's own CPU budget ran out */
};

struct vcase {
	unsigned flags;
	enum check_result check;
	enum verdict want;
	const char *limit;
};

static void build(unsigned flags, struct outcome *o)
{
	memset(o, 0, sizeof(*o));
	if (flags & F_EXIT0)
		o->exited = true;
	if (flags & F_EXIT1) {
		o->exited = true;
		o->exit_code = 1;
	}
	if (flags & F_SIG)
		o->signal = SIGSEGV;
	if (flags & F_RF) {
		o->rf = true;
		strcpy(o->sys.name, "socket");
		o->sys.nr = 41;
		o->sys.abi = ABI_X86_64;
	}
	o->mle = flags & F_MEM ? MLE_PEAK : MLE_NONE;
	o->cpu_exceeded = flags & F_CPU;
	o->wall_exceeded = flags & F_WALL;
	o->output_exceeded = flags & F_OUT;
	o->judge_exceeded = flags & F_JUDGE;
	o->judge_budget_ms = 2000;
	if (flags & F_IE) {
		o->ie = true;
		strcpy(o->ie_msg, "ptrace failed");
	}
}

Test(verdict, precedence_table)
{
	static const struct vcase cases[] = {
		{ F_EXIT0, CHECK_NONE, V_OK },
		{ F_EXIT0, CHECK_AC, V_AC },
		{ F_EXIT0, CHECK_WA, V_WA },
		{ F_EXIT0, CHECK_PE, V_WA },	/* a presentation error is a wrong answer */
		{ F_EXIT1, CHECK_NONE, V_RE },
		{ F_EXIT1, CHECK_WA, V_RE },	/* RE before WA */
		{ F_SIG, CHECK_NONE, V_RE },
		{ F_SIG | F_OUT, CHECK_NONE, V_OLE },	/* OLE before RE */
		{ F_EXIT0 | F_OUT, CHECK_WA, V_OLE },
		{ F_EXIT0 | F_OUT, CHECK_AC, V_OLE },
		{ F_OUT | F_CPU, CHECK_NONE, V_TLE, "cpu" },	/* TLE before OLE */
		{ F_OUT | F_WALL, CHECK_NONE, V_TLE, "wall" },
		{ F_CPU | F_WALL, CHECK_NONE, V_TLE, "cpu" },
		{ F_EXIT0 | F_CPU, CHECK_AC, V_TLE, "cpu" },
		/* the judge's budget is spent on the program's behalf: TLE, cpu */
		{ F_JUDGE, CHECK_NONE, V_TLE, "cpu" },
		{ F_JUDGE | F_WALL | F_OUT, CHECK_NONE, V_TLE, "cpu" },
		{ F_JUDGE | F_MEM, CHECK_NONE, V_MLE },
		{ F_MEM | F_CPU | F_OUT | F_SIG, CHECK_NONE, V_MLE },	/* MLE before TLE */
		{ F_MEM | F_EXIT0, CHECK_AC, V_MLE },
		{ F_RF | F_MEM | F_CPU | F_WALL | F_OUT | F_SIG, CHECK_NONE, V_RF },	/* RF first */
		{ F_RF | F_EXIT0, CHECK_AC, V_RF },
		/* the judge's own failure is never the program's verdict */
		{ F_IE | F_RF, CHECK_NONE, V_IE },
		{ F_IE | F_EXIT0, CHECK_AC, V_IE },
		{ F_EXIT0, CHECK_FAIL, V_IE },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct outcome o;
		struct usage u = { 0 };
		struct result r;

		build(cases[i].flags, &o);
		memset(&r, 0x5a, sizeof(r));
		r.layers = (struct sandbox_layers){ 0 };
		verdict_decide(&o, &u, &lim, cases[i].check, NULL, &r);
		cr_expect_eq(r.verdict, cases[i].want, "case %zu: %s, want %s (%s)", i,
			     verdict_name(r.verdict), verdict_name(cases[i].want), r.message);
		if (cases[i].limit)
			cr_expect(r.limit && strcmp(r.limit, cases[i].limit) == 0, "case %zu: limit %s", i,
				  r.limit ? r.limit : "(null)");
		else
			cr_expect_null(r.limit, "case %zu: limit %s", i, r.limit);
	}
}

/* Usage over a limit counts even when the tracer set no flag (a last sample). */
Test(verdict, usage_over_limits)
{
	struct {
		struct usage u;
		enum verdict want;
		const char *limit;
	} cases[] = {
		{ { .memory_kib = 65536 }, V_OK },	/* at the limit is within it */
		{ { .memory_kib = 65537 }, V_MLE },
		{ { .cpu_ns = 1000LL * 1000000 }, V_OK },
		{ { .cpu_ns = 1000LL * 1000000 + 1 }, V_TLE, "cpu" },
		{ { .wall_ns = 4000LL * 1000000 }, V_OK },
		{ { .wall_ns = 4000LL * 1000000 + 1 }, V_TLE, "wall" },
		{ { .output_bytes = 1 << 20 }, V_OK },
		{ { .output_bytes = (1 << 20) + 1 }, V_OLE },
		{ { .memory_kib = 1 << 20, .cpu_ns = 1LL << 40, .output_bytes = 1LL << 30 }, V_MLE },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct outcome o;
		struct result r = { 0 };

		build(F_EXIT0, &o);
		verdict_decide(&o, &cases[i].u, &lim, CHECK_NONE, NULL, &r);
		cr_expect_eq(r.verdict, cases[i].want, "case %zu: %s (%s)", i, verdict_name(r.verdict),
			     r.message);
		if (cases[i].limit)
			cr_expect_str_eq(r.limit ? r.limit : "", cases[i].limit, "case %zu", i);
	}
}

Test(verdict, messages)
{
	struct outcome o;
	struct usage u = { 0 };
	struct result r = { 0 };

	build(F_JUDGE, &o);
	u.stops = 1234;
	verdict_decide(&o, &u, &lim, CHECK_NONE, NULL, &r);
	cr_expect_str_eq(r.message, "the judge's own CPU time for this run exceeded its budget of "
			 "2000 ms (the program kept the tracer busy: 1234 syscall stops)");
	/* the program's own CPU limit, when both ran out, is what is said */
	build(F_JUDGE | F_CPU, &o);
	verdict_decide(&o, &u, &lim, CHECK_NONE, NULL, &r);
	cr_expect_str_eq(r.message, "CPU time limit 1000 ms exceeded");
	u.stops = 0;

	build(F_RF, &o);
	verdict_decide(&o, &u, &lim, CHECK_NONE, NULL, &r);
	cr_expect_str_eq(r.message, "forbidden syscall socket (x86_64 #41)");

	build(F_RF, &o);
	strcpy(o.sys.name, "openat");
	o.sys.nr = 257;
	strcpy(o.sys.detail, "/etc/passwd");
	verdict_decide(&o, &u, &lim, CHECK_NONE, NULL, &r);
	cr_expect_str_eq(r.message, "forbidden syscall openat (x86_64 #257): /etc/passwd");

	build(F_RF, &o);
	o.sys.abi = ABI_I386;
	o.sys.nr = 359;
	verdict_decide(&o, &u, &lim, CHECK_NONE, NULL, &r);
	cr_expect_str_eq(r.message, "forbidden syscall socket (i386 #359)");

	build(F_SIG, &o);
	verdict_decide(&o, &u, &lim, CHECK_NONE, NULL, &r);
	cr_expect_str_eq(r.message, "killed by signal 11 (SEGV)");

	build(F_EXIT0, &o);
	o.exit_code = 3;
	verdict_decide(&o, &u, &lim, CHECK_NONE, NULL, &r);
	cr_expect_str_eq(r.message, "exit code 3");

	build(F_CPU, &o);
	verdict_decide(&o, &u, &lim, CHECK_NONE, NULL, &r);
	cr_expect_str_eq(r.message, "CPU time limit 1000 ms exceeded");

	build(F_WALL, &o);
	verdict_decide(&o, &u, &lim, CHECK_NONE, NULL, &r);
	cr_expect_str_eq(r.message, "wall time limit 4000 ms exceeded");

	build(F_MEM, &o);
	verdict_decide(&o, &u, &lim, CHECK_NONE, NULL, &r);
	cr_expect_str_eq(r.message, "memory limit 65536 KiB exceeded");

	/* an allocation refused: the message names what was asked, not the small peak */
	build(F_EXIT0, &o);
	o.exit_code = 1;
	outcome_memory_exceeded(&o, MLE_ALLOCATION);
	o.refused_bytes = 8LL << 30;
	verdict_decide(&o, &u, &lim, CHECK_NONE, NULL, &r);
	cr_expect_str_eq(r.message, "memory limit 65536 KiB exceeded: an allocation of 8388608 KiB was refused");

	build(F_OUT, &o);
	verdict_decide(&o, &u, &lim, CHECK_NONE, NULL, &r);
	cr_expect_str_eq(r.message, "output limit 1048576 bytes exceeded");

	build(F_EXIT0, &o);
	verdict_decide(&o, &u, &lim, CHECK_WA, "line 2: expected 3, got 4", &r);
	cr_expect_str_eq(r.message, "wrong answer: line 2: expected 3, got 4");
	cr_expect_str_eq(r.feedback, "line 2: expected 3, got 4");

	build(F_EXIT0, &o);
	verdict_decide(&o, &u, &lim, CHECK_WA, NULL, &r);
	cr_expect_str_eq(r.message, "wrong answer");
	cr_expect_str_eq(r.feedback, "");

	build(F_EXIT0, &o);
	verdict_decide(&o, &u, &lim, CHECK_AC, NULL, &r);
	cr_expect_str_eq(r.message, "accepted");

	build(F_IE, &o);
	verdict_decide(&o, &u, &lim, CHECK_NONE, NULL, &r);
	cr_expect_str_eq(r.message, "internal error: ptrace failed");
}

Test(verdict, keeps_layers_and_copies_inputs)
{
	struct outcome o;
	struct usage u = { .cpu_ns = 5, .wall_ns = 6, .memory_kib = 7, .output_bytes = 8, .stops = 9 };
	struct result r = { 0 };

	build(F_EXIT0, &o);
	r.layers.mode = "seccomp";
	r.layers.landlock = 4;
	verdict_decide(&o, &u, &lim, CHECK_NONE, NULL, &r);
	cr_expect_str_eq(r.layers.mode, "seccomp");
	cr_expect_eq(r.layers.landlock, 4);
	cr_expect_eq(r.use.memory_kib, 7);
	cr_expect_eq(r.use.stops, 9);
	cr_expect(r.out.exited);
}

Test(verdict, exit_statuses)
{
	static const struct {
		enum verdict v;
		int status;
	} cases[] = {
		{ V_OK, 0 }, { V_AC, 0 }, { V_WA, 1 }, { V_TLE, 1 }, { V_MLE, 1 }, { V_OLE, 1 },
		{ V_RE, 1 }, { V_RF, 1 }, { V_CE, 1 }, { V_IE, 2 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_expect_eq(verdict_exit_status(cases[i].v), cases[i].status, "%s",
			     verdict_name(cases[i].v));
}

Test(verdict, names_round_trip)
{
	static const char *const names[] = { "OK", "AC", "WA", "TLE", "MLE", "OLE", "RE", "RF", "CE", "IE" };

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		int v = verdict_from_name(names[i]);

		cr_expect_geq(v, 0, "%s", names[i]);
		cr_expect_str_eq(verdict_name((enum verdict)v), names[i]);
	}
	cr_expect_eq(verdict_from_name("ok"), -1);
	cr_expect_eq(verdict_from_name(""), -1);
	cr_expect_eq(verdict_from_name("TLEX"), -1);
	cr_expect_str_eq(verdict_name((enum verdict)99), "IE");
}
