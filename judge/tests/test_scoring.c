#include <criterion/criterion.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "expect.h"
#include "extchecker.h"
#include "problem.h"
#include "scoring.h"
#include "testdata.h"

/*
 * Scoring problems: the default grader's aggregation (scoring.c), the
 * testdata.yaml reader (testdata.c), checker scores, and what verify
 * expects of a scored submission.
 */

/* ==== The grader ==== */

/* The bundled subtasks package: data/ ignores the sample, secret/ sums its all-or-nothing groups. */
static void subtasks_tree(struct score_tree *t, struct score_group *g)
{
	static const char *const names[] = { "", "sample", "secret", "secret/group1", "secret/group2",
					     "secret/group3" };
	static const long parents[] = { -1, 0, 0, 2, 2, 2 };
	static const double points[] = { 0, 0, 0, 20, 30, 50 };

	for (size_t i = 0; i < 6; i++) {
		g[i].name = (char *)names[i];
		g[i].parent = parents[i];
		scoring_defaults(&g[i].cfg);
	}
	g[0].cfg.ignore_sample = true;
	g[1].cfg.ignore_sample = true;	/* inherited from data/, as a group without a file of its own */
	g[2].cfg.on_reject_continue = true;
	g[2].cfg.accept_if_any = true;
	for (size_t i = 3; i < 6; i++) {
		g[i].cfg.agg = SCORE_MIN;
		g[i].cfg.accept_score = points[i];
		g[i].cfg.range_min = 0;
		g[i].cfg.range_max = points[i];
	}
	t->groups = g;
	t->n_groups = 6;
}

/* verdicts of sample/1, group1/01, group1/02, group2/01, group2/02, group3/01, group3/02 */
static enum verdict grade_subtasks(const enum verdict v[7], double *score, double *max,
				   struct score_group_result out[6])
{
	static const char *const tests[][2] = {
		{ "sample", "sample/1" },
		{ "secret/group1", "secret/group1/01" }, { "secret/group1", "secret/group1/02" },
		{ "secret/group2", "secret/group2/01" }, { "secret/group2", "secret/group2/02" },
		{ "secret/group3", "secret/group3/01" }, { "secret/group3", "secret/group3/02" },
	};
	struct score_group g[6];
	struct score_tree t;
	struct score_input in[7];

	subtasks_tree(&t, g);
	for (size_t i = 0; i < 7; i++)
		in[i] = (struct score_input){ tests[i][0], tests[i][1], true, v[i], false, 0 };
	return scoring_grade(&t, in, 7, out, score, max);
}

Test(scoring, subtasks_full_marks)
{
	static const enum verdict v[7] = { V_AC, V_AC, V_AC, V_AC, V_AC, V_AC, V_AC };
	struct score_group_result out[6];
	double score, max;

	cr_assert_eq(grade_subtasks(v, &score, &max, out), V_AC);
	cr_expect_float_eq(score, 100, 1e-9);
	cr_expect_float_eq(max, 100, 1e-9);
	cr_expect_float_eq(out[4].max_score, 30, 1e-9);
}

Test(scoring, subtasks_one_group_failed_is_accepted_with_the_others_points)
{
	static const enum verdict v[7] = { V_AC, V_AC, V_AC, V_WA, V_AC, V_AC, V_AC };
	struct score_group_result out[6];
	double score, max;

	cr_assert_eq(grade_subtasks(v, &score, &max, out), V_AC);
	cr_expect_float_eq(score, 70, 1e-9);
	cr_expect_eq(out[4].verdict, V_WA);
	cr_expect_float_eq(out[4].score, 0, 1e-9, "min of a rejected test's 0 and 30");
	cr_expect_float_eq(out[4].max_score, 30, 1e-9);
}

Test(scoring, sample_is_ignored)
{
	static const enum verdict v[7] = { V_WA, V_AC, V_AC, V_AC, V_AC, V_AC, V_AC };
	struct score_group_result out[6];
	double score, max;

	cr_assert_eq(grade_subtasks(v, &score, &max, out), V_AC);
	cr_expect_float_eq(score, 100, 1e-9);
	cr_expect_eq(out[1].verdict, V_WA);
}

Test(scoring, nothing_solved_is_the_worst_error_and_no_score)
{
	static const enum verdict v[7] = { V_AC, V_WA, V_AC, V_TLE, V_WA, V_RE, V_AC };
	struct score_group_result out[6];
	double score, max;

	cr_assert_eq(grade_subtasks(v, &score, &max, out), V_RE);
	cr_expect_float_eq(score, 0, 1e-9);
	cr_expect_float_eq(max, 100, 1e-9);
}

