#include <criterion/criterion.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

/*
 * report_json is the only producer of SPEC §3's object; each result is
 * dumped, parsed back with jansson, and checked key by key, so what is
 * tested is the text a script reads, not the in-memory tree.
 */

static const struct limits lim = { .cpu_ms = 1000, .wall_ms = 4000, .memory_kib = 262144,
				   .output_bytes = 64 << 20 };

static json_t *round_trip(const struct result *r)
{
	json_t *j = report_json(r), *back;
	json_error_t e;
	char *text;

	cr_assert_not_null(j);
	text = json_dumps(j, JSON_COMPACT);
	cr_assert_not_null(text);
	/* one line: `judge run --json` prints exactly one object */
	cr_expect_null(strchr(text, '\n'), "%s", text);
	back = json_loads(text, JSON_REJECT_DUPLICATES, &e);
	cr_assert_not_null(back, "%s: %s", text, e.text);
	free(text);
	json_decref(j);
	return back;
}

static void expect_int(json_t *o, const char *key, json_int_t want)
{
	json_t *v = json_object_get(o, key);

	cr_expect(json_is_integer(v), "%s is not an integer", key);
	if (json_is_integer(v))
		cr_expect_eq(json_integer_value(v), want, "%s = %lld, want %lld", key,
			     (long long)json_integer_value(v), (long long)want);
}

static void expect_null(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	cr_expect_not_null(v, "%s is missing", key);
	cr_expect(json_is_null(v), "%s is not null", key);
}

static void expect_str(json_t *o, const char *key, const char *want)
{
	json_t *v = json_object_get(o, key);

	cr_expect(json_is_string(v), "%s is not a string", key);
	if (json_is_string(v))
		cr_expect_str_eq(json_string_value(v), want, "%s", key);
}

/* Every key of SPEC §3 is present with the right type whatever the verdict. */
static void expect_shape(json_t *j)
{
	static const char *const ints[] = { "cpu_ms", "wall_ms", "memory_kb", "output_bytes" };

	cr_expect(json_is_object(j));
	cr_expect(json_is_string(json_object_get(j, "verdict")));
	for (size_t i = 0; i < ARRAY_SIZE(ints); i++) {
		json_t *v = json_object_get(j, ints[i]);

		cr_expect(json_is_integer(v), "%s", ints[i]);
		cr_expect_geq(json_integer_value(v), 0, "%s", ints[i]);
	}
	cr_expect(json_is_null(json_object_get(j, "exit_code")) ||
		  json_is_integer(json_object_get(j, "exit_code")));
	cr_expect(json_is_null(json_object_get(j, "signal")) ||
		  json_is_integer(json_object_get(j, "signal")));
	cr_expect(json_is_null(json_object_get(j, "syscall")) ||
		  json_is_object(json_object_get(j, "syscall")));
	cr_expect(json_is_string(json_object_get(j, "message")));
}

static void decide(struct outcome *o, struct usage *u, enum check_result c, struct result *r)
{
	memset(r, 0, sizeof(*r));
	verdict_decide(o, u, &lim, c, NULL, r);
}

Test(report, rf_names_the_syscall)
{
	struct outcome o = { 0 };
	struct usage u = { .cpu_ns = 1200000, .wall_ns = 3000000, .memory_kib = 512 };
	struct result r;
	json_t *j, *s;

	o.rf = true;
	strcpy(o.sys.name, "socket");
	o.sys.nr = 41;
	o.sys.abi = ABI_X86_64;
	decide(&o, &u, CHECK_NONE, &r);
	j = round_trip(&r);
	expect_shape(j);
	expect_str(j, "verdict", "RF");
	expect_int(j, "cpu_ms", 1);
	expect_int(j, "wall_ms", 3);
	expect_int(j, "memory_kb", 512);
	expect_int(j, "output_bytes", 0);
	expect_null(j, "exit_code");
	expect_null(j, "signal");
	s = json_object_get(j, "syscall");
	cr_assert(json_is_object(s));
	expect_str(s, "name", "socket");
	expect_int(s, "nr", 41);
	expect_str(s, "abi", "x86_64");
	expect_str(j, "message", "forbidden syscall socket (x86_64 #41)");
	json_decref(j);
}

Test(report, rf_in_other_abis)
{
	static const struct {
		enum abi abi;
		const char *name;
	} abis[] = { { ABI_I386, "i386" }, { ABI_X32, "x32" } };

	for (size_t i = 0; i < ARRAY_SIZE(abis); i++) {
		struct outcome o = { .rf = true };
		struct usage u = { 0 };
		struct result r;
		json_t *j;

		strcpy(o.sys.name, "socket");
		o.sys.nr = 359;
		o.sys.abi = abis[i].abi;
		decide(&o, &u, CHECK_NONE, &r);
		j = round_trip(&r);
		expect_str(json_object_get(j, "syscall"), "abi", abis[i].name);
		expect_int(json_object_get(j, "syscall"), "nr", 359);
		json_decref(j);
	}
}

