#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checker.h"
#include "util.h"

/*
 * Every test works in its own temporary directory, which also serves as
 * TMPDIR, so that a Kattis feedback directory left behind would show.
 * External checkers are shell scripts written there at test time.
 */

static char dir[64];

static void setup(void)
{
	strcpy(dir, "/tmp/judge-test-checker-XXXXXX");
	cr_assert(mkdtemp(dir), "mkdtemp");
	setenv("TMPDIR", dir, 1);
}

static void teardown(void)
{
	util_remove_tree(dir);
}

/*
 * A watchdog instead of Criterion's .timeout: Criterion 2.4's runner leaks
 * (and fails the sanitizer build) when two .timeout tests overlap under
 * --jobs.  An alarm is not inherited by the checkers the tests fork.
 */
static void watchdog(unsigned seconds)
{
	alarm(seconds);
}

TestSuite(checker, .init = setup, .fini = teardown);

static const char *path_of(const char *name)
{
	static char buf[8][256];
	static int next;
	char *p = buf[next++ % 8];

	snprintf(p, sizeof(buf[0]), "%s/%s", dir, name);
	return p;
}

static const char *write_file(const char *name, const void *data, size_t len, mode_t mode)
{
	const char *p = path_of(name);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	cr_assert(fd >= 0, "open %s", p);
	cr_assert_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
	cr_assert_eq(chmod(p, mode), 0);
	return p;
}

static const char *write_text(const char *name, const char *text)
{
	return write_file(name, text, strlen(text), 0644);
}

static const char *write_script(const char *name, const char *body)
{
	char text[4096];

	snprintf(text, sizeof(text), "#!/bin/sh\n%s\n", body);
	return write_file(name, text, strlen(text), 0755);
}

/* Names left in the test directory besides the ones the test wrote itself. */
static int count_entries(const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	cr_assert(d);
	while ((e = readdir(d)))
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
			n++;
	closedir(d);
	return n;
}

static enum check_result run_spec(const char *spec, const char *answer, const char *output,
				  char *fb, size_t fl)
{
	struct checker c;
	struct jerr err;
	enum check_result r;

	cr_assert_eq(checker_parse(spec, &c, &err), 0, "%s: %s", spec, err.msg);
	r = checker_run(&c, NULL, write_text("out", output), write_text("ans", answer), fb, fl);
	checker_free(&c);
	return r;
}

/* ==== built-in comparisons ==== */

struct cmp_case {
	const char *spec, *answer, *output;
	enum check_result want;
	const char *feedback;	/* substring, or NULL */
};