Test(scoring, on_reject_break_stops_counting)
{
	struct score_group g[1];
	struct score_tree t = { g, 1 };
	struct score_input in[3] = {
		{ "", "a", true, V_AC, false, 0 }, { "", "b", true, V_WA, false, 0 },
		{ "", "c", true, V_TLE, false, 0 },
	};
	struct score_group_result out[1];
	double score, max;

	g[0] = (struct score_group){ .name = (char *)"", .parent = -1 };
	scoring_defaults(&g[0].cfg);
	g[0].cfg.vmode = SCORE_ALWAYS_ACCEPT;
	cr_assert_eq(scoring_grade(&t, in, 3, out, &score, &max), V_AC);
	cr_expect_float_eq(score, 1, 1e-9, "a counts 1, b 0, c not at all");
	cr_expect_float_eq(max, 3, 1e-9);
	g[0].cfg.vmode = SCORE_WORST_ERROR;
	cr_expect_eq(scoring_grade(&t, in, 3, out, &score, &max), V_WA, "c is after the break");
	g[0].cfg.on_reject_continue = true;
	cr_expect_eq(scoring_grade(&t, in, 3, out, &score, &max), V_TLE, "TLE is worse than WA");
	g[0].cfg.vmode = SCORE_FIRST_ERROR;
	cr_expect_eq(scoring_grade(&t, in, 3, out, &score, &max), V_WA);
}

/* A group's score outside the range its testdata.yaml declares is the package's fault: IE. */
Test(scoring, score_outside_the_declared_range_is_ie)
{
	struct score_group g[2];
	struct score_tree t = { g, 2 };
	struct score_input in[2] = {
		{ "secret", "secret/1", true, V_AC, true, 8 }, { "secret", "secret/2", true, V_AC, true, 7 },
	};
	struct score_group_result out[2];
	double score, max;

	g[0] = (struct score_group){ .name = (char *)"", .parent = -1 };
	g[1] = (struct score_group){ .name = (char *)"secret", .parent = 0 };
	scoring_defaults(&g[0].cfg);
	scoring_defaults(&g[1].cfg);
	g[1].cfg.range_min = 0;
	g[1].cfg.range_max = 15;
	cr_assert_eq(scoring_grade(&t, in, 2, out, &score, &max), V_AC);
	cr_expect_float_eq(score, 15, 1e-9, "8 + 7, at the range's top");
	cr_expect_not(out[1].out_of_range);
	g[1].cfg.range_max = 10;
	cr_expect_eq(scoring_grade(&t, in, 2, out, &score, &max), V_IE);
	cr_expect(out[1].out_of_range);
	cr_expect_eq(out[1].verdict, V_IE);
	cr_expect_float_eq(out[1].score, 15, 1e-9);
	cr_expect_float_eq(out[1].range_max, 10, 1e-9);
	cr_expect_float_eq(score, 0, 1e-9, "no score without AC");
	g[1].cfg.range_min = 20;
	g[1].cfg.range_max = 30;
	cr_expect_eq(scoring_grade(&t, in, 2, out, &score, &max), V_IE, "below the range too");
}

Test(scoring, aggregates_and_checker_scores)
{
	struct score_group g[1];
	struct score_tree t = { g, 1 };
	/* natural order: 2 before 10, whatever order the tests come in */
	struct score_input in[3] = {
		{ "", "10", true, V_AC, true, 4 }, { "", "2", true, V_AC, true, 0.5 },
		{ "", "3", true, V_AC, false, 0 },
	};
	struct score_group_result out[1];
	double score, max;

	g[0] = (struct score_group){ .name = (char *)"", .parent = -1 };
	scoring_defaults(&g[0].cfg);
	g[0].cfg.vmode = SCORE_ALWAYS_ACCEPT;
	g[0].cfg.accept_score = 2;
	scoring_grade(&t, in, 3, out, &score, &max);
	cr_expect_float_eq(score, 6.5, 1e-9, "sum: score.txt's 4 and 0.5, accept_score 2");
	cr_expect_float_eq(max, 6, 1e-9, "every test at accept_score");
	g[0].cfg.agg = SCORE_MIN;
	scoring_grade(&t, in, 3, out, &score, &max);
	cr_expect_float_eq(score, 0.5, 1e-9);
	g[0].cfg.agg = SCORE_MAX;
	scoring_grade(&t, in, 3, out, &score, &max);
	cr_expect_float_eq(score, 4, 1e-9);
	g[0].cfg.agg = SCORE_AVG;
	g[0].cfg.range_max = 10;
	scoring_grade(&t, in, 3, out, &score, &max);
	cr_expect_float_eq(score, 6.5 / 3, 1e-9);
	cr_expect_float_eq(max, 10, 1e-9, "a finite range's top is the best score");
}

