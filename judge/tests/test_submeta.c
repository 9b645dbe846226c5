#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "submeta.h"

/*
 * What a package says about its submissions (submeta.c): DOMjudge's
 * submissions.json, Kattis's submissions/submissions.yaml, their globs and
 * how a submission's tests are checked against a rule.
 */

#define B(v) (1 << (v))

static char root[64];

static void write_file(const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	cr_assert(f, "%s", path);
	fputs(text, f);
	fclose(f);
}

static void package(void)
{
	char sub[128];

	snprintf(root, sizeof(root), "/tmp/judge-submeta-XXXXXX");
	cr_assert(mkdtemp(root));
	snprintf(sub, sizeof(sub), "%s/submissions", root);
	cr_assert_eq(mkdir(sub, 0755), 0);
}

static void cleanup(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	cr_assert_eq(system(cmd), 0);
}

Test(submeta, globs_match_the_path_or_a_folder_above_it)
{
	cr_assert(submeta_glob_match("accepted", "accepted/sum.c"));
	cr_assert(submeta_glob_match("accepted/*", "accepted/sum.c"));
	cr_assert(submeta_glob_match("accepted/*.c", "accepted/sum.c"));
	cr_assert(submeta_glob_match("*/sum.{c,py}", "accepted/sum.py"));
	cr_assert(submeta_glob_match("{accepted,rejected}/{sum,add}.c", "rejected/add.c"));
	cr_assert(submeta_glob_match("secret/*-hard", "secret/03-hard"));
	cr_assert(submeta_glob_match("secret/g1", "secret/g1/07"));
	cr_assert(submeta_glob_match("*", "secret/g1"));	/* its folder secret matches */
	cr_assert_not(submeta_glob_match("accepted/*.c", "accepted/sum.py"));
	cr_assert_not(submeta_glob_match("secret/g1", "secret/g10/01"));
	cr_assert_not(submeta_glob_match("acc", "accepted/sum.c"));
	cr_assert_not(submeta_glob_match("{a,b}.c", "c.c"));
}

/* 2025-09 "Glob patterns": exactly the paths the format says, no more. */
Test(submeta, globs_match_no_more_than_the_format_says)
{
	/* a group is a whole name: group1 is not group10, nor its prefix */
	cr_assert(submeta_glob_match("secret/group1", "secret/group1/01"));
	cr_assert(submeta_glob_match("secret/group1", "secret/group1"));
	cr_assert_not(submeta_glob_match("secret/group1", "secret/group10"));
	cr_assert_not(submeta_glob_match("secret/group1", "secret/group10/01"));
	cr_assert_not(submeta_glob_match("secret/group", "secret/group1/01"));
	cr_assert_not(submeta_glob_match("secret/group1/", "secret/group1/01"));
	/* '*' stays within one name: it does not cross '/' */
	cr_assert(submeta_glob_match("secret/*", "secret/group1/01"));	/* via secret/group1 */
	cr_assert(submeta_glob_match("secret/*/01", "secret/group1/01"));
	cr_assert_not(submeta_glob_match("secret/*/01", "secret/a/b/01"));
	cr_assert_not(submeta_glob_match("*/01", "secret/group1/01"));
	cr_assert(submeta_glob_match("secret*", "secret2/x"));	/* the group secret2 matches */
	cr_assert(submeta_glob_match("secret/group*", "secret/group10/01"));
	cr_assert_not(submeta_glob_match("secret/*-easy", "secret/3-easy-not/01"));
	/* a test glob is matched without .in; a leading dot is no wildcard's */
	cr_assert_not(submeta_glob_match("secret/01.in", "secret/01"));
	cr_assert_not(submeta_glob_match("secret/*", "secret/.hidden"));
	/* braces: each alternative whole, nested too */
	cr_assert(submeta_glob_match("secret/group{1,2}", "secret/group2/05"));
	cr_assert_not(submeta_glob_match("secret/group{1,2}", "secret/group12/05"));
	cr_assert(submeta_glob_match("{accepted,brute_force}/{a,b{1,2}}.c", "brute_force/b2.c"));
	cr_assert_not(submeta_glob_match("{accepted,brute_force}/{a,b{1,2}}.c", "brute_force/b3.c"));
	/* a backslash is a character, not an escape */
	cr_assert_not(submeta_glob_match("accepted/\\*", "accepted/x"));
}