static const struct cmp_case cmp_cases[] = {
	/* tokens */
	{ "tokens", "1 2 3\n", "1 2 3\n", CHECK_AC, NULL },
	{ "tokens", "1 2 3\n", "1\n  2\t3", CHECK_AC, NULL },
	{ "tokens", "1 2 3\n", "1 2 3\n\n\n  \n", CHECK_AC, NULL },
	{ "tokens", "1 2 3\r\n", "1 2 3\n", CHECK_AC, NULL },
	{ "tokens", "  1 2 3", "1 2 3\n", CHECK_AC, NULL },
	{ "tokens", "", "", CHECK_AC, NULL },
	{ "tokens", "", "\n \n", CHECK_AC, NULL },
	{ "tokens", "1 2 3 4 5\n", "1 2 3 4 4\n", CHECK_WA, "token 5 differs: expected \"5\", got \"4\"" },
	{ "tokens", "1\n2\n3\n", "1\n2\n4\n", CHECK_WA, "(line 3 of the output)" },
	{ "tokens", "a b c d\n", "a b c\n", CHECK_WA, "output ended early after 3 tokens: expected \"d\" next" },
	{ "tokens", "a b c d e f g\n", "a b c d e f g h\n", CHECK_WA, "extra output after 7 tokens: \"h\"" },
	{ "tokens", "x\n", "", CHECK_WA, "output ended early after 0 tokens: expected \"x\" next (the output is empty)" },
	{ "tokens", "x\n", "\n\n", CHECK_WA, "output ended early after 0 tokens" },
	{ "tokens", "", "x", CHECK_WA, "extra output after 0 tokens" },
	{ "tokens", "Yes\n", "yes\n", CHECK_WA, "token 1 differs" },
	{ "tokens", "1.0\n", "1\n", CHECK_WA, NULL },
	{ "tokens", "ab\n", "a b\n", CHECK_WA, "token 1 differs: expected \"ab\", got \"a\"" },
	{ "tokens", "x\n", "\x01\xff\"\\\n", CHECK_WA, "got \"\\x01\\xff\\\"\\\\\"" },

	/* exact */
	{ "exact", "1 2\n", "1 2\n", CHECK_AC, NULL },
	{ "exact", "", "", CHECK_AC, NULL },
	{ "exact", "1 2\n", "1 2\r\n", CHECK_WA,
	  "byte 4 differs (line 1, column 4): expected \"\\n\", got \"\\r\\n\"" },
	{ "exact", "a\nbc\n", "a\nbd\n", CHECK_WA, "byte 4 differs (line 2, column 2)" },
	{ "exact", "1 2\n", "1 2", CHECK_WA, "output ended early after 3 bytes: expected \"\\n\" next" },
	{ "exact", "1 2\n", "1 2\n\n", CHECK_WA, "extra output after 4 bytes: \"\\n\"" },
	{ "exact", "1 2\n", "1  2\n", CHECK_WA, "byte 3 differs" },
	{ "exact", "x", "", CHECK_WA, "output ended early after 0 bytes" },

	/* lines */
	{ "lines", "a b\nc\n", "a b\nc\n", CHECK_AC, NULL },
	{ "lines", "a b\nc\n", "a b  \nc", CHECK_AC, NULL },
	{ "lines", "a b\nc\n", "a b\r\nc\r\n\r\n\n \n", CHECK_AC, NULL },
	{ "lines", "", "\n\n", CHECK_AC, NULL },
	{ "lines", "", "", CHECK_AC, NULL },
	{ "lines", "a b\nc\n", "a  b\nc\n", CHECK_WA, "line 1 differs: expected \"a b\", got \"a  b\"" },
	{ "lines", "a\n\nb\n", "a\nb\n", CHECK_WA, "line 2 differs: expected \"\", got \"b\"" },
	{ "lines", "  a\n", "a\n", CHECK_WA, "line 1 differs" },
	{ "lines", "a\nb\n", "a\n", CHECK_WA, "output ended early after 1 lines: expected \"b\" next" },
	{ "lines", "a\n", "a\nb\n", CHECK_WA, "extra output after 1 lines: \"b\"" },
	{ "lines", "a\n", "", CHECK_WA, "output ended early after 0 lines" },

	/* float:EPS, absolute or relative to the answer */
	{ "float:1e-6", "1.0\n", "1.0000005\n", CHECK_AC, NULL },
	{ "float:1e-6", "1.0\n", "1.000001\n", CHECK_AC, NULL },
	{ "float:1e-6", "1.0\n", "0.999999\n", CHECK_AC, NULL },
	{ "float:1e-6", "0\n", "-1e-7\n", CHECK_AC, NULL },
	{ "float:1e-6", "1.0\n", "1.00001\n", CHECK_WA, "token 1 differs: expected \"1.0\", got \"1.00001\"" },
	{ "float:1e-6", "1000000\n", "1000000.5\n", CHECK_AC, NULL },
	{ "float:1e-6", "1000000\n", "1000002\n", CHECK_WA, "off by 2" },
	{ "float:1e-6", "-5e9\n", "-5000000001\n", CHECK_AC, NULL },
	{ "float:1e-6", "1 2.5 abc\n", "1.0000001 2.5 abc\n", CHECK_AC, NULL },
	{ "float:1e-6", "abc\n", "abd\n", CHECK_WA, NULL },
	{ "float:1e-6", "16\n", "0x10\n", CHECK_WA, NULL },
	{ "float:1e-6", "1.5\n", "1.5x\n", CHECK_WA, NULL },
	{ "float:1e-6", "1.5\n", "1.5e\n", CHECK_WA, NULL },
	{ "float:1e-6", "1.5\n", ".\n", CHECK_WA, NULL },
	{ "float:1e-6", "0.5\n", ".5\n", CHECK_AC, NULL },
	{ "float:1e-6", "5\n", "5.\n", CHECK_AC, NULL },
	{ "float:1e-6", "nan\n", "NaN\n", CHECK_AC, NULL },
	{ "float:1e-6", "nan\n", "1\n", CHECK_WA, NULL },
	{ "float:1e-6", "1\n", "nan\n", CHECK_WA, NULL },
	{ "float:1e-6", "inf\n", "Infinity\n", CHECK_AC, NULL },
	{ "float:1e-6", "-inf\n", "inf\n", CHECK_WA, NULL },
	{ "float:1e-6", "inf\n", "1e308\n", CHECK_WA, NULL },
	{ "float:1e-6", "1e308\n", "inf\n", CHECK_WA, NULL },
	{ "float:1e-6", "1e308\n", "-1e308\n", CHECK_WA, NULL },
	{ "float:1e-6", "1 2\n", "1\n", CHECK_WA, "output ended early after 1 tokens" },
	{ "float:0", "2.5\n", "2.50\n", CHECK_AC, NULL },
	{ "float:0", "2.5\n", "2.5000001\n", CHECK_WA, NULL },
	{ "float:0.1", "10\n", "10.9\n", CHECK_AC, NULL },
	{ "float:0.1", "10\n", "11.1\n", CHECK_WA, NULL },
};