Test(scoring, tests_not_run_do_not_count)
{
	struct score_group g[1];
	struct score_tree t = { g, 1 };
	struct score_input in[2] = { { "", "1", false, V_AC, false, 0 }, { "", "2", false, V_AC, false, 0 } };
	struct score_group_result out[1];
	double score = -1, max;

	g[0] = (struct score_group){ .name = (char *)"", .parent = -1 };
	scoring_defaults(&g[0].cfg);
	cr_expect_eq(scoring_grade(&t, in, 2, out, &score, &max), V_AC);
	cr_expect_not(out[0].judged);
	cr_expect_float_eq(score, 0, 1e-9);
}

Test(scoring, badness_order)
{
	cr_expect_gt(scoring_badness(V_IE), scoring_badness(V_RF));
	cr_expect_gt(scoring_badness(V_RE), scoring_badness(V_MLE));
	cr_expect_gt(scoring_badness(V_MLE), scoring_badness(V_TLE));
	cr_expect_gt(scoring_badness(V_OLE), scoring_badness(V_WA));
	cr_expect_eq(scoring_badness(V_AC), 0);
}

/* ==== testdata.yaml ==== */

static int parse(const char *text, struct score_config *c, struct jerr *err)
{
	return testdata_parse("data/secret/testdata.yaml", text, strlen(text), c, err);
}

Test(testdata, reads_every_key)
{
	struct score_config c;
	struct jerr err;

	cr_assert_eq(parse("on_reject: continue\ngrading: default\n"
			   "grader_flags: first_error min ignore_sample accept_if_any_accepted\n"
			   "accept_score: 20\nreject_score: -1.5\nrange: -inf 20\n"
			   "output_validator_flags: case_sensitive\n", &c, &err), 0, "%s", err.msg);
	cr_expect(c.on_reject_continue);
	cr_expect_eq(c.vmode, SCORE_FIRST_ERROR);
	cr_expect_eq(c.agg, SCORE_MIN);
	cr_expect(c.ignore_sample && c.accept_if_any);
	cr_expect_float_eq(c.accept_score, 20, 1e-9);
	cr_expect_float_eq(c.reject_score, -1.5, 1e-9);
	cr_expect(isinf(c.range_min) && c.range_min < 0);
	cr_expect_float_eq(c.range_max, 20, 1e-9);
}

Test(testdata, empty_file_and_empty_values_are_the_defaults)
{
	struct score_config c;
	struct jerr err;

	cr_assert_eq(parse("", &c, &err), 0);
	cr_expect_float_eq(c.accept_score, 1, 1e-9);
	cr_expect_not(c.on_reject_continue);
	cr_assert_eq(parse("grader_flags:\naccept_score: ~\n", &c, &err), 0, "%s", err.msg);
	cr_expect_eq(c.agg, SCORE_SUM);
	cr_expect_float_eq(c.accept_score, 1, 1e-9);
}

Test(testdata, last_conflicting_flag_wins)
{
	struct score_config c;
	struct jerr err;

	cr_assert_eq(parse("grader_flags: min max always_accept worst_error\n", &c, &err), 0);
	cr_expect_eq(c.agg, SCORE_MAX);
	cr_expect_eq(c.vmode, SCORE_WORST_ERROR);
}

static void expect_error(const char *text, const char *key, int line, int col, const char *msg)
{
	struct score_config c;
	struct jerr err;

	cr_assert_eq(parse(text, &c, &err), -1, "accepted: %s", text);
	cr_expect_str_eq(err.file, "data/secret/testdata.yaml");
	cr_expect_str_eq(err.key, key);
	cr_expect_eq(err.line, line, "%s: line %d", text, err.line);
	cr_expect_eq(err.col, col, "%s: column %d", text, err.col);
	cr_expect(strstr(err.msg, msg), "\"%s\" lacks \"%s\"", err.msg, msg);
}