Test(submeta, a_score_under_a_group_glob_is_that_group_not_its_parent)
{
	cr_assert(submeta_group_match("secret/group1", "secret/group1"));
	cr_assert_not(submeta_group_match("secret/group1", "secret/group10"));
	cr_assert_not(submeta_group_match("secret", "secret/group1"));
	cr_assert(submeta_group_match("secret/g*", "secret/g2"));
	cr_assert_not(submeta_group_match("secret/*", "secret/g2/sub"));
}

Test(submeta, json_gives_entry_and_language, .init = package, .fini = cleanup)
{
	struct submeta m;
	struct jerr err;

	write_file("submissions.json",
		   "{\"submissions/accepted/multi/\": {\"entry_point\": \"main.py\"},\n"
		   " \"submissions/accepted/x\": {\"langid\": \"py3\", \"team\": \"jury\"}}\n");
	cr_assert_eq(submeta_load(root, false, &m, &err), 0, "%s: %s", err.key, err.msg);
	cr_assert_str_eq(submeta_entry(&m, "accepted/multi"), "main.py");
	cr_assert_null(submeta_language(&m, "accepted/multi"));
	cr_assert_str_eq(submeta_language(&m, "accepted/x"), "py3");
	cr_assert_null(submeta_entry(&m, "accepted/y"));
	submeta_free(&m);
}

Test(submeta, json_unknown_key_is_an_error_at_its_position, .init = package, .fini = cleanup)
{
	struct submeta m;
	struct jerr err;

	write_file("submissions.json", "{\n  \"submissions/accepted/a.c\": {\"entrypoint\": \"a.c\"}\n}\n");
	cr_assert_eq(submeta_load(root, false, &m, &err), -1);
	cr_assert(strstr(err.file, "submissions.json"));
	cr_assert(strstr(err.msg, "unknown key"), "%s", err.msg);
	cr_assert_eq(err.line, 2);
	cr_assert_eq(err.col, 32);
}

Test(submeta, yaml_rules_and_their_errors, .init = package, .fini = cleanup)
{
	struct submeta m;
	struct jerr err;
	const struct submeta_rule *r[4];

	write_file("submissions/submissions.yaml",
		   "accepted:\n  language: python3\n"
		   "time_limit_exceeded/slow.c:\n  entrypoint: slow.c\n  secret/hard:\n    required: [TLE]\n"
		   "mixed/x.py:\n  permitted: [AC, RTE]\n  score: [10, 20]\n  use_for_time_limit: false\n");
	cr_assert_eq(submeta_load(root, false, &m, &err), 0, "%d:%d %s: %s", err.line, err.col, err.key, err.msg);
	cr_assert_eq(m.n_rules, 4);	/* and brute_force/'s own, which the file does not name */
	cr_assert(m.rules[0].folder);
	cr_assert_str_eq(submeta_language(&m, "accepted/a.py"), "python3");
	cr_assert_str_eq(submeta_entry(&m, "time_limit_exceeded/slow.c"), "slow.c");
	/* a rule that only names a language expects nothing */
	cr_assert_eq(submeta_rules_for(&m, "accepted/a.py", r, 4), 0);
	cr_assert_eq(submeta_rules_for(&m, "time_limit_exceeded/slow.c", r, 4), 1);
	cr_assert_str_eq(r[0]->expect[1].tests, "secret/hard");
	cr_assert_eq(r[0]->expect[1].required, B(V_TLE));
	cr_assert_eq(submeta_rules_for(&m, "mixed/x.py", r, 4), 1);
	cr_assert_eq(r[0]->expect[0].permitted, B(V_AC) | B(V_RE) | B(V_MLE) | B(V_OLE) | B(V_RF));
	cr_assert(r[0]->expect[0].has_score);
	cr_assert_eq(r[0]->expect[0].score_hi, 20);
	cr_assert_eq(r[0]->expect[0].use, SUBMETA_USE_FALSE);
	cr_assert_eq(submeta_bound(&r[0]->expect[0]), SUBMETA_BOUND_NONE);
	submeta_free(&m);

	write_file("submissions/submissions.yaml", "accepted:\n  permitted: [AC, OK_MAYBE]\n");
	cr_assert_eq(submeta_load(root, false, &m, &err), -1);
	cr_assert(strstr(err.msg, "unknown verdict 'OK_MAYBE'"), "%s", err.msg);
	cr_assert_eq(err.line, 2);
	cr_assert_eq(err.col, 19);
	write_file("submissions/submissions.yaml", "accepted:\n  permited: [AC]\n");
	cr_assert_eq(submeta_load(root, false, &m, &err), -1);
	cr_assert_str_eq(err.key, "permited");
	cr_assert_eq(err.line, 2);
	cr_assert_eq(err.col, 3);
}

