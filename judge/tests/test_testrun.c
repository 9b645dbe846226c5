#include <criterion/criterion.h>
#include <fcntl.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "problem.h"
#include "report.h"
#include "testrun.h"
#include "trusted.h"
#include "util.h"

/*
 * testrun end to end, without a compiler in the way: the "language" is a
 * policy written here whose run command is /usr/bin/cat (output = input) or
 * /usr/bin/false, so a test's verdict is set by its .ans file alone.  Each
 * test works in its own directory, which is TMPDIR too.
 */

static char dir[64];

static void setup(void)
{
	strcpy(dir, "/tmp/judge-test-testrun-XXXXXX");
	cr_assert(mkdtemp(dir), "mkdtemp");
	setenv("TMPDIR", dir, 1);
}

static void teardown(void)
{
	util_remove_tree(dir);
}

TestSuite(testrun, .init = setup, .fini = teardown);

static char *path(const char *rel)
{
	static char buf[8][PATH_MAX];
	static unsigned which;

	which = (which + 1) % 8;
	snprintf(buf[which], sizeof(buf[which]), "%s/%s", dir, rel);
	return buf[which];
}

/* Writes dir/rel, making its directories. */
static void put(const char *rel, const char *text, mode_t mode)
{
	char *p = path(rel);
	FILE *f;

	for (char *s = strchr(p + strlen(dir) + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		mkdir(p, 0755);
		*s = '/';
	}
	f = fopen(p, "w");
	cr_assert(f, "cannot write %s", p);
	fputs(text, f);
	fclose(f);
	chmod(p, mode);
}

/* A policy running `prog`, with what GNU cat needs beyond base. */
static const char *policy(const char *name, const char *prog)
{
	char rel[64], text[512];

	snprintf(rel, sizeof(rel), "%s.json", name);
	snprintf(text, sizeof(text),
		 "{\"extends\": \"base\", \"description\": \"unit test\", \"extensions\": [\"txt\"],\n"
		 " \"run\": [\"%s\"], \"allow\": [\"fadvise64\", \"copy_file_range\"],\n"
		 " \"files\": {\"exec\": [\"%s\"]}}\n", prog, prog);
	put(rel, text, 0644);
	return path(rel);
}

/* Three tests: the middle one's answer differs from its input. */
static void plain_problem(void)
{
	put("p/1.in", "alpha\n", 0644);
	put("p/1.ans", "alpha\n", 0644);
	put("p/2.in", "beta\n", 0644);
	put("p/2.ans", "gamma\n", 0644);
	put("p/10.in", "delta\n", 0644);
	put("p/10.ans", "delta\n", 0644);
	put("src.txt", "not compiled\n", 0644);
}

static void opts(struct testrun_opts *o, const char *pol)
{
	memset(o, 0, sizeof(*o));
	o->policies_dir = harness_policies_dir();
	o->policy = pol;
	o->mode = run_seccomp_available() ? RUN_SECCOMP : RUN_PTRACE;
	o->jobs = 1;
	/* generous: the unit tests run two at a time */
	o->lim = (struct limits){ .cpu_ms = 5000, .memory_kib = 256 * 1024, .output_bytes = 1 << 20 };
	o->time_set = true;
}

static void load(const char *rel, struct problem *p)
{
	struct jerr err;
	char buf[1024];

	if (problem_load(path(rel), p, &err) < 0) {
		jerr_format(&err, buf, sizeof(buf));
		cr_assert_fail("problem_load: %s", buf);
	}
}

/* Prepares and judges src.txt on problem `rel`; the caller frees tr. */
static void judge(const char *rel, const struct testrun_opts *o, struct testrun *tr)
{
	struct problem p;
	struct testrun_ctx ctx;
	struct jerr err;
	char buf[1024];

	load(rel, &p);
	if (testrun_prepare(&p, o, &ctx, &err) < 0) {
		jerr_format(&err, buf, sizeof(buf));
		cr_assert_fail("testrun_prepare: %s", buf);
	}
	if (testrun_source(&ctx, path("src.txt"), tr, &err) < 0) {
		jerr_format(&err, buf, sizeof(buf));
		cr_assert_fail("testrun_source: %s", buf);
	}
	testrun_ctx_free(&ctx);
	/* test names point into the problem: keep it for the caller's asserts */
	for (size_t i = 0; i < tr->total; i++)
		tr->tests[i].name = xstrdup(tr->tests[i].name);
	problem_free(&p);
}

static void done(struct testrun *tr)
{
	for (size_t i = 0; i < tr->total; i++)
		free((char *)tr->tests[i].name);
	testrun_free(tr);
}

/* ==== Limits ==== */

Test(testrun, limits_command_line_then_problem_then_defaults)
{
	struct testrun_opts o = { 0 };
	struct problem p = { .time_ms = 2000, .memory_kib = 512 * 1024, .output_bytes = -1 };
	struct limits l;

	testrun_limits(&o, &p, &l);
	cr_expect_eq(l.cpu_ms, 2000, "the problem's time");
	cr_expect_eq(l.wall_ms, 7000, "wall = 3 x time + 1000");
	cr_expect_eq(l.memory_kib, 512 * 1024);
	cr_expect_eq(l.output_bytes, 64LL << 20, "SPEC's default when the problem has none");

	o.lim = (struct limits){ .cpu_ms = 300, .wall_ms = 900, .memory_kib = 1024, .output_bytes = 10 };
	o.time_set = o.memory_set = true;
	testrun_limits(&o, &p, &l);
	cr_expect_eq(l.cpu_ms, 300, "-t beats the problem");
	cr_expect_eq(l.wall_ms, 1900, "wall follows the time actually used");
	cr_expect_eq(l.memory_kib, 1024);
	cr_expect_eq(l.output_bytes, 64LL << 20, "-o was not given");

	o.wall_set = o.output_set = true;
	testrun_limits(&o, &p, &l);
	cr_expect_eq(l.wall_ms, 900, "-w beats the derived wall limit");
	cr_expect_eq(l.output_bytes, 10);

	testrun_limits(&(struct testrun_opts){ 0 }, NULL, &l);
	cr_expect_eq(l.cpu_ms, 1000);
	cr_expect_eq(l.wall_ms, 4000);
	cr_expect_eq(l.memory_kib, 256 * 1024);
}

/* ==== Aggregation ==== */

static struct testrun fake(const enum verdict *v, size_t n, struct testrun_test *t)
{
	struct testrun tr = { .total = n, .tests = t, .comp = { .verdict = V_OK } };

	for (size_t i = 0; i < n; i++) {
		memset(&t[i], 0, sizeof(t[i]));
		t[i].ran = true;
		t[i].res.verdict = v[i];
		t[i].res.use.cpu_ns = (int64_t)(i + 1) * 10000000;
		t[i].res.use.memory_kib = 100 * (int64_t)(3 - i);
	}
	return tr;
}

Test(testrun, aggregate_first_failure_wins)
{
	static const enum verdict v[] = { V_AC, V_TLE, V_WA, V_AC };
	struct testrun_test t[4];
	struct testrun tr = fake(v, 4, t);

	testrun_aggregate(&tr, false);
	cr_expect_eq(tr.verdict, V_TLE, "the first non-AC test's verdict, not the worst");
	cr_expect_eq(tr.passed, 2);
	cr_expect_eq(tr.n_ran, 4);
	cr_expect_eq(tr.first_fail, 1);
	cr_expect_eq(tr.max_cpu_ms, 40);
	cr_expect_eq(tr.max_memory_kib, 300);
}

Test(testrun, aggregate_fail_fast_drops_later_results)
{
	static const enum verdict v[] = { V_AC, V_RE, V_AC, V_WA };
	struct testrun_test t[4];
	struct testrun tr = fake(v, 4, t);

	/* what --jobs can leave: tests after the failure finished in parallel */
	testrun_aggregate(&tr, true);
	cr_expect_eq(tr.verdict, V_RE);
	cr_expect_eq(tr.n_ran, 2);
	cr_expect_eq(tr.passed, 1);
	cr_expect(!t[2].ran && !t[3].ran);
	cr_expect_eq(tr.max_cpu_ms, 20, "maxima over the kept tests only");
}

Test(testrun, aggregate_all_ac_compile_error_and_missing)
{
	static const enum verdict ac[] = { V_AC, V_AC };
	struct testrun_test t[2];
	struct testrun tr = fake(ac, 2, t);

	testrun_aggregate(&tr, false);
	cr_expect_eq(tr.verdict, V_AC);
	cr_expect_eq(tr.first_fail, -1);

	t[1].ran = false;
	testrun_aggregate(&tr, false);
	cr_expect_eq(tr.verdict, V_IE, "a test that never ran cannot make the source AC");

	tr = fake(ac, 2, t);
	tr.comp.verdict = V_CE;
	t[0].ran = t[1].ran = false;
	testrun_aggregate(&tr, false);
	cr_expect_eq(tr.verdict, V_CE);
	cr_expect_eq(tr.passed, 0);
}

/* ==== Whole runs ==== */

Test(testrun, runs_every_test_in_natural_order)
{
	struct testrun_opts o;
	struct testrun tr;

	plain_problem();
	opts(&o, policy("cat", "/usr/bin/cat"));
	judge("p", &o, &tr);
	cr_assert_eq(tr.total, 3);
	cr_expect_str_eq(tr.tests[0].name, "1");
	cr_expect_str_eq(tr.tests[1].name, "2");
	cr_expect_str_eq(tr.tests[2].name, "10");
	cr_expect_eq(tr.comp.verdict, V_OK);
	cr_expect_eq(tr.tests[0].res.verdict, V_AC, "%s", tr.tests[0].res.message);
	cr_expect_eq(tr.tests[1].res.verdict, V_WA, "%s", tr.tests[1].res.message);
	cr_expect_eq(tr.tests[2].res.verdict, V_AC, "%s", tr.tests[2].res.message);
	cr_expect_eq(tr.verdict, V_WA);
	cr_expect_eq(tr.passed, 2);
	cr_expect_eq(tr.n_ran, 3);
	cr_expect(strstr(tr.tests[1].res.feedback, "gamma"), "feedback: %s", tr.tests[1].res.feedback);
	done(&tr);
}

Test(testrun, fail_fast_stops_at_the_first_failure)
{
	struct testrun_opts o;
	struct testrun tr;

	plain_problem();
	opts(&o, policy("cat", "/usr/bin/cat"));
	o.fail_fast = true;
	judge("p", &o, &tr);
	cr_expect_eq(tr.verdict, V_WA);
	cr_expect_eq(tr.n_ran, 2);
	cr_expect(tr.tests[0].ran && tr.tests[1].ran && !tr.tests[2].ran);
	cr_expect_eq(tr.total, 3, "total counts the tests not run");
	done(&tr);
}

Test(testrun, jobs_give_the_same_results_in_order)
{
	struct testrun_opts o;
	struct testrun tr;

	plain_problem();
	put("p/3.in", "epsilon\n", 0644);
	put("p/3.ans", "epsilon\n", 0644);
	opts(&o, policy("cat", "/usr/bin/cat"));
	o.jobs = 2;
	judge("p", &o, &tr);
	cr_assert_eq(tr.total, 4);
	cr_expect_eq(tr.n_ran, 4);
	cr_expect_str_eq(tr.tests[2].name, "3");
	cr_expect_eq(tr.tests[0].res.verdict, V_AC);
	cr_expect_eq(tr.tests[1].res.verdict, V_WA);
	cr_expect_eq(tr.tests[2].res.verdict, V_AC);
	cr_expect_eq(tr.tests[3].res.verdict, V_AC);
	cr_expect_eq(tr.verdict, V_WA);
	cr_expect_eq(tr.passed, 3);
	done(&tr);

	o.fail_fast = true;
	judge("p", &o, &tr);
	cr_expect_eq(tr.verdict, V_WA);
	cr_expect_eq(tr.first_fail, 1);
	cr_expect_eq(tr.n_ran, 2, "nothing past the first failure is reported");
	done(&tr);
}

Test(testrun, failing_program_is_re)
{
	struct testrun_opts o;
	struct testrun tr;

	plain_problem();
	opts(&o, policy("false", "/usr/bin/false"));
	judge("p", &o, &tr);
	cr_expect_eq(tr.verdict, V_RE);
	cr_expect_eq(tr.tests[0].res.out.exit_code, 1);
	cr_expect_eq(tr.passed, 0);
	done(&tr);
}

Test(testrun, json_shape)
{
	struct testrun_opts o;
	struct testrun tr;
	json_t *j, *t, *c;

	plain_problem();
	opts(&o, policy("cat", "/usr/bin/cat"));
	judge("p", &o, &tr);
	j = report_testrun(&tr);
	cr_expect_str_eq(json_string_value(json_object_get(j, "verdict")), "WA");
	c = json_object_get(j, "compile");
	cr_assert(json_is_object(c));
	cr_expect_str_eq(json_string_value(json_object_get(c, "status")), "OK");
	cr_expect(json_is_string(json_object_get(c, "message")));
	cr_expect_eq(json_integer_value(json_object_get(j, "passed")), 2);
	cr_expect_eq(json_integer_value(json_object_get(j, "total")), 3);
	t = json_object_get(j, "tests");
	cr_assert(json_is_array(t) && json_array_size(t) == 3);
	cr_expect_str_eq(json_string_value(json_object_get(json_array_get(t, 2), "name")), "10");
	cr_expect_str_eq(json_string_value(json_object_get(json_array_get(t, 1), "verdict")), "WA");
	for (size_t i = 0; i < 3; i++) {
		json_t *e = json_array_get(t, i);

		/* SPEC §3's result object, plus the name */
		cr_expect(json_is_integer(json_object_get(e, "cpu_ms")));
		cr_expect(json_is_integer(json_object_get(e, "memory_kb")));
		cr_expect(json_object_get(e, "exit_code") && json_object_get(e, "signal"));
		cr_expect(json_is_string(json_object_get(e, "message")));
	}
	json_decref(j);
	done(&tr);
}

Test(testrun, json_strings_survive_bad_utf8)
{
	json_t *j = report_string("ok \xff\xfe end \xc3\xa9");
	char *s = json_dumps(j, JSON_ENCODE_ANY);

	cr_assert(s, "a string that encodes");
	cr_expect(strstr(s, "\xef\xbf\xbd") || strstr(s, "\\ufffd"), "%s", s);
	cr_expect(strstr(s, "end"), "%s", s);
	free(s);
	json_decref(j);
}

/* ==== Checkers ==== */

Test(testrun, command_line_checker_overrides_the_answers)
{
	struct testrun_opts o;
	struct testrun tr;

	plain_problem();
	/* testlib style: accepts an output equal to the input */
	put("same.sh", "#!/bin/sh\ncmp -s \"$1\" \"$2\" && exit 0\necho differs; exit 1\n", 0755);
	opts(&o, policy("cat", "/usr/bin/cat"));
	o.checker = path("same.sh");
	judge("p", &o, &tr);
	cr_expect_eq(tr.verdict, V_AC, "%s", tr.tests[1].res.message);
	cr_expect_eq(tr.passed, 3);
	done(&tr);
}

Test(testrun, plain_folder_checker_source_is_built)
{
	struct testrun_opts o;
	struct testrun tr;

	plain_problem();
	/* not executable: a source, which trusted_prepare wraps */
	put("p/checker.sh", "cmp -s \"$1\" \"$2\" && exit 0\necho 'not an echo'; exit 1\n", 0644);
	opts(&o, policy("cat", "/usr/bin/cat"));
	judge("p", &o, &tr);
	cr_expect_eq(tr.verdict, V_AC, "%s", tr.tests[1].res.message);
	done(&tr);

	put("p/checker.sh", "echo 'never happy'; exit 2\n", 0644);
	judge("p", &o, &tr);
	cr_expect_eq(tr.verdict, V_WA, "testlib's presentation error counts as WA");
	cr_expect(strstr(tr.tests[0].res.feedback, "never happy"), "%s", tr.tests[0].res.feedback);
	done(&tr);
}

Test(testrun, kattis_output_validator_gets_the_output_on_stdin)
{
	struct testrun_opts o;
	struct testrun tr;

	put("k/problem.yaml", "name: kv\nvalidation: custom\nvalidator_flags: strict\n", 0644);
	put("k/data/secret/1.in", "same\n", 0644);
	put("k/data/secret/1.ans", "unused\n", 0644);
	/* input answer feedback_dir flags < output: accepts the input echoed, given the flag */
	put("k/output_validators/v/validate.sh",
	    "[ \"$4\" = strict ] || exit 1\ncmp -s \"$1\" - && exit 42\n"
	    "echo 'not an echo' > \"$3/judgemessage.txt\"; exit 43\n", 0644);
	put("src.txt", "not compiled\n", 0644);
	opts(&o, policy("cat", "/usr/bin/cat"));
	judge("k", &o, &tr);
	cr_expect_eq(tr.verdict, V_AC, "%s", tr.tests[0].res.message);
	done(&tr);

	put("k/output_validators/v/validate.sh", "exit 43\n", 0644);
	opts(&o, policy("cat", "/usr/bin/cat"));
	judge("k", &o, &tr);
	cr_expect_eq(tr.verdict, V_WA);
	done(&tr);
}

Test(testrun, trusted_c_source_is_compiled)
{
	char exe[PATH_MAX];
	struct jerr err;

	put("v/check.c", "int main(void) { return 42; }\n", 0644);
	cr_assert_eq(trusted_prepare(path("v"), dir, "validator", exe, sizeof(exe), &err), 0, "%s",
		     err.msg);
	cr_expect_str_eq(exe, path("validator"));
	cr_expect_eq(access(exe, X_OK), 0);

	put("w/check.c", "int main(void) { return missing; }\n", 0644);
	cr_expect_eq(trusted_prepare(path("w/check.c"), dir, "bad", exe, sizeof(exe), &err), -1);
	cr_expect(strstr(err.msg, "does not compile") && strstr(err.msg, "missing"), "%s", err.msg);
}

/* ==== Interactive ==== */

/*
 * A Kattis interactive package whose interactor says the test's input, and
 * accepts when the program says it back (cat does).
 */
static void interactive_problem(const char *interactor)
{
	put("g/problem.yaml", "name: echo\nvalidation: custom interactive\n", 0644);
	put("g/data/secret/1.in", "hello\n", 0644);
	put("g/data/secret/1.ans", "hello\n", 0644);
	put("g/data/secret/2.in", "world\n", 0644);
	put("g/data/secret/2.ans", "world\n", 0644);
	put("g/output_validators/echo/interactor.sh", interactor, 0644);
	put("src.txt", "not compiled\n", 0644);
}

Test(testrun, interactive_accepts_through_pipes)
{
	struct testrun_opts o;
	struct testrun tr;

	interactive_problem("read want < \"$1\"\necho \"$want\"\nread got\n"
			    "[ \"$got\" = \"$want\" ] && exit 42\necho \"got $got\" > \"$3/judgemessage.txt\"\n"
			    "exit 43\n");
	opts(&o, policy("cat", "/usr/bin/cat"));
	judge("g", &o, &tr);
	cr_expect_eq(tr.tests[0].res.verdict, V_AC, "%s", tr.tests[0].res.message);
	cr_expect_eq(tr.verdict, V_AC, "%s", tr.tests[1].res.message);
	done(&tr);
}

Test(testrun, interactive_rejection_and_feedback)
{
	struct testrun_opts o;
	struct testrun tr;

	/* says one thing, expects another: cat can only echo */
	interactive_problem("echo ping\nread got\necho \"expected pong, got $got\" > \"$3/judgemessage.txt\"\n"
			    "exit 43\n");
	opts(&o, policy("cat", "/usr/bin/cat"));
	judge("g", &o, &tr);
	cr_expect_eq(tr.verdict, V_WA, "%s", tr.tests[0].res.message);
	cr_expect_str_eq(tr.tests[0].res.feedback, "expected pong, got ping");
	done(&tr);
}

Test(testrun, interactor_that_breaks_is_ie)
{
	struct testrun_opts o;
	struct testrun tr;

	interactive_problem("echo hi\nread got\necho oops >&2\nexit 7\n");
	opts(&o, policy("cat", "/usr/bin/cat"));
	judge("g", &o, &tr);
	cr_expect_eq(tr.verdict, V_IE, "%s", tr.tests[0].res.message);
	cr_expect(strstr(tr.tests[0].res.message, "status 7") && strstr(tr.tests[0].res.message, "oops"),
		  "%s", tr.tests[0].res.message);
	done(&tr);
}

Test(testrun, interactive_program_failure_comes_first)
{
	struct testrun_opts o;
	struct testrun tr;

	/* the program dies at once; the interactor, seeing EOF, rejects after it */
	interactive_problem("read got\necho \"nothing\" > \"$3/judgemessage.txt\"\nexit 43\n");
	opts(&o, policy("false", "/usr/bin/false"));
	judge("g", &o, &tr);
	cr_expect_eq(tr.verdict, V_RE, "%s", tr.tests[0].res.message);
	done(&tr);
}

/* An accepting interactor's score.txt is the test's score, as an output validator's. */
Test(testrun, interactor_score_txt_is_the_tests_score)
{
	struct testrun_opts o;
	struct testrun tr;

	interactive_problem("read want < \"$1\"\necho \"$want\"\nread got\n"
			    "[ \"$got\" = \"$want\" ] || exit 43\necho 7.5 > \"$3/score.txt\"\nexit 42\n");
	opts(&o, policy("cat", "/usr/bin/cat"));
	judge("g", &o, &tr);
	cr_expect_eq(tr.tests[0].res.verdict, V_AC, "%s", tr.tests[0].res.message);
	cr_expect(tr.tests[0].res.has_score);
	cr_expect_float_eq(tr.tests[0].res.score, 7.5, 1e-9);
	cr_expect(tr.scored);
	cr_expect_float_eq(tr.score, 15, 1e-9, "two tests at 7.5");
	done(&tr);

	interactive_problem("read want < \"$1\"\necho \"$want\"\nread got\necho lots > \"$3/score.txt\"\nexit 42\n");
	opts(&o, policy("cat", "/usr/bin/cat"));
	judge("g", &o, &tr);
	cr_expect_eq(tr.verdict, V_IE, "%s", tr.tests[0].res.message);
	cr_expect(strstr(tr.tests[0].res.message, "score.txt"), "%s", tr.tests[0].res.message);
	done(&tr);
}

/* A multi-pass test's score is its last pass's score.txt, not an earlier one's. */
Test(testrun, multi_pass_score_txt_is_the_last_passes)
{
	struct testrun_opts o;
	struct testrun tr;

	put("m/problem.yaml", "problem_format_version: 2023-07-draft\ntype: multi-pass\nname: m\n"
	    "limits:\n  validation_passes: 3\n", 0644);
	put("m/data/secret/1.in", "one\n", 0644);
	put("m/data/secret/1.ans", "\n", 0644);
	/* pass 1 (input "one"): score 9 and another pass; pass 2 ("two"): accepted, score 4 */
	put("m/output_validator/v.sh",
	    "read got\n[ \"$got\" = one ] && { echo 9 > \"$3/score.txt\"; echo two > \"$3/nextpass.in\"; }\n"
	    "[ \"$got\" = two ] && echo 4 > \"$3/score.txt\"\nexit 42\n", 0644);
	put("src.txt", "not compiled\n", 0644);
	opts(&o, policy("cat", "/usr/bin/cat"));
	judge("m", &o, &tr);
	cr_expect_eq(tr.verdict, V_AC, "%s", tr.tests[0].res.message);
	cr_expect(tr.tests[0].res.has_score);
	cr_expect_float_eq(tr.tests[0].res.score, 4, 1e-9);
	done(&tr);

	/* the last pass writes none: no score, not the first pass's 9 */
	put("m/output_validator/v.sh",
	    "read got\n[ \"$got\" = one ] && { echo 9 > \"$3/score.txt\"; echo two > \"$3/nextpass.in\"; }\n"
	    "exit 42\n", 0644);
	opts(&o, policy("cat", "/usr/bin/cat"));
	judge("m", &o, &tr);
	cr_expect_eq(tr.verdict, V_AC, "%s", tr.tests[0].res.message);
	cr_expect_not(tr.tests[0].res.has_score);
	done(&tr);
}

/* A group's output_validator_flags reach its tests' validator, after problem.yaml's. */
Test(testrun, group_validator_flags_reach_the_validator)
{
	struct testrun_opts o;
	struct testrun tr;

	put("f/problem.yaml", "name: f\nvalidation: custom\nvalidator_flags: strict\n", 0644);
	put("f/data/secret/a/testdata.yaml", "output_validator_flags: from_a also_a\n", 0644);
	put("f/data/secret/a/1.in", "strict from_a also_a\n", 0644);
	put("f/data/secret/a/1.ans", "\n", 0644);
	put("f/data/secret/b/1.in", "strict\n", 0644);
	put("f/data/secret/b/1.ans", "\n", 0644);
	/* 2023-07 spelling, a list */
	put("f/data/secret/c/testdata.yaml", "output_validator_args: [from_c]\n", 0644);
	put("f/data/secret/c/1.in", "strict from_c\n", 0644);
	put("f/data/secret/c/1.ans", "\n", 0644);
	/* accepts when the input names exactly the flags it was given */
	put("f/output_validators/v/validate.sh",
	    "in=$1; shift 3\n[ \"$*\" = \"$(cat \"$in\")\" ] && exit 42\nexit 43\n", 0644);
	put("src.txt", "not compiled\n", 0644);
	opts(&o, policy("cat", "/usr/bin/cat"));
	judge("f", &o, &tr);
	cr_expect_eq(tr.tests[0].res.verdict, V_AC, "%s: %s", tr.tests[0].name, tr.tests[0].res.message);
	cr_expect_eq(tr.tests[1].res.verdict, V_AC, "%s: %s", tr.tests[1].name, tr.tests[1].res.message);
	cr_expect_eq(tr.tests[2].res.verdict, V_AC, "%s: %s", tr.tests[2].name, tr.tests[2].res.message);
	done(&tr);
}

/* The default validator reads a group's flags as its options: a tolerance for one group only. */
Test(testrun, group_validator_flags_configure_the_default_validator)
{
	struct testrun_opts o;
	struct testrun tr;

	put("d/problem.yaml", "name: d\n", 0644);
	put("d/data/secret/loose/testdata.yaml", "output_validator_flags: float_tolerance 0.1\n", 0644);
	put("d/data/secret/loose/1.in", "1.05\n", 0644);
	put("d/data/secret/loose/1.ans", "1.0\n", 0644);
	put("d/data/secret/strict/1.in", "1.05\n", 0644);
	put("d/data/secret/strict/1.ans", "1.0\n", 0644);
	put("src.txt", "not compiled\n", 0644);
	opts(&o, policy("cat", "/usr/bin/cat"));
	judge("d", &o, &tr);
	cr_expect_eq(tr.tests[0].res.verdict, V_AC, "%s: %s", tr.tests[0].name, tr.tests[0].res.message);
	cr_expect_eq(tr.tests[1].res.verdict, V_WA, "%s: %s", tr.tests[1].name, tr.tests[1].res.message);
	done(&tr);

	/* a flag the default validator does not know names the group's testdata.yaml */
	put("d/data/secret/loose/testdata.yaml", "output_validator_flags: float_tolerence 0.1\n", 0644);
	{
		struct problem p;
		struct testrun_ctx ctx;
		struct jerr err;

		load("d", &p);
		cr_expect_eq(testrun_prepare(&p, &o, &ctx, &err), -1);
		cr_expect(strstr(err.file, "secret/loose/testdata.yaml"), "%s", err.file);
		cr_expect(strstr(err.msg, "float_tolerence"), "%s", err.msg);
		problem_free(&p);
	}
}