Test(report, ok_has_exit_code_and_null_syscall)
{
	struct outcome o = { .exited = true };
	struct usage u = { .output_bytes = 6 };
	struct result r;
	json_t *j;

	decide(&o, &u, CHECK_NONE, &r);
	j = round_trip(&r);
	expect_shape(j);
	expect_str(j, "verdict", "OK");
	expect_int(j, "exit_code", 0);
	expect_null(j, "signal");
	expect_null(j, "syscall");
	expect_int(j, "output_bytes", 6);
	cr_expect_null(json_object_get(j, "limit"));
	json_decref(j);
}

Test(report, re_by_signal_and_by_exit)
{
	struct outcome o = { .signal = SIGSEGV };
	struct usage u = { 0 };
	struct result r;
	json_t *j;

	decide(&o, &u, CHECK_NONE, &r);
	j = round_trip(&r);
	expect_shape(j);
	expect_str(j, "verdict", "RE");
	expect_null(j, "exit_code");
	expect_int(j, "signal", 11);
	expect_null(j, "syscall");
	json_decref(j);

	o = (struct outcome){ .exited = true, .exit_code = 3 };
	decide(&o, &u, CHECK_NONE, &r);
	j = round_trip(&r);
	expect_str(j, "verdict", "RE");
	expect_int(j, "exit_code", 3);
	expect_null(j, "signal");
	json_decref(j);
}

Test(report, tle_names_the_limit)
{
	struct outcome o = { .cpu_exceeded = true };
	struct usage u = { .cpu_ns = 1010 * 1000000LL };
	struct result r;
	json_t *j;

	decide(&o, &u, CHECK_NONE, &r);
	j = round_trip(&r);
	expect_shape(j);
	expect_str(j, "verdict", "TLE");
	expect_str(j, "limit", "cpu");
	expect_int(j, "cpu_ms", 1010);
	/* killed by the judge: neither an exit code nor the program's signal */
	expect_null(j, "exit_code");
	expect_null(j, "signal");
	json_decref(j);

	o = (struct outcome){ .wall_exceeded = true };
	decide(&o, &u, CHECK_NONE, &r);
	j = round_trip(&r);
	/* cpu_ns over the limit too: cpu is reported first */
	expect_str(j, "limit", "cpu");
	json_decref(j);

	u.cpu_ns = 10;
	decide(&o, &u, CHECK_NONE, &r);
	j = round_trip(&r);
	expect_str(j, "limit", "wall");
	json_decref(j);
}

/* An MLE names the rule that fired; no other verdict carries the key. */
Test(report, mle_names_the_rule)
{
	static const struct {
		enum mle_rule rule;
		const char *name;
	} rules[] = {
		{ MLE_PEAK, "peak" }, { MLE_ALLOCATION, "allocation" },
		{ MLE_NEAR_LIMIT, "near_limit" }, { MLE_IMAGE, "image" },
		{ MLE_RUNTIME, "runtime" }, { MLE_CGROUP, "cgroup" },
	};
	struct outcome o;
	struct usage u = { 0 };
	struct result r;
	json_t *j;

	for (size_t i = 0; i < ARRAY_SIZE(rules); i++) {
		o = (struct outcome){ .signal = SIGKILL };
		outcome_memory_exceeded(&o, rules[i].rule);
		/* the first evidence is kept: a later rule does not rename it */
		outcome_memory_exceeded(&o, rules[i].rule == MLE_CGROUP ? MLE_PEAK : MLE_CGROUP);
		decide(&o, &u, CHECK_NONE, &r);
		j = round_trip(&r);
		expect_shape(j);
		expect_str(j, "verdict", "MLE");
		expect_str(j, "mle_rule", rules[i].name);
		json_decref(j);
	}

	/* no flag, but the last sample over the limit: the measured peak decided */
	o = (struct outcome){ .exited = true };
	u.memory_kib = lim.memory_kib + 1;
	decide(&o, &u, CHECK_NONE, &r);
	j = round_trip(&r);
	expect_str(j, "mle_rule", "peak");
	json_decref(j);

	u.memory_kib = lim.memory_kib;
	decide(&o, &u, CHECK_NONE, &r);
	j = round_trip(&r);
	expect_str(j, "verdict", "OK");
	cr_expect_null(json_object_get(j, "mle_rule"));
	json_decref(j);
}