/* What the format does not have is refused, not read as fnmatch() would. */
Test(submeta, unsupported_glob_syntax_is_an_error_at_its_key, .init = package, .fini = cleanup)
{
	static const char *const bad[][3] = {
		{ "accepted/[ab].c:\n  permitted: [AC]\n", "[", "1" },
		{ "accepted/**:\n  permitted: [AC]\n", "**", "1" },
		{ "accepted/?.c:\n  permitted: [AC]\n", "?", "1" },
		{ "x.c:\n  secret/g[12]:\n    permitted: [AC]\n", "[", "2" },
	};
	struct submeta m;
	struct jerr err;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char want[64];

		write_file("submissions/submissions.yaml", bad[i][0]);
		cr_assert_eq(submeta_load(root, false, &m, &err), -1, "%s", bad[i][0]);
		snprintf(want, sizeof(want), "'%s' is not supported in a glob", bad[i][1]);
		cr_assert(strstr(err.msg, want), "%s", err.msg);
		cr_assert_eq(err.line, atoi(bad[i][2]));
		cr_assert(strstr(err.file, "submissions.yaml"));
	}
}

/* 2025-09 "Default directories" and the keys that name them. */
Test(submeta, default_folders_and_what_a_key_for_one_inherits, .init = package, .fini = cleanup)
{
	struct submeta m;
	struct jerr err;
	const struct submeta_rule *r[4];
	const int rte = B(V_RE) | B(V_MLE) | B(V_OLE) | B(V_RF);

	/* legacy: only brute_force/ is a rule; the others mean a final verdict (expect.h) */
	cr_assert_eq(submeta_load(root, false, &m, &err), 0);
	cr_assert_eq(submeta_rules_for(&m, "accepted/a.c", r, 4), 0);
	cr_assert_eq(submeta_rules_for(&m, "brute_force/b.c", r, 4), 1);
	cr_assert(r[0]->builtin);
	cr_assert_eq(r[0]->expect[0].permitted, B(V_AC) | rte | B(V_TLE));
	cr_assert_eq(r[0]->expect[0].required, rte | B(V_TLE));
	cr_assert_eq(submeta_bound(&r[0]->expect[0]), SUBMETA_BOUND_NONE);
	cr_assert_eq(submeta_rules_for(&m, "brute_forces/b.c", r, 4), 0);
	submeta_free(&m);

	/* 2023-07: each folder a rule, each with its part in the time limit */
	cr_assert_eq(submeta_load(root, true, &m, &err), 0);
	cr_assert_eq(submeta_rules_for(&m, "accepted/a.c", r, 4), 1);
	cr_assert_eq(r[0]->expect[0].permitted, B(V_AC));
	cr_assert_eq(submeta_bound(&r[0]->expect[0]), SUBMETA_BOUND_LOWER);
	cr_assert_eq(submeta_rules_for(&m, "wrong_answer/a.c", r, 4), 1);
	cr_assert_eq(submeta_bound(&r[0]->expect[0]), SUBMETA_BOUND_LOWER);
	cr_assert_eq(submeta_rules_for(&m, "run_time_error/a.c", r, 4), 1);
	cr_assert_eq(submeta_bound(&r[0]->expect[0]), SUBMETA_BOUND_LOWER);
	cr_assert_eq(submeta_rules_for(&m, "time_limit_exceeded/a.c", r, 4), 1);
	cr_assert_eq(submeta_bound(&r[0]->expect[0]), SUBMETA_BOUND_UPPER);
	cr_assert_eq(submeta_rules_for(&m, "rejected/a.c", r, 4), 1);
	cr_assert_eq(r[0]->expect[0].permitted, SUBMETA_ANY);
	cr_assert_eq(submeta_bound(&r[0]->expect[0]), SUBMETA_BOUND_NONE);
	submeta_free(&m);

	/* a key naming a folder keeps what it does not say; a time_limit_exceeded/ glob adds a rule */
	write_file("submissions/submissions.yaml",
		   "time_limit_exceeded:\n  permitted: [AC, WA, TLE]\n"
		   "time_limit_exceeded/*:\n  secret/big:\n    required: [TLE]\n"
		   "accepted:\n  use_for_time_limit: false\n");
	cr_assert_eq(submeta_load(root, true, &m, &err), 0, "%d:%d %s", err.line, err.col, err.msg);
	cr_assert_eq(submeta_rules_for(&m, "time_limit_exceeded/a.c", r, 4), 2);
	cr_assert_eq(r[0]->expect[0].permitted, B(V_AC) | B(V_WA) | B(V_TLE));
	cr_assert_eq(r[0]->expect[0].required, B(V_TLE));
	cr_assert_not(r[0]->builtin);
	cr_assert_eq(submeta_bound(&r[1]->expect[1]), SUBMETA_BOUND_UPPER);
	cr_assert_str_eq(r[1]->expect[1].tests, "secret/big");
	cr_assert_eq(submeta_rules_for(&m, "accepted/a.c", r, 4), 1);
	cr_assert_eq(r[0]->expect[0].permitted, B(V_AC));	/* inherited */
	cr_assert_eq(submeta_bound(&r[0]->expect[0]), SUBMETA_BOUND_NONE);	/* opted out */
	submeta_free(&m);
}