Test(checker, builtin_table)
{
	char fb[512];

	for (size_t i = 0; i < ARRAY_SIZE(cmp_cases); i++) {
		const struct cmp_case *t = &cmp_cases[i];
		enum check_result r = run_spec(t->spec, t->answer, t->output, fb, sizeof(fb));

		cr_expect_eq(r, t->want, "case %zu (%s): got %s, feedback \"%s\"", i, t->spec,
			     checker_result_name(r), fb);
		if (t->feedback)
			cr_expect(strstr(fb, t->feedback), "case %zu (%s): feedback \"%s\" lacks \"%s\"",
				  i, t->spec, fb, t->feedback);
		if (r == CHECK_AC)
			cr_expect_str_empty(fb, "case %zu: feedback on AC: %s", i, fb);
	}
}

Test(checker, long_tokens_are_cut_near_the_difference)
{
	static char ans[5000], out[5000];
	char fb[512];

	memset(ans, 'a', 4000);
	memset(out, 'a', 4000);
	ans[3000] = 'X';
	out[3000] = 'Y';
	cr_assert_eq(run_spec("tokens", ans, out, fb, sizeof(fb)), CHECK_WA);
	cr_expect_lt(strlen(fb), 200, "%s", fb);
	cr_expect(strstr(fb, "\"...aaaaaaaaaaX"), "%s", fb);
	cr_expect(strstr(fb, "\"...aaaaaaaaaaY"), "%s", fb);
	cr_assert_eq(run_spec("lines", ans, out, fb, sizeof(fb)), CHECK_WA);
	cr_expect(strstr(fb, "aX"), "%s", fb);
}

Test(checker, feedback_is_truncated_to_its_buffer)
{
	char fb[16];

	memset(fb, '#', sizeof(fb));
	cr_assert_eq(run_spec("tokens", "1 2 3 4 5\n", "1 2 3 4 4\n", fb, sizeof(fb)), CHECK_WA);
	cr_expect_eq(strlen(fb), sizeof(fb) - 1);
	cr_assert_eq(run_spec("tokens", "1\n", "2\n", NULL, 0), CHECK_WA);
}

/* Large files are mapped and walked once: no per-token allocation, no quadratic step. */
Test(checker, big_outputs)
{
	static const char *const specs[] = { "tokens", "exact", "lines", "float:1e-9" };
	size_t n = 4 << 20, len = 0;
	char *buf = malloc(n * 2 + 64), fb[256];
	const char *ans, *out;
	struct checker c;
	struct jerr err;

	watchdog(60);
	cr_assert(buf);
	for (size_t i = 0; len < n; i++)
		len += (size_t)sprintf(buf + len, "%zu %zu.5\n", i, i % 1000);
	ans = write_file("ans", buf, len, 0644);
	out = write_file("out", buf, len, 0644);
	for (size_t i = 0; i < ARRAY_SIZE(specs); i++) {
		cr_assert_eq(checker_parse(specs[i], &c, &err), 0);
		cr_expect_eq(checker_run(&c, NULL, out, ans, fb, sizeof(fb)), CHECK_AC, "%s: %s", specs[i], fb);
	}
	buf[len - 2] = '6';
	out = write_file("out", buf, len, 0644);
	cr_assert_eq(checker_parse("tokens", &c, &err), 0);
	cr_expect_eq(checker_run(&c, NULL, out, ans, fb, sizeof(fb)), CHECK_WA);
	cr_expect(strstr(fb, "differs: expected \""), "%s", fb);
	free(buf);
}

Test(checker, missing_files_are_checker_failures)
{
	struct checker c;
	struct jerr err;
	char fb[256];

	cr_assert_eq(checker_parse("tokens", &c, &err), 0);
	cr_expect_eq(checker_run(&c, NULL, path_of("none"), write_text("ans", "1"), fb, sizeof(fb)), CHECK_FAIL);
	cr_expect(strstr(fb, "cannot open output"), "%s", fb);
	cr_expect_eq(checker_run(&c, NULL, write_text("out", "1"), NULL, fb, sizeof(fb)), CHECK_FAIL);
	cr_expect(strstr(fb, "no answer file"), "%s", fb);
}