Test(report, every_verdict_has_the_shape)
{
	static const enum check_result checks[] = { CHECK_NONE, CHECK_AC, CHECK_WA,
						     CHECK_FAIL };
	static const char *const want[] = { "OK", "AC", "WA", "IE" };

	for (size_t i = 0; i < ARRAY_SIZE(checks); i++) {
		struct outcome o = { .exited = true };
		struct usage u = { 0 };
		struct result r;
		json_t *j;

		decide(&o, &u, checks[i], &r);
		j = round_trip(&r);
		expect_shape(j);
		expect_str(j, "verdict", want[i]);
		expect_null(j, "syscall");
		json_decref(j);
	}
}

/* Milliseconds are rounded to nearest, not truncated. */
Test(report, ms_rounding)
{
	static const struct {
		int64_t ns;
		json_int_t ms;
	} cases[] = {
		{ 0, 0 }, { 499999, 0 }, { 500000, 1 }, { 1499999, 1 }, { 1500000, 2 },
		{ 1000000000LL, 1000 }, { 86400000LL * 1000000, 86400000 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct outcome o = { .exited = true };
		struct usage u = { .cpu_ns = cases[i].ns, .wall_ns = cases[i].ns };
		struct limits big = { 1LL << 40, 1LL << 40, 1LL << 40, 1LL << 40 };
		struct result r = { 0 };
		json_t *j;

		verdict_decide(&o, &u, &big, CHECK_NONE, NULL, &r);
		j = round_trip(&r);
		expect_int(j, "cpu_ms", cases[i].ms);
		expect_int(j, "wall_ms", cases[i].ms);
		json_decref(j);
	}
}

Test(report, strings_are_escaped)
{
	struct outcome o = { .rf = true };
	struct usage u = { 0 };
	struct result r;
	json_t *j;

	strcpy(o.sys.name, "openat");
	o.sys.nr = 257;
	strcpy(o.sys.detail, "/tmp/\"quoted\"\n\\x");
	decide(&o, &u, CHECK_NONE, &r);
	j = round_trip(&r);
	expect_str(j, "message", "forbidden syscall openat (x86_64 #257): /tmp/\"quoted\"\n\\x");
	json_decref(j);
}

Test(report, line_for_people)
{
	struct outcome o = { .exited = true };
	struct usage u = { .cpu_ns = 12000000, .wall_ns = 15000000, .memory_kib = 1234,
			   .output_bytes = 10 };
	struct result r;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cr_assert_not_null(f);
	decide(&o, &u, CHECK_AC, &r);
	report_line(f, &r);
	fclose(f);
	cr_expect_str_eq(buf, "AC  cpu 12 ms  wall 15 ms  memory 1234 KiB  output 10 B  accepted\n");
	free(buf);
}

/* A compiler's message quoting a source with invalid UTF-8 keeps its place in the JSON. */
Test(report, compile_message_not_utf8)
{
	char msg[] = "a.c:1:1: error: stray '\xff' in program";
	struct compile_result cr = { .verdict = V_CE, .message = msg, .cpu_ms = 5 };
	json_t *j = report_compile_json(&cr, "c");
	char *text = json_dumps(j, JSON_COMPACT);

	cr_assert_not_null(text);
	cr_expect_str_eq(json_string_value(json_object_get(j, "verdict")), "CE");
	cr_expect_str_eq(json_string_value(json_object_get(j, "message")),
			 "a.c:1:1: error: stray '\xef\xbf\xbd' in program");
	cr_expect_str_eq(json_string_value(json_object_get(j, "policy")), "c");
	cr_expect_eq(json_integer_value(json_object_get(j, "cpu_ms")), 5);
	free(text);
	json_decref(j);
}

/* `judge run` on a source that did not compile: the same message, under "compile". */
Test(report, run_compile_message_not_utf8)
{
	char msg[] = "a.c:1:1: error: stray '\xff' in program";
	struct compile_result cr = { .verdict = V_CE, .message = msg, .wall_ms = 7 };
	json_t *j = report_run_compile_json(&cr, "compilation failed");
	json_t *c = json_object_get(j, "compile");

	cr_expect_str_eq(json_string_value(json_object_get(j, "verdict")), "CE");
	cr_expect_str_eq(json_string_value(json_object_get(j, "message")), "compilation failed");
	cr_assert_not_null(c);
	cr_expect_str_eq(json_string_value(json_object_get(c, "status")), "CE");
	cr_expect_str_eq(json_string_value(json_object_get(c, "message")),
			 "a.c:1:1: error: stray '\xef\xbf\xbd' in program");
	cr_expect_eq(json_integer_value(json_object_get(c, "wall_ms")), 7);
	json_decref(j);
}