/* use_for_time_limit: lower and upper stand for permitted [AC, WA, RTE] and required [TLE]. */
Test(submeta, use_for_time_limit_lower_and_upper, .init = package, .fini = cleanup)
{
	struct submeta m;
	struct jerr err;
	const struct submeta_rule *r[4];

	write_file("submissions/submissions.yaml",
		   "other/slow.c:\n  use_for_time_limit: upper\n"
		   "other/fast.c:\n  use_for_time_limit: lower\n"
		   "other/groups.c:\n  secret/easy:\n    use_for_time_limit: lower\n"
		   "  secret/hard:\n    permitted: [AC, TLE]\n    use_for_time_limit: upper\n");
	cr_assert_eq(submeta_load(root, false, &m, &err), 0, "%d:%d %s", err.line, err.col, err.msg);
	cr_assert_eq(submeta_rules_for(&m, "other/slow.c", r, 4), 1);
	cr_assert_eq(r[0]->expect[0].required, B(V_TLE));
	cr_assert_eq(submeta_bound(&r[0]->expect[0]), SUBMETA_BOUND_UPPER);
	cr_assert_eq(submeta_rules_for(&m, "other/fast.c", r, 4), 1);
	cr_assert_not(r[0]->expect[0].permitted & B(V_TLE));
	cr_assert(r[0]->expect[0].permitted & B(V_WA));
	cr_assert_eq(submeta_bound(&r[0]->expect[0]), SUBMETA_BOUND_LOWER);
	cr_assert_eq(submeta_rules_for(&m, "other/groups.c", r, 4), 1);
	cr_assert_eq(submeta_bound(&r[0]->expect[1]), SUBMETA_BOUND_LOWER);
	cr_assert_eq(submeta_bound(&r[0]->expect[2]), SUBMETA_BOUND_UPPER);
	submeta_free(&m);

	/* contradictions are errors at the key */
	write_file("submissions/submissions.yaml", "a.c:\n  permitted: [AC, TLE]\n  use_for_time_limit: lower\n");
	cr_assert_eq(submeta_load(root, false, &m, &err), -1);
	cr_assert_str_eq(err.key, "use_for_time_limit");
	cr_assert_eq(err.line, 3);
	cr_assert_eq(err.col, 23);
	write_file("submissions/submissions.yaml", "a.c:\n  required: [WA]\n  use_for_time_limit: upper\n");
	cr_assert_eq(submeta_load(root, false, &m, &err), -1);
	cr_assert(strstr(err.msg, "upper needs required [TLE]"), "%s", err.msg);
	write_file("submissions/submissions.yaml", "a.c:\n  use_for_time_limit: sometimes\n");
	cr_assert_eq(submeta_load(root, false, &m, &err), -1);
	cr_assert(strstr(err.msg, "expected false, lower or upper"), "%s", err.msg);
	write_file("submissions/submissions.yaml", "a.c:\n  permitted: [AC]\n  required: [WA]\n");
	cr_assert_eq(submeta_load(root, false, &m, &err), -1);
	cr_assert(strstr(err.msg, "no verdict is both permitted and required"), "%s", err.msg);
}