Test(checker, output_from_a_pipe_like_file)
{
	struct checker c;
	struct jerr err;
	char fb[256];

	/* /dev/null is not mappable: the reader falls back to read(). */
	cr_assert_eq(checker_parse("tokens", &c, &err), 0);
	cr_expect_eq(checker_run(&c, NULL, "/dev/null", write_text("ans", " \n"), fb, sizeof(fb)), CHECK_AC);
	cr_expect_eq(checker_run(&c, NULL, "/dev/null", write_text("ans", "1"), fb, sizeof(fb)), CHECK_WA);
}

/* ==== checker_parse ==== */

Test(checker, parse_builtins)
{
	struct checker c;
	struct jerr err;

	cr_assert_eq(checker_parse("tokens", &c, &err), 0);
	cr_expect_eq(c.kind, CHECKER_TOKENS);
	cr_expect(c.case_sensitive);
	cr_expect_not(c.space_sensitive);
	cr_expect_eq(c.time_ms, 10000);
	cr_expect_eq(c.memory_kib, 1024 * 1024);
	cr_assert_eq(checker_parse("exact", &c, &err), 0);
	cr_expect_eq(c.kind, CHECKER_EXACT);
	cr_assert_eq(checker_parse("lines", &c, &err), 0);
	cr_expect_eq(c.kind, CHECKER_LINES);
	cr_assert_eq(checker_parse("float:1e-6", &c, &err), 0);
	cr_expect_eq(c.kind, CHECKER_FLOAT);
	cr_expect_float_eq(c.eps, 1e-6, 1e-12);
	cr_expect_lt(c.abs_eps, 0);
	cr_expect_lt(c.rel_eps, 0);
	cr_assert_eq(checker_parse("float:0", &c, &err), 0);
	cr_expect_eq(c.eps, 0);
	cr_assert_eq(checker_parse("float:0.25", &c, &err), 0);
	cr_expect_eq(c.eps, 0.25);
}

Test(checker, parse_programs)
{
	const char *chk = write_script("chk", "exit 0");
	struct checker c;
	struct jerr err;
	char spec[300];

	cr_assert_eq(checker_parse(chk, &c, &err), 0, "%s", err.msg);
	cr_expect_eq(c.kind, CHECKER_TESTLIB);
	cr_expect_str_eq(c.program, chk);
	snprintf(spec, sizeof(spec), "kattis:%s", chk);
	cr_assert_eq(checker_parse(spec, &c, &err), 0, "%s", err.msg);
	cr_expect_eq(c.kind, CHECKER_KATTIS);
	cr_expect_str_eq(c.program, chk);
	snprintf(spec, sizeof(spec), "testlib:%s", chk);
	cr_assert_eq(checker_parse(spec, &c, &err), 0, "%s", err.msg);
	cr_expect_eq(c.kind, CHECKER_TESTLIB);

	/* A relative path is stored absolute, immune to a later chdir(). */
	cr_assert_eq(chdir(dir), 0);
	cr_assert_eq(checker_parse("./chk", &c, &err), 0, "%s", err.msg);
	cr_expect_str_eq(c.program, chk);
	cr_assert_eq(checker_parse("chk", &c, &err), 0, "%s", err.msg);
	cr_expect_str_eq(c.program, chk);
}

Test(checker, parse_errors)
{
	static const struct {
		const char *spec, *msg;
	} bad[] = {
		{ "", "empty value" },
		{ "float", "float needs a tolerance" },
		{ "float:", "bad value 'float:'" },
		{ "float:abc", "bad value 'float:abc'" },
		{ "float:1e-6x", "bad value 'float:1e-6x'" },
		{ "float:-1", "non-negative" },
		{ "float:nan", "bad value 'float:nan'" },
		{ "float:inf", "bad value 'float:inf'" },
		{ "token", "bad value 'token': not tokens, exact, lines, float:EPS" },
		{ "./missing-checker", "bad value './missing-checker': no such file" },
		{ "kattis:/no/such", "no such file" },
		{ "/tmp", "not a regular file" },
	};
	struct checker c;
	struct jerr err;
	char msg[600], spec[300];

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		cr_expect_eq(checker_parse(bad[i].spec, &c, &err), -1, "'%s' accepted", bad[i].spec);
		jerr_format(&err, msg, sizeof(msg));
		cr_expect_str_eq(err.key, "--checker");
		cr_expect(strstr(msg, bad[i].msg), "'%s': \"%s\" lacks \"%s\"", bad[i].spec, msg, bad[i].msg);
	}
	snprintf(spec, sizeof(spec), "%s", write_text("notexec", "#!/bin/sh\n"));
	cr_expect_eq(checker_parse(spec, &c, &err), -1);
	cr_expect(strstr(err.msg, "not executable"), "%s", err.msg);
}

