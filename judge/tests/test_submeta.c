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

Test(submeta, json_gives_entry_and_language, .init = package, .fini = cleanup)
{
	struct submeta m;
	struct jerr err;

	write_file("submissions.json",
		   "{\"submissions/accepted/multi/\": {\"entry_point\": \"main.py\"},\n"
		   " \"submissions/accepted/x\": {\"langid\": \"py3\", \"team\": \"jury\"}}\n");
	cr_assert_eq(submeta_load(root, &m, &err), 0, "%s: %s", err.key, err.msg);
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
	cr_assert_eq(submeta_load(root, &m, &err), -1);
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
	cr_assert_eq(submeta_load(root, &m, &err), 0, "%d:%d %s: %s", err.line, err.col, err.key, err.msg);
	cr_assert_eq(m.n_rules, 3);
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
	cr_assert_eq(r[0]->use_for_time_limit, 0);
	submeta_free(&m);

	write_file("submissions/submissions.yaml", "accepted:\n  permitted: [AC, OK_MAYBE]\n");
	cr_assert_eq(submeta_load(root, &m, &err), -1);
	cr_assert(strstr(err.msg, "unknown verdict 'OK_MAYBE'"), "%s", err.msg);
	cr_assert_eq(err.line, 2);
	cr_assert_eq(err.col, 19);
	write_file("submissions/submissions.yaml", "accepted:\n  permited: [AC]\n");
	cr_assert_eq(submeta_load(root, &m, &err), -1);
	cr_assert_str_eq(err.key, "permited");
	cr_assert_eq(err.line, 2);
	cr_assert_eq(err.col, 3);
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
	cr_assert_str_eq(why, "score 30, expected 20");
	e[1].tests = (char *)"secret/medium";
	cr_assert_not(check(e, 2, why));
	cr_assert_str_eq(why, "no test matches secret/medium");
}