Test(testdata, bad_input_names_file_key_and_position)
{
	expect_error("on_reject: break\naccept_scor: 20\n", "accept_scor", 2, 1,
		     "unknown key (did you mean accept_score?)");
	expect_error("grader_flags: min summ\n", "grader_flags", 1, 15, "unknown flag \"summ\"");
	expect_error("on_reject: stop\n", "on_reject", 1, 12, "expected break or continue");
	expect_error("accept_score: lots\n", "accept_score", 1, 15, "expected a number");
	expect_error("range: 10 0\n", "range", 1, 8, "expected two numbers MIN MAX");
	expect_error("range: 0\n", "range", 1, 8, "expected two numbers MIN MAX");
	expect_error("grading: custom\n", "grading", 1, 10, "only the default grader");
	expect_error("accept_score: [1, 2]\n", "accept_score", 1, 15, "expected a single value");
	expect_error("on_reject: break\non_reject: continue\n", "on_reject", 2, 1, "given twice");
	expect_error("- on_reject\n", "", 1, 1, "expected a mapping");
}

Test(testdata, syntax_error_has_a_position)
{
	struct score_config c;
	struct jerr err;

	cr_assert_eq(parse("on_reject: [break\n", &c, &err), -1);
	cr_expect(strstr(err.msg, "YAML syntax error"), "%s", err.msg);
	cr_expect_gt(err.line, 0);
}

/* ==== A package's tree ==== */

static char tmp[64];

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

static void tmp_setup(void)
{
	snprintf(tmp, sizeof(tmp), "/tmp/judge-test-scoring-XXXXXX");
	cr_assert(mkdtemp(tmp));
}

static void tmp_teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	cr_expect_eq(system(cmd), 0);
}

static const struct score_group *group(const struct score_tree *t, const char *name)
{
	for (size_t i = 0; i < t->n_groups; i++)
		if (!strcmp(t->groups[i].name, name))
			return &t->groups[i];
	cr_assert_fail("no group %s", name);
	return NULL;
}

Test(testdata, groups_inherit_the_closest_file_whole, .init = tmp_setup, .fini = tmp_teardown)
{
	struct problem p;
	struct score_tree t;
	struct jerr err;

	put("problem.yaml", "type: scoring\n");
	put("data/testdata.yaml", "grader_flags: ignore_sample\n");
	put("data/sample/1.in", "");
	put("data/sample/1.ans", "");
	put("data/secret/testdata.yaml", "on_reject: continue\naccept_score: 5\n");
	put("data/secret/a/deep/1.in", "");
	put("data/secret/a/deep/1.ans", "");
	put("data/secret/b/1.in", "");
	put("data/secret/b/1.ans", "");
	put("data/secret/b/testdata.yaml", "grader_flags: min\n");
	cr_assert_eq(problem_load(tmp, &p, &err), 0, "%s", err.msg);
	cr_expect(p.scoring);
	cr_assert_eq(testdata_load(&p, &t, &err), 0, "%s", err.msg);
	cr_expect_eq(t.n_groups, 6, "data, sample, secret, secret/a, secret/a/deep, secret/b");
	cr_expect_str_eq(t.groups[0].name, "");
	for (size_t i = 1; i < t.n_groups; i++)
		cr_expect_lt(t.groups[i].parent, (long)i, "%s after its parent", t.groups[i].name);
	cr_expect(group(&t, "sample")->cfg.ignore_sample, "no file: the root's");
	cr_expect(group(&t, "secret/a/deep")->cfg.on_reject_continue, "secret's, two levels up");
	cr_expect_float_eq(group(&t, "secret/a/deep")->cfg.accept_score, 5, 1e-9);
	cr_expect_eq(group(&t, "secret/b")->cfg.agg, SCORE_MIN);
	cr_expect_float_eq(group(&t, "secret/b")->cfg.accept_score, 1, 1e-9, "a file of its own starts afresh");
	cr_expect_not(group(&t, "secret/b")->cfg.on_reject_continue);
	scoring_tree_free(&t);
	problem_free(&p);
}

Test(testdata, bad_file_in_a_group_is_an_error, .init = tmp_setup, .fini = tmp_teardown)
{
	struct problem p;
	struct score_tree t;
	struct jerr err;

	put("problem.yaml", "type: scoring\n");
	put("data/secret/g1/1.in", "");
	put("data/secret/g1/1.ans", "");
	put("data/secret/g1/testdata.yaml", "# points\naccept_score: 20\non_rejct: break\n");
	cr_assert_eq(problem_load(tmp, &p, &err), 0, "%s", err.msg);
	cr_assert_eq(testdata_load(&p, &t, &err), -1);
	cr_expect(strstr(err.file, "data/secret/g1/testdata.yaml"), "%s", err.file);
	cr_expect_str_eq(err.key, "on_rejct");
	cr_expect_eq(err.line, 3);
	cr_expect_eq(err.col, 1);
	scoring_tree_free(&t);
	problem_free(&p);
}