/* ==== Kattis default validator ==== */

static enum check_result run_kattis_flags(const char *const *flags, size_t n, const char *answer,
					  const char *output, char *fb, size_t fl)
{
	struct checker c;
	struct jerr err;

	cr_assert_eq(checker_from_kattis_flags((char *const *)flags, n, &c, &err), 0, "%s", err.msg);
	return checker_run(&c, NULL, write_text("out", output), write_text("ans", answer), fb, fl);
}

Test(checker, kattis_flags_parse)
{
	static const char *const f1[] = { "float_tolerance", "1e-6", "case_sensitive" };
	static const char *const f2[] = { "float_absolute_tolerance", "0.5", "space_change_sensitive" };
	static const char *const f3[] = { "float_relative_tolerance", "1e-3" };
	struct checker c;
	struct jerr err;

	cr_assert_eq(checker_from_kattis_flags(NULL, 0, &c, &err), 0);
	cr_expect_eq(c.kind, CHECKER_TOKENS);
	cr_expect_not(c.case_sensitive);
	cr_expect_not(c.space_sensitive);
	cr_assert_eq(checker_from_kattis_flags((char *const *)f1, 3, &c, &err), 0);
	cr_expect_eq(c.kind, CHECKER_FLOAT);
	cr_expect(c.case_sensitive);
	cr_expect_eq(c.abs_eps, 1e-6);
	cr_expect_eq(c.rel_eps, 1e-6);
	cr_assert_eq(checker_from_kattis_flags((char *const *)f2, 3, &c, &err), 0);
	cr_expect_eq(c.abs_eps, 0.5);
	cr_expect_lt(c.rel_eps, 0);
	cr_expect(c.space_sensitive);
	cr_assert_eq(checker_from_kattis_flags((char *const *)f3, 2, &c, &err), 0);
	cr_expect_lt(c.abs_eps, 0);
	cr_expect_eq(c.rel_eps, 1e-3);
}

Test(checker, kattis_flags_errors)
{
	static const char *const bogus[] = { "case_sensitive", "bogus" };
	static const char *const missing[] = { "float_tolerance" };
	static const char *const bad_num[] = { "float_relative_tolerance", "x" };
	static const char *const negative[] = { "float_absolute_tolerance", "-1" };
	struct checker c;
	struct jerr err;

	cr_expect_eq(checker_from_kattis_flags((char *const *)bogus, 2, &c, &err), -1);
	cr_expect_str_eq(err.key, "validator_flags");
	cr_expect(strstr(err.msg, "unknown flag 'bogus'"), "%s", err.msg);
	cr_expect_eq(checker_from_kattis_flags((char *const *)missing, 1, &c, &err), -1);
	cr_expect(strstr(err.msg, "got 'nothing'"), "%s", err.msg);
	cr_expect_eq(checker_from_kattis_flags((char *const *)bad_num, 2, &c, &err), -1);
	cr_expect(strstr(err.msg, "got 'x'"), "%s", err.msg);
	cr_expect_eq(checker_from_kattis_flags((char *const *)negative, 2, &c, &err), -1);
}