/* The slowest test a bound applies to; cut-off tests (-1) bound nothing. */
Test(submeta, slowest_test_in_a_bounds_scope)
{
	static const struct submeta_test t[] = {
		{ "sample/1", V_AC, NULL, 5 },
		{ "secret/group1/1", V_AC, NULL, 300 },
		{ "secret/group10/1", V_AC, NULL, 900 },
		{ "secret/group2/1", V_WA, NULL, -1 },
	};
	struct submeta_expect all = { NULL, B(V_AC), SUBMETA_ANY, false, 0, 0, NULL, 0 };
	struct submeta_expect g1 = { (char *)"secret/group1", B(V_AC), SUBMETA_ANY, false, 0, 0, NULL, 0 };
	struct submeta_expect g2 = { (char *)"secret/group2", B(V_AC), SUBMETA_ANY, false, 0, 0, NULL, 0 };

	cr_assert_eq(submeta_slowest_ms(&all, t, 4), 900);
	cr_assert_eq(submeta_slowest_ms(&g1, t, 4), 300);	/* not group10's 900 */
	cr_assert_eq(submeta_slowest_ms(&g2, t, 4), -1);
}

static const struct submeta_test tests[] = {
	{ "sample/1", V_AC, NULL },
	{ "secret/easy/1", V_AC, NULL },
	{ "secret/hard/1", V_WA, "wrong: 3 != 4" },
	{ "secret/hard/2", V_TLE, NULL },
};

static bool check(struct submeta_expect *e, size_t n, char *why)
{
	struct submeta_rule r = { .glob = (char *)"x", .expect = e, .n_expect = n };
	struct submeta_group g[] = { { "secret/easy", 30 }, { "secret/hard", 0 } };

	return submeta_met(&r, tests, 4, true, 30, g, 2, why, 200);
}

Test(submeta, permitted_required_message_score_per_group)
{
	char why[200];
	struct submeta_expect e[2] = {
		{ NULL, B(V_AC) | B(V_WA) | B(V_TLE), B(V_TLE), false, 0, 0, NULL },
		{ (char *)"secret/easy", B(V_AC), SUBMETA_ANY, true, 30, 30, NULL },
	};

	cr_assert(check(e, 2, why), "%s", why);
	e[0].permitted = B(V_AC) | B(V_WA);
	cr_assert_not(check(e, 1, why));
	cr_assert_str_eq(why, "TLE on secret/hard/2, permitted AC,WA");
	e[0].permitted = SUBMETA_ANY;
	e[0].required = B(V_RE);
	cr_assert_not(check(e, 1, why));
	cr_assert_str_eq(why, "no test got RE (required)");
	e[0].required = SUBMETA_ANY;
	e[0].message = (char *)"3 != 4";
	cr_assert(check(e, 1, why), "%s", why);
	e[0].message = (char *)"5 != 6";
	cr_assert_not(check(e, 1, why));
	e[0].message = NULL;
	e[1].score_lo = e[1].score_hi = 20;
	cr_assert_not(check(e, 2, why));
	cr_assert_str_eq(why, "score 30 for secret/easy, expected 20");
	e[1].tests = (char *)"secret/medium";
	cr_assert_not(check(e, 2, why));
	cr_assert_str_eq(why, "no test matches secret/medium");
	/* a score under a glob: every group it names, each in range */
	e[1].tests = (char *)"secret/*";
	e[1].permitted = SUBMETA_ANY;
	e[1].score_lo = 0;
	e[1].score_hi = 30;
	cr_assert(check(e, 2, why), "%s", why);
	e[1].score_lo = 10;
	cr_assert_not(check(e, 2, why));
	cr_assert_str_eq(why, "score 0 for secret/hard, expected 10 to 30");
}