Test(testdata, grading_objective_in_problem_yaml, .init = tmp_setup, .fini = tmp_teardown)
{
	struct problem p;
	struct jerr err;

	put("problem.yaml", "type: scoring\ngrading:\n  objective: min\n  show_test_data_groups: true\n");
	put("data/secret/1.in", "");
	put("data/secret/1.ans", "");
	cr_assert_eq(problem_load(tmp, &p, &err), 0, "%s", err.msg);
	cr_expect(p.scoring && p.score_min);
	problem_free(&p);
	put("problem.yaml", "type: scoring\ngrading:\n  objectiv: min\n");
	cr_assert_eq(problem_load(tmp, &p, &err), -1);
	cr_expect_str_eq(err.key, "grading.objectiv");
}

/* ==== Checker scores ==== */

Test(checker_score, score_txt)
{
	double v;

	cr_expect(extchecker_parse_score("20", 2, &v) && v == 20);
	cr_expect(extchecker_parse_score(" 0.5\n", 5, &v) && v == 0.5);
	cr_expect(extchecker_parse_score("-3e1\r\n", 6, &v) && v == -30);
	cr_expect_not(extchecker_parse_score("", 0, &v));
	cr_expect_not(extchecker_parse_score("20 points", 9, &v));
	cr_expect_not(extchecker_parse_score("nan", 3, &v));
	cr_expect_not(extchecker_parse_score("inf", 3, &v));
}

Test(checker_score, testlib_points)
{
	static const char quitp[] = "points 0.75 almost";
	double v;

	cr_expect(extchecker_testlib_points(0x10 + 7, NULL, 0, &v) && v == 7, "_pc(7)");
	cr_expect(extchecker_testlib_points(0x10, NULL, 0, &v) && v == 0, "_pc(0)");
	cr_expect(extchecker_testlib_points(7, quitp, strlen(quitp), &v) && v == 0.75);
	cr_expect(extchecker_testlib_points(7, "12\n", 3, &v) && v == 12);
	cr_expect_not(extchecker_testlib_points(7, "points", 6, &v));
	cr_expect_not(extchecker_testlib_points(3, quitp, strlen(quitp), &v), "3 is FAIL");
	cr_expect_not(extchecker_testlib_points(0x10 + 101, NULL, 0, &v));
}

/* ==== What verify expects ==== */

Test(expect_score, scoring_folders)
{
	const struct expect_category *acc = expect_category("accepted");
	const struct expect_category *part = expect_category("partially_accepted");
	const struct expect_category *wa = expect_category("wrong_answer");
	double seventy = 70;

	cr_expect(expect_met_scored(acc->set, V_AC, 7, 7, 100, 100, NULL));
	cr_expect_not(expect_met_scored(acc->set, V_AC, 5, 7, 70, 100, NULL), "not full marks");
	cr_expect(expect_met_scored(part->set, V_AC, 5, 7, 70, 100, NULL));
	cr_expect_not(expect_met_scored(part->set, V_AC, 7, 7, 100, 100, NULL), "full marks");
	cr_expect(expect_met_scored(part->set, V_AC, 5, 7, 70, 100, &seventy));
	cr_expect_not(expect_met_scored(part->set, V_AC, 5, 7, 50, 100, &seventy));
	cr_expect_not(expect_met_scored(part->set, V_WA, 5, 7, 0, 100, &seventy), "rejected scores nothing");
	cr_expect(expect_met_scored(wa->set, V_WA, 0, 7, 0, 100, NULL));
	cr_expect(expect_met_scored(acc->set, V_AC, 7, 7, 3, NAN, NULL), "no known maximum");
}

Test(expect_score, marker, .init = tmp_setup, .fini = tmp_teardown)
{
	char path[128];
	struct jerr err;
	double v = 0;

	snprintf(path, sizeof(path), "%s/a.c", tmp);
	put("a.c", "/* partial\n * @EXPECTED_SCORE@: 70 */\n");
	cr_expect_eq(expect_read_score(path, &v, &err), 1);
	cr_expect_float_eq(v, 70, 1e-9);
	put("a.c", "# @EXPECTED_SCORE@: 12.5\n");
	cr_expect_eq(expect_read_score(path, &v, &err), 1);
	cr_expect_float_eq(v, 12.5, 1e-9);
	put("a.c", "int main(void) { return 0; }\n");
	cr_expect_eq(expect_read_score(path, &v, &err), 0);
	put("a.c", "\n// @EXPECTED_SCORE@: lots\n");
	cr_expect_eq(expect_read_score(path, &v, &err), -1);
	cr_expect_str_eq(err.key, "@EXPECTED_SCORE@");
	cr_expect_eq(err.line, 2);
	cr_expect_eq(err.col, 22);
}