Test(checker, kattis_default_validator_behaviour)
{
	static const char *const none[] = { NULL };
	static const char *const cs[] = { "case_sensitive" };
	static const char *const sp[] = { "space_change_sensitive" };
	static const char *const abs_only[] = { "float_absolute_tolerance", "1e-6" };
	static const char *const rel_only[] = { "float_relative_tolerance", "1e-6" };
	static const char *const both[] = { "float_tolerance", "1e-6" };
	char fb[512];

	/* Case-insensitive unless case_sensitive. */
	cr_expect_eq(run_kattis_flags(none, 0, "Yes\n", "yes\n", fb, sizeof(fb)), CHECK_AC);
	cr_expect_eq(run_kattis_flags(cs, 1, "Yes\n", "yes\n", fb, sizeof(fb)), CHECK_WA);
	/* Whitespace-insensitive unless space_change_sensitive. */
	cr_expect_eq(run_kattis_flags(none, 0, "1 2\n", "1\n\n2", fb, sizeof(fb)), CHECK_AC);
	cr_expect_eq(run_kattis_flags(sp, 1, "1 2\n", "1 2\n", fb, sizeof(fb)), CHECK_AC);
	cr_expect_eq(run_kattis_flags(sp, 1, "1 2\n", "1  2\n", fb, sizeof(fb)), CHECK_WA);
	cr_expect(strstr(fb, "whitespace differs after token 1"), "%s", fb);
	cr_expect_eq(run_kattis_flags(sp, 1, "1 2\n", "1 2", fb, sizeof(fb)), CHECK_WA);
	cr_expect(strstr(fb, "whitespace differs after token 2"), "%s", fb);
	cr_expect_eq(run_kattis_flags(sp, 1, "1 2\n", " 1 2\n", fb, sizeof(fb)), CHECK_WA);
	/* Without a tolerance, numbers are strings. */
	cr_expect_eq(run_kattis_flags(none, 0, "1.0\n", "1.00\n", fb, sizeof(fb)), CHECK_WA);
	/* Absolute, relative, or either. */
	cr_expect_eq(run_kattis_flags(abs_only, 2, "1000000\n", "1000000.5\n", fb, sizeof(fb)), CHECK_WA);
	cr_expect_eq(run_kattis_flags(rel_only, 2, "1000000\n", "1000000.5\n", fb, sizeof(fb)), CHECK_AC);
	cr_expect_eq(run_kattis_flags(rel_only, 2, "0\n", "1e-7\n", fb, sizeof(fb)), CHECK_WA);
	cr_expect_eq(run_kattis_flags(abs_only, 2, "0\n", "1e-7\n", fb, sizeof(fb)), CHECK_AC);
	cr_expect_eq(run_kattis_flags(both, 2, "0 1000000\n", "1e-7 1000000.5\n", fb, sizeof(fb)), CHECK_AC);
	cr_expect_eq(run_kattis_flags(both, 2, "1.5\n", "x\n", fb, sizeof(fb)), CHECK_WA);
	cr_expect_eq(run_kattis_flags(both, 2, "ABC 1\n", "abc 1\n", fb, sizeof(fb)), CHECK_AC);
}

/* ==== External checkers ==== */

static enum check_result run_external(enum checker_kind kind, const char *body, int64_t time_ms,
				      char *fb, size_t fl)
{
	const char *prog = write_script("checker.sh", body);
	struct checker c;
	struct jerr err;
	enum check_result r;

	cr_assert_eq(checker_external(kind, prog, NULL, 0, &c, &err), 0, "%s", err.msg);
	if (time_ms)
		c.time_ms = time_ms;
	r = checker_run(&c, write_text("in", "input\n"), write_text("out", "output\n"),
			write_text("ans", "answer\n"), fb, fl);
	checker_free(&c);
	return r;
}

struct ext_case {
	enum checker_kind kind;
	const char *body;
	enum check_result want;
	const char *feedback;
};

static const struct ext_case ext_cases[] = {
	{ CHECKER_TESTLIB, "echo ok 1 number >&2; exit 0", CHECK_AC, "ok 1 number" },
	{ CHECKER_TESTLIB, "echo 'wrong answer expected 3, found 4' >&2; exit 1", CHECK_WA,
	  "wrong answer expected 3, found 4" },
	{ CHECKER_TESTLIB, "echo 'wrong output format' ; exit 2", CHECK_PE, "wrong output format" },
	{ CHECKER_TESTLIB, "echo 'FAIL answer has no number' >&2; exit 3", CHECK_FAIL,
	  "checker exited with status 3: FAIL answer has no number" },
	{ CHECKER_TESTLIB, "exit 42", CHECK_FAIL, "checker exited with status 42" },
	{ CHECKER_TESTLIB, "kill -SEGV $$", CHECK_FAIL, "checker killed by signal 11 (SIGSEGV)" },
	{ CHECKER_TESTLIB, "kill -KILL $$", CHECK_FAIL, "checker killed by signal 9 (SIGKILL)" },
	/* Arguments in testlib order, stdin empty. */
	{ CHECKER_TESTLIB, "read x && exit 3; [ \"$(cat \"$1\")$(cat \"$2\")$(cat \"$3\")\" = inputoutputanswer ] || exit 1",
	  CHECK_AC, NULL },
	{ CHECKER_TESTLIB, "printf 'line one\\r\\n\\001bad\\377\\n\\n'; exit 1", CHECK_WA, "line one\n?bad?" },
	{ CHECKER_KATTIS, "exit 42", CHECK_AC, NULL },
	{ CHECKER_KATTIS, "echo 'wrong: 3 != 4' > \"$3/judgemessage.txt\"; exit 43", CHECK_WA, "wrong: 3 != 4" },
	{ CHECKER_KATTIS, "exit 0", CHECK_FAIL, "checker exited with status 0" },
	{ CHECKER_KATTIS, "exit 1", CHECK_FAIL, "checker exited with status 1" },
	{ CHECKER_KATTIS, "echo 'answer file is broken' > \"$3\"judgeerror.txt; exit 1", CHECK_FAIL,
	  "checker exited with status 1: answer file is broken" },
	/* Kattis order: input answer feedback_dir/, program output on stdin. */
	{ CHECKER_KATTIS, "read x; [ \"$x\" = output ] && [ \"$(cat \"$1\")$(cat \"$2\")\" = inputanswer ] && "
	  "[ -d \"$3\" ] && case \"$3\" in */) exit 42;; esac; exit 43", CHECK_AC, NULL },
	{ CHECKER_KATTIS, "echo to stdout; echo to stderr >&2; exit 43", CHECK_WA, "to stdout\nto stderr" },
};

