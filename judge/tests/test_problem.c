#include <criterion/criterion.h>
#include <errno.h>
#include <ftw.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "natsort.h"
#include "problem.h"

/*
 * Fixtures that git can hold live in tests/data/problems/; the rest (no
 * answer, empty folder, symlink loop, unreadable file) are built in a fresh
 * temporary directory per test.
 */

static char tmp[64];

static const char *fixture(const char *name)
{
	static char path[1024];
	const char *base = getenv("JUDGE_TESTDATA");

	snprintf(path, sizeof(path), "%s/problems/%s", base ? base : "judge/tests/data", name);
	return path;
}

/* Writes tmp/rel, creating the folders on the way. */
static void put(const char *rel, const char *text)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	for (char *s = strchr(path + strlen(tmp) + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		cr_assert(mkdir(path, 0755) == 0 || errno == EEXIST, "mkdir %s: %s", path, strerror(errno));
		*s = '/';
	}
	f = fopen(path, "w");
	cr_assert(f, "%s: %s", path, strerror(errno));
	fputs(text, f);
	fclose(f);
}

static const char *in_tmp(const char *rel)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	return path;
}

static void tmp_setup(void)
{
	snprintf(tmp, sizeof(tmp), "/tmp/judge-problem-XXXXXX");
	cr_assert(mkdtemp(tmp), "mkdtemp: %s", strerror(errno));
	cr_assert(chmod(tmp, 0755) == 0);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void tmp_teardown(void)
{
	if (tmp[0])
		nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static const char *formatted(const struct jerr *e)
{
	static char buf[1024];

	jerr_format(e, buf, sizeof(buf));
	return buf;
}

/*** natural order ***/

Test(natsort, pairs_in_order)
{
	static const char *const less[][2] = {
		{ "2", "10" },
		{ "test2", "test10" },
		{ "a/9", "a/10" },
		{ "a/10", "b/1" },
		{ "9", "a" },
		{ "group2/x", "group10/a" },
		{ "007", "8" },
		{ "01", "1" },		/* equal as numbers: byte order decides */
		{ "a", "a1" },
		{ "x1y2", "x1y10" },
		{ "99999999999999999999999", "100000000000000000000000" },	/* beyond 64 bits */
		{ "sample/3", "secret/1" },
		{ "A", "a" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(less); i++) {
		cr_expect_lt(natsort_cmp(less[i][0], less[i][1]), 0, "%s < %s", less[i][0], less[i][1]);
		cr_expect_gt(natsort_cmp(less[i][1], less[i][0]), 0, "%s > %s", less[i][1], less[i][0]);
	}
	cr_expect_eq(natsort_cmp("a10b", "a10b"), 0);
	cr_expect_eq(natsort_cmp("", ""), 0);
	cr_expect_lt(natsort_cmp("", "0"), 0);
}

static int cmp_str(const void *a, const void *b)
{
	return natsort_cmp(*(const char *const *)a, *(const char *const *)b);
}

Test(natsort, sorts_a_list)
{
	const char *v[] = { "10", "test10", "1", "test2", "a/10", "2", "a/9", "01", "test1" };
	static const char *const want[] = {
		"01", "1", "2", "10", "a/9", "a/10", "test1", "test2", "test10",
	};

	qsort(v, ARRAY_SIZE(v), sizeof(v[0]), cmp_str);
	for (size_t i = 0; i < ARRAY_SIZE(v); i++)
		cr_expect_str_eq(v[i], want[i], "position %zu", i);
}

/*** plain folders ***/

static void expect_test(const struct problem *p, size_t i, const char *name, const char *group,
			const char *answer_ext)
{
	char want[4096];

	cr_assert_lt(i, p->n_tests);
	cr_expect_str_eq(p->tests[i].name, name);
	cr_expect_str_eq(p->tests[i].group, group, "group of %s", name);
	snprintf(want, sizeof(want), "%s/%s.in", p->root, name);
	cr_expect_str_eq(p->tests[i].input, want);
	snprintf(want, sizeof(want), "%s/%s.%s", p->root, name, answer_ext);
	cr_expect_str_eq(p->tests[i].answer, want);
}

Test(problem, flat_folder)
{
	struct problem p;
	struct jerr e = { 0 };

	cr_assert_eq(problem_load(fixture("flat"), &p, &e), 0, "%s", formatted(&e));
	cr_expect_eq(p.format, PROBLEM_DIR);
	cr_expect_str_eq(p.name, "flat");
	cr_assert_eq(p.n_tests, 4);
	expect_test(&p, 0, "1", "", "ans");
	expect_test(&p, 1, "2", "", "out");
	expect_test(&p, 2, "10", "", "ans");
	expect_test(&p, 3, "both", "", "ans");	/* .ans wins over .out */
	cr_expect_eq(p.time_ms, -1);
	cr_expect_eq(p.memory_kib, -1);
	cr_expect_eq(p.output_bytes, -1);
	cr_expect_not(p.custom_validation);
	cr_expect_null(p.validator_dir);
	cr_expect_eq(p.n_validator_flags, 0);
	cr_assert_not_null(p.checker);
	cr_expect(strstr(p.checker, "/flat/checker.cpp"), "%s", p.checker);
	problem_free(&p);
}

Test(problem, nested_folder)
{
	struct problem p;
	struct jerr e = { 0 };
	char root[1100];

	/* A trailing slash on the path does not show up in the test paths. */
	snprintf(root, sizeof(root), "%s/", fixture("nested"));
	cr_assert_eq(problem_load(root, &p, &e), 0, "%s", formatted(&e));
	cr_expect_str_eq(p.root, fixture("nested"));
	cr_assert_eq(p.n_tests, 6);
	expect_test(&p, 0, "group1/1", "group1", "ans");
	expect_test(&p, 1, "group1/9", "group1", "out");
	expect_test(&p, 2, "group1/10", "group1", "ans");
	expect_test(&p, 3, "group2/deep/a", "group2/deep", "ans");
	expect_test(&p, 4, "group10/1", "group10", "ans");
	expect_test(&p, 5, "top", "", "ans");
	cr_expect_null(p.checker);
	problem_free(&p);
}

TestSuite(problem_tmp, .init = tmp_setup, .fini = tmp_teardown);

Test(problem_tmp, missing_answer)
{
	struct problem p;
	struct jerr e = { 0 };
	char want[512];

	put("tests/1.in", "1");
	put("tests/1.ans", "1");
	put("tests/3.in", "3");
	put("tests/3.ans.bak", "3");
	cr_assert_eq(problem_load(in_tmp("tests"), &p, &e), -1);
	snprintf(want, sizeof(want), "%s/tests/3.in: has no 3.ans or 3.out", tmp);
	cr_expect_str_eq(formatted(&e), want);
	cr_expect_eq(p.n_tests, 0);
	cr_expect_null(p.tests);
	problem_free(&p);
}

Test(problem_tmp, first_missing_answer_in_natural_order)
{
	struct problem p;
	struct jerr e = { 0 };

	/* Whatever order readdir() gives, the error names test 2, not 10. */
	put("10.in", "");
	put("2.in", "");
	put("1.in", "");
	put("1.out", "");
	cr_assert_eq(problem_load(tmp, &p, &e), -1);
	cr_expect(strstr(e.file, "/2.in"), "%s", formatted(&e));
}

Test(problem_tmp, empty_folder)
{
	struct problem p;
	struct jerr e = { 0 };
	char want[512];

	put("notes.txt", "no tests here");
	put("sub/1.ans", "an answer without input");
	cr_assert_eq(problem_load(tmp, &p, &e), -1);
	snprintf(want, sizeof(want), "%s: no NAME.in files under %s", tmp, tmp);
	cr_expect_str_eq(formatted(&e), want);
}

Test(problem_tmp, not_a_directory)
{
	struct problem p;
	struct jerr e = { 0 };

	put("file", "x");
	cr_assert_eq(problem_load(in_tmp("file"), &p, &e), -1);
	cr_expect_str_eq(e.file, in_tmp("file"));
	cr_expect(strstr(e.msg, "not a directory"), "%s", formatted(&e));
}

Test(problem_tmp, does_not_exist)
{
	struct problem p;
	struct jerr e = { 0 };

	cr_assert_eq(problem_load(in_tmp("nowhere"), &p, &e), -1);
	cr_expect_str_eq(e.file, in_tmp("nowhere"));
	cr_expect(strstr(e.msg, "no such"), "%s", formatted(&e));
}

Test(problem_tmp, symlink_loop_does_not_hang, .timeout = 10)
{
	struct problem p;
	struct jerr e = { 0 };

	put("a/1.in", "1");
	put("a/1.ans", "1");
	cr_assert(symlink("..", in_tmp("a/up")) == 0);
	cr_assert(symlink("loop", in_tmp("loop")) == 0);
	/* A file symlink is followed; a directory symlink is not. */
	put("real/2.data", "2");
	cr_assert(symlink("../real/2.data", in_tmp("a/2.in")) == 0);
	put("a/2.ans", "2");
	cr_assert_eq(problem_load(tmp, &p, &e), 0, "%s", formatted(&e));
	cr_assert_eq(p.n_tests, 2);
	cr_expect_str_eq(p.tests[0].name, "a/1");
	cr_expect_str_eq(p.tests[1].name, "a/2");
	problem_free(&p);
}

/* Runs problem_load() as nobody, so that file modes matter even under root. */
static int load_as_nobody(const char *path, struct jerr *e)
{
	struct passwd *pw = getpwnam("nobody");
	int fds[2], st;
	pid_t pid;

	if (!pw || pipe(fds) < 0)
		return -2;
	pid = fork();
	if (pid == 0) {
		struct problem p;
		int r;

		close(fds[0]);
		if (geteuid() == 0 && (setgid(pw->pw_gid) < 0 || setuid(pw->pw_uid) < 0))
			_exit(3);
		r = problem_load(path, &p, e);
		problem_free(&p);
		if (write(fds[1], e, sizeof(*e)) != (ssize_t)sizeof(*e))
			_exit(4);
		_exit(r == 0 ? 0 : 1);
	}
	close(fds[1]);
	if (read(fds[0], e, sizeof(*e)) != (ssize_t)sizeof(*e))
		memset(e, 0, sizeof(*e));
	close(fds[0]);
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -2;
}

Test(problem_tmp, unreadable_input)
{
	struct jerr e = { 0 };
	int r;

	put("1.in", "1");
	put("1.ans", "1");
	cr_assert(chmod(in_tmp("1.in"), 0) == 0);
	r = load_as_nobody(tmp, &e);
	if (r == 3)
		harness_skip("cannot switch to user nobody");
	cr_assert_eq(r, 1, "load should fail (%d)", r);
	cr_expect_str_eq(e.file, in_tmp("1.in"));
	cr_expect(strstr(e.msg, "cannot read"), "%s", formatted(&e));
}

Test(problem_tmp, two_checker_sources)
{
	struct problem p;
	struct jerr e = { 0 };

	put("1.in", "1");
	put("1.ans", "1");
	put("checker.cpp", "");
	put("checker.py", "");
	cr_assert_eq(problem_load(tmp, &p, &e), -1);
	cr_expect(strstr(e.msg, "checker.cpp and checker.py"), "%s", formatted(&e));
}

Test(problem_tmp, executable_checker_wins)
{
	struct problem p;
	struct jerr e = { 0 };

	put("1.in", "1");
	put("1.ans", "1");
	put("checker.cpp", "");
	put("checker", "#!/bin/sh\nexit 0\n");
	cr_assert(chmod(in_tmp("checker"), 0755) == 0);
	cr_assert_eq(problem_load(tmp, &p, &e), 0, "%s", formatted(&e));
	cr_expect_str_eq(p.checker, in_tmp("checker"));
	problem_free(&p);
}

/*** Kattis packages ***/

Test(kattis, package)
{
	static const char *const names[] = {
		"sample/1", "sample/2", "secret/3", "secret/group1/2", "secret/group1/10",
	};
	static const char *const groups[] = {
		"sample", "sample", "secret", "secret/group1", "secret/group1",
	};
	struct problem p;
	struct jerr e = { 0 };
	char want[4096];

	cr_assert_eq(problem_load(fixture("kattis"), &p, &e), 0, "%s", formatted(&e));
	cr_expect_eq(p.format, PROBLEM_KATTIS);
	cr_expect_str_eq(p.name, "Hello Kattis");
	cr_expect_eq(p.time_ms, 2500, "the .timelimit file beats limits.time_limit");
	cr_expect_eq(p.memory_kib, 512 * 1024);
	cr_expect_eq(p.output_bytes, 8 * 1024 * 1024);
	cr_expect(p.interactive);
	cr_expect(p.custom_validation);
	cr_assert_eq(p.n_validator_flags, 3);
	cr_expect_str_eq(p.validator_flags[0], "float_tolerance");
	cr_expect_str_eq(p.validator_flags[1], "1e-6");
	cr_expect_str_eq(p.validator_flags[2], "case_sensitive");
	snprintf(want, sizeof(want), "%s/output_validators/interactor", p.root);
	cr_expect_str_eq(p.validator_dir, want);
	cr_expect_null(p.checker);

	cr_assert_eq(p.n_tests, ARRAY_SIZE(names));
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		cr_expect_str_eq(p.tests[i].name, names[i]);
		cr_expect_str_eq(p.tests[i].group, groups[i]);
		snprintf(want, sizeof(want), "%s/data/%s.in", p.root, names[i]);
		cr_expect_str_eq(p.tests[i].input, want);
		snprintf(want, sizeof(want), "%s/data/%s.ans", p.root, names[i]);
		cr_expect_str_eq(p.tests[i].answer, want);
	}
	problem_free(&p);
}

Test(kattis, limits_from_yaml)
{
	struct problem p;
	struct jerr e = { 0 };

	cr_assert_eq(problem_load(fixture("kattis_yaml"), &p, &e), 0, "%s", formatted(&e));
	cr_expect_str_eq(p.name, "Limits Only");
	cr_expect_eq(p.time_ms, 250);
	cr_expect_eq(p.memory_kib, 64 * 1024);
	cr_expect_eq(p.output_bytes, -1);
	cr_expect_not(p.interactive);
	cr_expect_not(p.custom_validation);
	cr_expect_null(p.validator_dir);
	cr_assert_eq(p.n_validator_flags, 2);
	cr_expect_str_eq(p.validator_flags[0], "--mode");
	cr_expect_str_eq(p.validator_flags[1], "two words");
	cr_assert_eq(p.n_tests, 1);
	cr_expect_str_eq(p.tests[0].name, "secret/1");
	problem_free(&p);
}

Test(kattis, data_folder_alone)
{
	struct problem p;
	struct jerr e = { 0 };

	cr_assert_eq(problem_load(fixture("kattis_data"), &p, &e), 0, "%s", formatted(&e));
	cr_expect_eq(p.format, PROBLEM_KATTIS);
	cr_expect_str_eq(p.name, "kattis_data");
	cr_expect_eq(p.time_ms, -1);
	cr_expect_eq(p.memory_kib, -1);
	cr_assert_eq(p.n_tests, 1);
	problem_free(&p);
}

Test(kattis, yaml_syntax_error_position)
{
	struct problem p;
	struct jerr e = { 0 };

	cr_assert_eq(problem_load(fixture("yaml_syntax"), &p, &e), -1);
	cr_expect(strstr(e.file, "yaml_syntax/problem.yaml"), "%s", e.file);
	cr_expect_str_eq(e.msg, "YAML syntax error: did not find expected ',' or ']' "
			 "(while parsing a flow sequence at 3:11)");
	cr_expect_eq(e.line, 4, "%s", formatted(&e));
	cr_expect_eq(e.col, 9, "%s", formatted(&e));
}

Test(kattis, wrong_type_position)
{
	struct problem p;
	struct jerr e = { 0 };
	char want[1200];

	cr_assert_eq(problem_load(fixture("yaml_type"), &p, &e), -1);
	snprintf(want, sizeof(want), "%s/problem.yaml:4:11: limits.memory: "
		 "expected a positive whole number of MiB, got a list", fixture("yaml_type"));
	cr_expect_str_eq(formatted(&e), want);
}

/* problem.yaml text -> the formatted error, or "" when it loads. */
static const char *load_yaml_text(const char *yaml)
{
	static char buf[1024];
	struct problem p;
	struct jerr e = { 0 };
	const char *s;

	put("data/sample/1.in", "1");
	put("data/sample/1.ans", "1");
	put("problem.yaml", yaml);
	if (problem_load(tmp, &p, &e) == 0) {
		problem_free(&p);
		return "";
	}
	/* Drop the temporary directory, which differs on every run. */
	s = formatted(&e);
	snprintf(buf, sizeof(buf), "%s", strncmp(s, tmp, strlen(tmp)) ? s : s + strlen(tmp) + 1);
	return buf;
}

Test(problem_tmp, yaml_values)
{
	static const struct { const char *yaml, *err; } cases[] = {
		{ "", "" },
		{ "limits:\n", "" },
		{ "name: ~\nlimits: {time_limit: 2.0}\n", "" },
		{ "limits:\n  time_limit: -1\n",
		  "problem.yaml:2:15: limits.time_limit: bad time limit \"-1\": "
		  "expected a positive number of seconds such as 2 or 0.5" },
		{ "limits:\n  time_limit: 0\n",
		  "problem.yaml:2:15: limits.time_limit: bad time limit \"0\": "
		  "expected a positive number of seconds such as 2 or 0.5" },
		{ "limits:\n  time_limit: \"2\"\n",
		  "problem.yaml:2:15: limits.time_limit: "
		  "expected a positive number of seconds such as 2 or 0.5, got the string \"2\"" },
		{ "limits: 5\n", "problem.yaml:1:9: limits: expected a mapping, got \"5\"" },
		{ "- a\n- b\n", "problem.yaml:1:1: expected a mapping, got a list" },
		{ "limits:\n  output: 1.5\n",
		  "problem.yaml:2:11: limits.output: expected a positive whole number of MiB, got \"1.5\"" },
		{ "validation: default\ntype: [scoring]\n", "" },
		{ "validation: costum\n",
		  "problem.yaml:1:13: validation: unknown mode \"costum\" "
		  "(expected default, custom, custom interactive, interactive, multi-pass, ...)" },
		{ "validator_flags: {a: 1}\n",
		  "problem.yaml:1:18: validator_flags: expected a string or a list of strings, got a mapping" },
		{ "validator_flags: [a, [b]]\n",
		  "problem.yaml:1:22: validator_flags: expected a string, got a list" },
		{ "name: a\nname: b\n", "problem.yaml:2:1: name: given twice (first at line 1)" },
		{ "name: {de: Hallo, en: Hello}\n", "" },
		{ "name: [x]\n", "problem.yaml:1:7: name: expected a string, got a list" },
		{ "validation: custom\n",
		  "problem.yaml: validation: custom validation, but neither output_validators/ nor output_validator/ holds a validator" },
		{ "name: x\n\tlimits: 1\n",
		  "problem.yaml:2:1: YAML syntax error: found a tab character that violates indentation "
		  "(while scanning a plain scalar at 1:7)" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_expect_str_eq(load_yaml_text(cases[i].yaml), cases[i].err, "case %zu: %s", i, cases[i].yaml);
}

Test(problem_tmp, yaml_file_io)
{
	static const struct { const char *yaml, *err; } cases[] = {
		{ "file_io: {input: input.txt, output: output.txt}\n", "" },
		{ "file_io:\n  output: out.txt\n", "" },
		{ "file_io:\n  input: ../secret\n",
		  "problem.yaml:2:10: file_io.input: expected a file name such as input.txt, "
		  "without '/', got \"../secret\"" },
		{ "file_io: {output: ..}\n",
		  "problem.yaml:1:19: file_io.output: expected a file name such as input.txt, "
		  "without '/', got \"..\"" },
		{ "file_io: {input: a.txt, output: a.txt}\n",
		  "problem.yaml:1:33: file_io.output: the output file cannot be the input file" },
		{ "file_io: {input: [a]}\n",
		  "problem.yaml:1:18: file_io.input: expected a file name such as input.txt, got a list" },
	};
	struct problem p;
	struct jerr e = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_expect_str_eq(load_yaml_text(cases[i].yaml), cases[i].err, "case %zu: %s", i, cases[i].yaml);
	put("problem.yaml", "file_io:\n  input: input.txt\n  output: output.txt\n");
	cr_assert_eq(problem_load(tmp, &p, &e), 0, "%s", formatted(&e));
	cr_expect_str_eq(p.io_input, "input.txt");
	cr_expect_str_eq(p.io_output, "output.txt");
	problem_free(&p);
}

/* A plain folder's .file_io: problem.yaml's file_io keys, one a line. */
static const char *load_file_io_text(const char *text)
{
	static char buf[1024];
	struct problem p;
	struct jerr e = { 0 };
	const char *s;

	put("1.in", "1");
	put("1.ans", "1");
	put(".file_io", text);
	if (problem_load(tmp, &p, &e) == 0) {
		snprintf(buf, sizeof(buf), "in=%s out=%s", p.io_input ? p.io_input : "-",
			 p.io_output ? p.io_output : "-");
		problem_free(&p);
		return buf;
	}
	s = formatted(&e);
	snprintf(buf, sizeof(buf), "%s", strncmp(s, tmp, strlen(tmp)) ? s : s + strlen(tmp) + 1);
	return buf;
}

Test(problem_tmp, folder_file_io)
{
	static const struct { const char *text, *want; } cases[] = {
		{ "input: input.txt\noutput: output.txt\n", "in=input.txt out=output.txt" },
		{ "# olympiad style\n\n  output :  out.txt  \r\n", "in=- out=out.txt" },
		{ "input: in.txt", "in=in.txt out=-" },
		{ "", "in=- out=-" },
		{ "input: ../secret\n",
		  ".file_io:1:8: input: expected a file name such as input.txt, without '/', got \"../secret\"" },
		{ "input: a\ninput: b\n", ".file_io:2:1: input: given twice" },
		{ "input: a\noutput: a\n", ".file_io:2:1: output: the output file cannot be the input file" },
		{ "\n  ouptut: a\n", ".file_io:2:3: ouptut: unknown key (did you mean output?)" },
		{ "input.txt\n", ".file_io:1:1: input.txt: expected \"input: NAME\" or \"output: NAME\"" },
		{ "stdin: x\n", ".file_io:1:1: stdin: unknown key (input or output)" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_expect_str_eq(load_file_io_text(cases[i].text), cases[i].want, "case %zu: %s", i,
				 cases[i].text);
}

Test(problem_tmp, yaml_name_prefers_english)
{
	struct problem p;
	struct jerr e = { 0 };

	put("data/secret/1.in", "1");
	put("data/secret/1.ans", "1");
	put("problem.yaml", "name:\n  de: Hallo\n  en: Hello\n");
	cr_assert_eq(problem_load(tmp, &p, &e), 0, "%s", formatted(&e));
	cr_expect_str_eq(p.name, "Hello");
	problem_free(&p);
}

Test(problem_tmp, timelimit_file)
{
	static const struct { const char *text; int64_t ms; } cases[] = {
		{ "2\n", 2000 }, { " 0.5 \n", 500 }, { "1.0001", 1001 }, { ".25", 250 },
		{ "abc", -1 }, { "", -1 }, { "-2", -1 }, { "0", -1 }, { "1e3", -1 },
	};

	put("data/secret/1.in", "1");
	put("data/secret/1.ans", "1");
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct problem p;
		struct jerr e = { 0 };
		int r;

		put(".timelimit", cases[i].text);
		r = problem_load(tmp, &p, &e);
		if (cases[i].ms < 0) {
			cr_expect_eq(r, -1, "\"%s\" should be refused", cases[i].text);
			cr_expect_str_eq(e.file, in_tmp(".timelimit"));
			cr_expect(strstr(e.msg, "bad time limit"), "%s", formatted(&e));
		} else {
			cr_expect_eq(r, 0, "%s", formatted(&e));
			cr_expect_eq(p.time_ms, cases[i].ms, "\"%s\"", cases[i].text);
		}
		problem_free(&p);
	}
}

Test(problem_tmp, timelimit_file_in_a_plain_folder)
{
	struct problem p;
	struct jerr e = { 0 };

	put("1.in", "1");
	put("1.ans", "1");
	put(".timelimit", "4\n");
	cr_assert_eq(problem_load(tmp, &p, &e), 0, "%s", formatted(&e));
	cr_expect_eq(p.time_ms, 4000);
	cr_expect_eq(p.n_tests, 1);
	problem_free(&p);
}

Test(problem_tmp, kattis_wants_ans)
{
	struct problem p;
	struct jerr e = { 0 };

	put("problem.yaml", "name: x\n");
	put("data/secret/1.in", "1");
	put("data/secret/1.out", "1");
	cr_assert_eq(problem_load(tmp, &p, &e), -1);
	cr_expect_str_eq(e.file, in_tmp("data/secret/1.in"));
	cr_expect_str_eq(e.msg, "has no 1.ans");
}

Test(problem_tmp, kattis_without_tests)
{
	struct problem p;
	struct jerr e = { 0 };

	put("problem.yaml", "name: x\n");
	put("1.in", "tests belong in data/");
	put("1.ans", "");
	cr_assert_eq(problem_load(tmp, &p, &e), -1);
	cr_expect(strstr(e.msg, "no NAME.in files under"), "%s", formatted(&e));
	cr_expect(strstr(e.msg, "data/sample"), "%s", formatted(&e));
}

Test(problem_tmp, two_validators)
{
	struct problem p;
	struct jerr e = { 0 };

	put("data/secret/1.in", "1");
	put("data/secret/1.ans", "1");
	put("output_validators/a/a.cpp", "");
	put("output_validators/b.py", "");
	cr_assert_eq(problem_load(tmp, &p, &e), -1);
	cr_expect_str_eq(e.file, in_tmp("output_validators"));
	cr_expect(strstr(e.msg, "expected one validator"), "%s", formatted(&e));
}

/* A typo in problem.yaml is an error naming the key and where; another version's key only a warning. */
Test(problem_tmp, yaml_unknown_keys)
{
	static const struct { const char *yaml, *err; } cases[] = {
		{ "limits:\n  memroy: 256\n",
		  "problem.yaml:2:3: limits.memroy: unknown key (did you mean memory?)" },
		{ "nmae: x\n", "problem.yaml:1:1: nmae: unknown key (did you mean name?)" },
		{ "zzzzzz: 1\n", "problem.yaml:1:1: zzzzzz: unknown key" },
		{ "problem_format_version: 2023-07-draft\nlimits:\n  time_multipliers:\n"
		  "    ac_to_time_limt: 3\n",
		  "problem.yaml:4:5: limits.time_multipliers.ac_to_time_limt: unknown key "
		  "(did you mean ac_to_time_limit?)" },
		{ "source: x\nlicense: cc by-sa\nauthor: a\nrights_owner: b\n", "" },
		{ "limits:\n  time_multiplier: 0\n",
		  "problem.yaml:2:20: limits.time_multiplier: expected a positive number such as 2 or 1.5, got \"0\"" },
		{ "limits:\n  validation_passes: 1\n",
		  "problem.yaml:2:22: limits.validation_passes: expected a whole number of passes from 2 to 100, got \"1\"" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_expect_str_eq(load_yaml_text(cases[i].yaml), cases[i].err, "case %zu: %s", i, cases[i].yaml);
}

Test(problem_tmp, yaml_other_version_warns)
{
	struct problem p;
	struct jerr e = { 0 };

	put("data/secret/1.in", "1");
	put("data/secret/1.ans", "1");
	put("problem.yaml", "limits:\n  time_multipliers: {ac_to_time_limit: 3}\n");
	cr_assert_eq(problem_load(tmp, &p, &e), 0, "%s", formatted(&e));
	cr_assert(p.warnings && strstr(p.warnings, ":2:3: limits.time_multipliers: a key of the 2023-07 format"),
		  "%s", p.warnings ? p.warnings : "(none)");
	problem_free(&p);
	put("problem.yaml", "problem_format_version: 2023-07\nvalidation: custom\ntype: pass-fail\n");
	put("output_validator/v.py", "");
	cr_assert_eq(problem_load(tmp, &p, &e), 0, "%s", formatted(&e));
	cr_assert(p.warnings && strstr(p.warnings, "validation: a key of the legacy format"),
		  "%s", p.warnings ? p.warnings : "(none)");
	problem_free(&p);
}

/*
 * Each warning kept copies the ones before it: a file of many repeated keys
 * would cost time quadratic in its length, so past 20 only a count is kept.
 */
Test(problem_tmp, yaml_warnings_are_capped)
{
	struct problem p;
	struct jerr e = { 0 };
	size_t len = 0, lines = 1;
	char *yaml = xmalloc(1000 * 11 + 1);

	for (int i = 0; i < 1000; i++)
		len += (size_t)sprintf(yaml + len, "version: 1\n");
	put("data/secret/1.in", "1");
	put("data/secret/1.ans", "1");
	put("problem.yaml", yaml);
	free(yaml);
	cr_assert_eq(problem_load(tmp, &p, &e), 0, "%s", formatted(&e));
	cr_assert_not_null(p.warnings);
	for (const char *c = p.warnings; *c; c++)
		lines += *c == '\n';
	cr_expect_eq(lines, 21, "20 warnings and a count, got %zu lines", lines);
	cr_expect(strstr(p.warnings, ":20:1: version: a key of the 2023-07 format"), "%s", p.warnings);
	cr_expect(strstr(p.warnings, "problem.yaml: 980 more keys of the other format version, not listed"),
		  "%s", p.warnings);
	problem_free(&p);
}

Test(problem_tmp, kattis_time_rules)
{
	struct problem p;
	struct jerr e = { 0 };

	put("data/secret/1.in", "1");
	put("data/secret/1.ans", "1");
	put("problem.yaml", "limits:\n  time_multiplier: 3\n  time_safety_margin: 1.5\n");
	cr_assert_eq(problem_load(tmp, &p, &e), 0, "%s", formatted(&e));
	cr_expect(p.time_multiplier == 3 && p.time_safety_margin == 1.5 && !p.format_2023);
	cr_expect_eq(p.time_ms, -1, "no limit given: judge verify derives one");
	problem_free(&p);
	put("problem.yaml", "problem_format_version: 2023-07-draft\nlimits:\n  time_multipliers:\n"
	    "    ac_to_time_limit: 2.5\n    time_limit_to_tle: 4\n");
	cr_assert_eq(problem_load(tmp, &p, &e), 0, "%s", formatted(&e));
	cr_expect(p.time_multiplier == 2.5 && p.time_safety_margin == 4 && p.format_2023);
	cr_expect_null(p.warnings);
	problem_free(&p);
}

Test(problem_tmp, multi_pass)
{
	struct problem p;
	struct jerr e = { 0 };

	put("data/secret/1.in", "1");
	put("data/secret/1.ans", "1");
	put("output_validator/validate.c", "");
	put("problem.yaml", "problem_format_version: 2023-07\ntype: multi-pass\nlimits:\n  validation_passes: 3\n");
	cr_assert_eq(problem_load(tmp, &p, &e), 0, "%s", formatted(&e));
	cr_expect(p.multi_pass && p.custom_validation && !p.interactive);
	cr_expect_eq(p.validation_passes, 3);
	cr_expect_str_eq(p.validator_dir, in_tmp("output_validator"));
	problem_free(&p);
}

/* problemtools' own interactive example nests its validator: output_validator/<name>/. */
Test(problem_tmp, nested_singular_validator)
{
	struct problem p;
	struct jerr e = { 0 };

	put("data/secret/1.in", "1");
	put("data/secret/1.ans", "1");
	put("output_validator/guess_validator/validate.cc", "");
	put("output_validator/guess_validator/validate.h", "");
	put("problem.yaml", "problem_format_version: 2023-07-draft\ntype: interactive\n");
	cr_assert_eq(problem_load(tmp, &p, &e), 0, "%s", formatted(&e));
	cr_expect(p.interactive);
	cr_expect_str_eq(p.validator_dir, in_tmp("output_validator/guess_validator"));
	problem_free(&p);
}