Test(checker, external_table)
{
	char fb[512];

	for (size_t i = 0; i < ARRAY_SIZE(ext_cases); i++) {
		const struct ext_case *t = &ext_cases[i];
		enum check_result r = run_external(t->kind, t->body, 0, fb, sizeof(fb));

		cr_expect_eq(r, t->want, "case %zu (%s): got %s, feedback \"%s\"", i, t->body,
			     checker_result_name(r), fb);
		if (t->feedback)
			cr_expect(strstr(fb, t->feedback), "case %zu: feedback \"%s\" lacks \"%s\"", i, fb,
				  t->feedback);
	}
	/* No feedback directory outlives its run. */
	cr_expect_eq(count_entries("judge-feedback-"), 0);
}

Test(checker, extra_arguments_follow_the_standard_ones)
{
	static const char *const flags[] = { "float_tolerance", "1e-6" };
	const char *prog = write_script("v", "[ \"$4\" = float_tolerance ] && [ \"$5\" = 1e-6 ] && exit 42; exit 43");
	struct checker c;
	struct jerr err;
	char fb[256];

	cr_assert_eq(checker_external(CHECKER_KATTIS, prog, (char *const *)flags, 2, &c, &err), 0);
	cr_expect_eq(checker_run(&c, write_text("in", ""), write_text("out", ""), write_text("ans", ""),
				 fb, sizeof(fb)), CHECK_AC, "%s", fb);
	checker_free(&c);
	cr_expect_null(c.args);
}

Test(checker, external_errors)
{
	struct checker c;
	struct jerr err;

	cr_expect_eq(checker_external(CHECKER_TESTLIB, path_of("none"), NULL, 0, &c, &err), -1);
	cr_expect(strstr(err.msg, "no such file"), "%s", err.msg);
	cr_expect_eq(checker_external(CHECKER_TOKENS, write_script("x", "exit 0"), NULL, 0, &c, &err), -1);
}

Test(checker, hanging_checker_times_out_quickly)
{
	char fb[256];
	int64_t t0 = util_now_ns(), ms;

	watchdog(20);
	cr_expect_eq(run_external(CHECKER_TESTLIB, "sleep 1000", 200, fb, sizeof(fb)), CHECK_FAIL);
	ms = (util_now_ns() - t0) / 1000000;
	cr_expect_str_eq(fb, "checker timed out after 400 ms");
	cr_expect_geq(ms, 390);
	/* far less than the checker's 1000 s: it was killed, on a loaded machine too */
	cr_expect_lt(ms, 15000);
}

/* A checker that stops reading but keeps its output pipe open through a helper. */
Test(checker, helpers_die_with_the_checker)
{
	const char *pidfile = path_of("pid");
	char fb[256], body[512], *text;
	pid_t helper;
	bool gone = false;

	watchdog(20);
	snprintf(body, sizeof(body), "sleep 1000 & echo $! > %s; exit 0", pidfile);
	cr_expect_eq(run_external(CHECKER_TESTLIB, body, 0, fb, sizeof(fb)), CHECK_AC, "%s", fb);
	text = util_read_file(pidfile, NULL);
	cr_assert(text);
	helper = (pid_t)atoi(text);
	free(text);
	cr_assert_gt(helper, 0);
	for (int i = 0; i < 200 && !gone; i++) {
		char stat_path[64], *st;

		snprintf(stat_path, sizeof(stat_path), "/proc/%d/stat", (int)helper);
		st = util_read_file(stat_path, NULL);
		/* Gone, or a zombie waiting for its new parent to reap it. */
		gone = !st || strstr(st, ") Z ");
		free(st);
		if (!gone)
			usleep(10000);
	}
	cr_expect(gone, "helper %d still running", (int)helper);
}

Test(checker, cpu_hog_hits_its_rlimit)
{
	char fb[256];

	watchdog(30);
	cr_expect_eq(run_external(CHECKER_TESTLIB, "while :; do :; done", 1000, fb, sizeof(fb)), CHECK_FAIL);
	cr_expect(strstr(fb, "SIGXCPU") || strstr(fb, "timed out"), "%s", fb);
}

Test(checker, chatty_checker_is_capped)
{
	char fb[1024];

	cr_expect_eq(run_external(CHECKER_TESTLIB, "yes 'wrong answer' | head -c 10000000; exit 1", 0,
				  fb, sizeof(fb)), CHECK_WA);
	cr_expect_eq(strlen(fb), sizeof(fb) - 1);
	cr_expect(strncmp(fb, "wrong answer\nwrong answer\n", 26) == 0, "%s", fb);
}

Test(checker, memory_limit_applies)
{
	struct checker c;
	struct jerr err;
	char fb[256];

	/* Under RLIMIT_AS of 1 MiB not even the shell's loader fits: it must not count as AC. */
	cr_assert_eq(checker_external(CHECKER_TESTLIB, write_script("m", "exit 0"), NULL, 0, &c, &err), 0);
	c.memory_kib = 1024;
	cr_expect_eq(checker_run(&c, NULL, write_text("out", ""), write_text("ans", ""), fb, sizeof(fb)),
		     CHECK_FAIL, "%s", fb);
}

Test(checker, vanished_program_is_a_failure)
{
	const char *prog = write_script("gone", "exit 0");
	struct checker c;
	struct jerr err;
	char fb[512];

	cr_assert_eq(checker_external(CHECKER_TESTLIB, prog, NULL, 0, &c, &err), 0);
	cr_assert_eq(unlink(prog), 0);
	cr_expect_eq(checker_run(&c, NULL, write_text("out", ""), write_text("ans", ""), fb, sizeof(fb)),
		     CHECK_FAIL);
	cr_expect(strstr(fb, "cannot run checker"), "%s", fb);
	cr_expect(strstr(fb, "No such file"), "%s", fb);
}

/* A judge that ignores SIGCHLD loses exit statuses: that must not read as exit 0 = AC. */
Test(checker, lost_status_is_never_accepted)
{
	char fb[256];

	watchdog(20);
	signal(SIGCHLD, SIG_IGN);
	cr_expect_eq(run_external(CHECKER_TESTLIB, "exit 0", 0, fb, sizeof(fb)), CHECK_FAIL);
	cr_expect(strstr(fb, "lost the checker's exit status"), "%s", fb);
}

Test(checker, kattis_feedback_directory_is_removed)
{
	char fb[1024], body[256];
	struct stat st;

	/* The validator leaves files and a subdirectory behind; the judge cleans up. */
	snprintf(body, sizeof(body), "mkdir \"$3/sub\"; echo x > \"$3/sub/f\"; echo x > \"$3/teammessage.txt\"; "
		 "printf %%s \"$3\" > \"$3/judgemessage.txt\"; exit 43");
	cr_expect_eq(run_external(CHECKER_KATTIS, body, 0, fb, sizeof(fb)), CHECK_WA);
	cr_expect(strstr(fb, dir) == fb, "feedback dir %s not under TMPDIR %s", fb, dir);
	cr_expect_neq(stat(fb, &st), 0, "%s still exists", fb);
	cr_expect_eq(errno, ENOENT);
	cr_expect_eq(count_entries("judge-feedback-"), 0);
}

Test(checker, output_file_missing_for_kattis)
{
	struct checker c;
	struct jerr err;
	char fb[512];

	cr_assert_eq(checker_external(CHECKER_KATTIS, write_script("v", "exit 42"), NULL, 0, &c, &err), 0);
	cr_expect_eq(checker_run(&c, NULL, path_of("nothing"), write_text("ans", ""), fb, sizeof(fb)),
		     CHECK_FAIL);
	cr_expect(strstr(fb, "cannot open"), "%s", fb);
	cr_expect_eq(count_entries("judge-feedback-"), 0);
}

Test(checker, result_names)
{
	cr_expect_str_eq(checker_result_name(CHECK_NONE), "NONE");
	cr_expect_str_eq(checker_result_name(CHECK_AC), "AC");
	cr_expect_str_eq(checker_result_name(CHECK_PE), "PE");
	cr_expect_str_eq(checker_result_name(CHECK_FAIL), "FAIL");
}
