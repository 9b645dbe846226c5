/*
 * judge verify [options] PROBLEM: judges every submission a problem package
 * ships under submissions/<category>/ and checks that each gets a verdict
 * its category allows (expect.h: Kattis's and DOMjudge's folder names), the
 * way problem setters check a package before a contest.  A source may narrow
 * or widen that with a marker line, as in DOMjudge and BAPCtools:
 *
 *     // @EXPECTED_RESULTS@: AC, TLE
 *
 * Every entry under submissions/ is listed: a source that cannot be judged
 * here (no language for its extension, a directory, a folder no judge
 * knows, multiple/ without a marker) is shown as skipped with the reason.
 *
 * The time limit is the command line's, else the package's, else Kattis's
 * rule (timelimit.h): accepted/ runs first under a generous limit and the
 * limit is derived from the slowest.  Submissions expected to fail also run
 * under the higher limit, and a verdict they get under either counts.
 * Each submission runs with --fail-fast (partial/ excepted): its verdict is
 * the first failing test's either way.
 *
 * The package may say more about its submissions (submeta.h): DOMjudge's
 * submissions.json gives a submission's entry point and language, Kattis's
 * submissions/submissions.yaml those and the verdicts its tests must get
 * (permitted, required, score, message, per test group too).  A submission
 * such rules name runs every test, not only up to the first failure, and
 * must meet them as well as its folder's rule (which a rule naming the
 * folder itself replaces).
 *
 * --report junit FILE writes a test case per judged submission, failed when
 * its verdict was not expected.
 *
 * Exit status: 0 when every verdict was expected, 1 when some was not (or
 * nothing could be judged), 2 for bad input or when the judge itself failed
 * (IE) on a submission.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "expect.h"
#include "junit.h"
#include "limitchoice.h"
#include "natsort.h"
#include "problem.h"
#include "table.h"
#include "report.h"
#include "submeta.h"
#include "testrun.h"
#include "timelimit.h"
#include "verify.h"

#define B(v) (1 << (v))

struct progress {
	bool colour;
	size_t index, n;
	const char *source;
};

static void on_test(void *arg, const struct testrun *tr, size_t i)
{
	struct progress *pg = arg;
	char *name = xasprintf("%s: %s", pg->source, tr->tests[i].name);

	table_progress(stderr, pg->colour, pg->index + 1, pg->n, name,
		       verdict_name(tr->tests[i].res.verdict));
	free(name);
}

static struct verify_entry *add(struct verify *v, const struct problem *p, const char *path)
{
	struct verify_entry *s;

	v->subs = xrealloc(v->subs, (v->n + 1) * sizeof(*v->subs));
	s = &v->subs[v->n++];
	memset(s, 0, sizeof(*s));
	s->source = xstrdup(path);
	s->shown = s->source + strlen(p->root) + strlen("/submissions/");
	return s;
}

/* Why a path that testrun_sources_in() left out cannot be judged here. */
static char *skip_reason(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	struct stat st;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return xstrdup("a directory: multi-file submissions are not supported");
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return xstrdup("not a regular file");
	if (!dot || dot == base)
		return xstrdup("no extension, so no language");
	return xasprintf("no language for %s here (judge policy list)", dot);
}

/* A directory submission's marker may be in any of its files (the first found counts). */
static int read_marker_any(const char *path, const char *policies_dir, struct jerr *err)
{
	struct stat st;
	struct strlist files = { 0 };
	int set = 0;

	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return expect_read_marker(path, err);
	if (testrun_sources_in(path, policies_dir, true, &files, NULL, err) < 0)
		return -1;
	for (size_t i = 0; i < files.n && set == 0; i++)
		set = read_marker_any(files.v[i], policies_dir, err);
	strlist_free(&files);
	/* DOMjudge: the marker may sit in a file that is no source (expected_result.txt) */
	if (set == 0) {
		DIR *d = opendir(path);
		struct dirent *de;

		while (d && set == 0 && (de = readdir(d))) {
			char *f = xasprintf("%s/%s", path, de->d_name);

			if (de->d_name[0] != '.' && lstat(f, &st) == 0 && S_ISREG(st.st_mode))
				set = expect_read_marker(f, err);
			free(f);
		}
		if (d)
			closedir(d);
	}
	return set;
}

/* A directory submission's @EXPECTED_SCORE@ may be in any of its files, as its other marker. */
static int read_score_any(const char *path, const char *policies_dir, double *score, struct jerr *err)
{
	struct stat st;
	struct strlist files = { 0 };
	int found = 0;

	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return expect_read_score(path, score, err);
	if (testrun_sources_in(path, policies_dir, true, &files, NULL, err) < 0)
		return -1;
	for (size_t i = 0; i < files.n && found == 0; i++)
		found = read_score_any(files.v[i], policies_dir, score, err);
	strlist_free(&files);
	return found;
}

/*
 * A package's language id as a policy name here: the policy of that name
 * (Kattis's codes are mostly ours), else DOMjudge's id for it, which is
 * mostly the extension.  NULL when there is none.
 */
static const char *policy_for_langid(const char *policies_dir, const char *id)
{
	static const char *const alias[][2] = {
		{ "py3", "python3" }, { "py", "python3" }, { "python", "python3" },
		{ "kt", "kotlin" }, { "js", "javascript" }, { "cs", "csharp" },
		{ "hs", "haskell" }, { "pas", "pascal" }, { "rb", "ruby" }, { "rs", "rust" },
		{ "sh", "bash" }, { "adb", "ada" }, { "plg", "prolog" }, { "pl", "perl" },
		{ "erl", "erlang" }, { "ex", "elixir" }, { "ml", "ocaml" }, { "f95", "fortran" },
		{ "f90", "fortran" }, { "cc", "cpp" }, { "c++", "cpp" }, { "lsp", "lisp" },
		{ "cob", "cobol" }, { "c#", "csharp" }, { "cplusplus", "cpp" },
	};
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s.json", policies_dir, id);
	if (!strchr(id, '/') && access(path, R_OK) == 0)
		return id;
	for (size_t i = 0; i < ARRAY_SIZE(alias); i++)
		if (!strcasecmp(alias[i][0], id)) {
			snprintf(path, sizeof(path), "%s/%s.json", policies_dir, alias[i][1]);
			return access(path, R_OK) == 0 ? alias[i][1] : NULL;
		}
	return NULL;
}

/* What submissions.json and submissions.yaml say about s. */
static void attach_meta(struct verify_entry *s, const struct submeta *m, const char *policies_dir,
			const struct expect_category *cat)
{
	const char *lang = submeta_language(m, s->shown);

	s->entry = submeta_entry(m, s->shown);
	if (lang && !(s->language = policy_for_langid(policies_dir, lang)))
		s->skip = xasprintf("no language '%s' here (the package names it; judge policy list)",
				    lang);
	s->n_rules = submeta_rules_for(m, s->shown, s->rules, VERIFY_MAX_RULES);
	for (size_t i = 0; i < s->n_rules; i++) {
		s->replaced |= s->rules[i]->replaces && cat && !strcmp(s->rules[i]->glob, cat->dir);
		for (size_t k = 0; k < s->rules[i]->n_expect; k++) {
			enum submeta_bound b = submeta_bound(&s->rules[i]->expect[k]);

			s->rule_lower |= b == SUBMETA_BOUND_LOWER;
			s->upper |= b == SUBMETA_BOUND_UPPER;
		}
	}
	for (size_t i = 0; i < m->n_rules; i++)
		s->untimed |= m->rules[i].expect[0].use == SUBMETA_USE_FALSE &&
			      submeta_glob_match(m->rules[i].glob, s->shown);
	/* a legacy package's accepted/ source, no rule about it: as problemtools times it */
	s->lower = s->rule_lower || (s->expected == B(V_AC) && !s->replaced && !s->untimed);
	s->lower_ms = -1;
}

/* The sources of one category folder: judged ones and skipped ones, each listed. */
static int collect_dir(struct verify *v, const struct problem *p, const char *dir,
		       const struct expect_category *cat, const struct submeta *m,
		       const char *policies_dir, bool any, struct jerr *err)
{
	struct strlist files = { 0 }, skipped = { 0 };
	int r = 0;

	if (testrun_sources_in(dir, policies_dir, any, &files, &skipped, err) < 0)
		return -1;
	for (size_t i = 0; i < files.n && r == 0; i++) {
		int marker = read_marker_any(files.v[i], policies_dir, err), has_score;
		struct verify_entry *s;
		double score = 0;

		if (marker < 0 || (has_score = read_score_any(files.v[i], policies_dir, &score, err)) < 0) {
			r = -1;
			break;
		}
		s = add(v, p, files.v[i]);
		s->has_expected_score = has_score > 0;
		s->expected_score = score;
		s->expected = marker ? marker : cat ? cat->set : 0;
		attach_meta(s, m, policies_dir, cat);
		if (s->skip || s->n_rules)
			;	/* the package's rules say what it must get */
		else if (!cat)
			s->skip = xasprintf("no such category (accepted, wrong_answer, "
					    "time_limit_exceeded, run_time_error, ...)");
		else if (!s->expected)
			s->skip = xasprintf("%s/ needs an @EXPECTED_RESULTS@ marker in the source",
					    cat->dir);
	}
	for (size_t i = 0; i < skipped.n && r == 0; i++) {
		struct verify_entry *s = add(v, p, skipped.v[i]);

		/* a source the extensions say nothing about, whose language the package gives */
		if (submeta_language(m, s->shown)) {
			s->expected = cat ? cat->set : 0;
			attach_meta(s, m, policies_dir, cat);
			if (!s->skip && !s->expected && !s->n_rules)
				s->skip = xasprintf("%s/ needs an @EXPECTED_RESULTS@ marker in the source",
						    cat ? cat->dir : "this folder");
		} else {
			s->skip = skip_reason(skipped.v[i]);
		}
	}
	strlist_free(&files);
	strlist_free(&skipped);
	return r;
}

static int cmp_names(const void *a, const void *b)
{
	return natsort_cmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Every entry of submissions/: the known categories first, in
 * expect_categories order (accepted/ first: a derived time limit needs
 * them), then any other folder, whose sources are listed as skipped.
 */
static int collect(struct verify *v, const struct problem *p, const struct submeta *m,
		   const char *policies_dir, bool any, struct jerr *err)
{
	char *top = xasprintf("%s/submissions", p->root);
	struct strlist other = { 0 };
	struct dirent *de;
	DIR *d;
	int r = 0;

	for (size_t c = 0; c < expect_n_categories && r == 0; c++) {
		char *dir = xasprintf("%s/%s", top, expect_categories[c].dir);
		struct stat st;

		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			r = collect_dir(v, p, dir, &expect_categories[c], m, policies_dir, any, err);
		free(dir);
	}
	d = r == 0 ? opendir(top) : NULL;
	while (d && (de = readdir(d)))
		if (de->d_name[0] != '.' && !expect_category(de->d_name) &&
		    strcmp(de->d_name, "submissions.yaml"))
			strlist_push(&other, de->d_name);
	if (d)
		closedir(d);
	if (other.n > 1)
		qsort(other.v, other.n, sizeof(*other.v), cmp_names);
	for (size_t i = 0; i < other.n && r == 0; i++) {
		char *path = xasprintf("%s/%s", top, other.v[i]);
		struct stat st;

		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			r = collect_dir(v, p, path, NULL, m, policies_dir, any, err);
		else
			add(v, p, path)->skip = xstrdup("not in a category folder");
		free(path);
	}
	strlist_free(&other);
	free(top);
	return r;
}

/*
 * The sources that set a derived limit: those bounding it from below, not
 * also from above (whose lower-bound tests are checked against the limit).
 */
static bool times_limit(const struct verify_entry *s)
{
	return !s->skip && s->lower && !s->upper;
}

static void set_limit(struct testrun_ctx *ctx, const struct cli_opts *o, int64_t cpu_ms)
{
	ctx->lim.cpu_ms = cpu_ms;
	ctx->lim.wall_ms = o->wall_set ? o->lim.wall_ms : 3 * cpu_ms + 1000;
}

static void keep_score(struct verify_entry *s, const struct testrun *tr)
{
	s->scored = tr->scored;
	s->score = tr->score;
	s->max_score = tr->max_score;
	if (!s->high)
		s->score_high = tr->score;
}

/* Runs s with the entry point and language its package gives, every test when rules judge them. */
static int run_entry(struct testrun_ctx *ctx, const struct verify_entry *s, struct testrun *tr,
		     struct jerr *err)
{
	const char *entry = ctx->o.entry, *policy = ctx->o.policy;
	int r;

	ctx->o.fail_fast = !(s->expected & EXPECT_PARTIAL) && !s->n_rules;
	if (s->entry)
		ctx->o.entry = s->entry;
	if (s->language)
		ctx->o.policy = s->language;
	r = testrun_source(ctx, s->source, tr, err);
	ctx->o.entry = entry;
	ctx->o.policy = policy;
	return r;
}

/* Whether tr meets every submissions.yaml rule of s; the first one missed goes to rules_why. */
static bool rules_met(struct verify_entry *s, const struct testrun *tr, int64_t ran_under_ms)
{
	struct submeta_test *t = xcalloc(tr->total + 1, sizeof(*t));
	struct submeta_group *g = xcalloc(tr->n_groups + 1, sizeof(*g));
	size_t n = 0;
	bool ok = true;
	char why[256];

	for (size_t i = 0; i < tr->total; i++) {
		const struct testrun_test *x = &tr->tests[i];

		int64_t ms = (int64_t)(x->res.use.cpu_ns / 1000000);

		/*
		 * A test cut off at its limit yet judged otherwise (an interactor
		 * that rejected first, the program spinning on) did not show how
		 * long the program needs: its time bounds nothing.
		 */
		if (x->res.verdict != V_TLE && ms >= ran_under_ms)
			ms = -1;
		if (x->ran)
			t[n++] = (struct submeta_test){ x->name, x->res.verdict, x->res.message, ms };
		else if (tr->comp.verdict == V_CE || tr->comp.verdict == V_IE)
			t[n++] = (struct submeta_test){ x->name, tr->comp.verdict, NULL, -1 };
	}
	/* the slowest test of those its lower-bound rules apply to */
	s->lower_ms = -1;
	for (size_t r = 0; r < s->n_rules; r++)
		for (size_t k = 0; k < s->rules[r]->n_expect; k++) {
			const struct submeta_expect *e = &s->rules[r]->expect[k];
			int64_t ms;

			if (submeta_bound(e) == SUBMETA_BOUND_LOWER &&
			    (ms = submeta_slowest_ms(e, t, n)) > s->lower_ms)
				s->lower_ms = ms;
		}
	for (size_t k = 0; k < tr->n_groups; k++)
		g[k] = (struct submeta_group){ tr->groups[k].name, tr->groups[k].r.score };
	for (size_t r = 0; r < s->n_rules && ok; r++) {
		ok = submeta_met(s->rules[r], t, n, tr->scored, tr->score, g, tr->n_groups, why,
				 sizeof(why));
		if (!ok) {
			free(s->rules_why);
			s->rules_why = s->rules[r]->builtin
					       ? xasprintf("%s/ (every test): %s", s->rules[r]->glob, why)
					       : xasprintf("submissions.yaml %s: %s", s->rules[r]->glob, why);
		}
	}
	free(t);
	free(g);
	return ok;
}

static int judge_one(struct testrun_ctx *ctx, struct verify_entry *s, struct jerr *err)
{
	struct testrun tr;

	free(s->message);
	s->message = NULL;
	if (run_entry(ctx, s, &tr, err) < 0) {
		testrun_free(&tr);
		return -1;
	}
	s->judged = true;
	s->got = s->got_high = tr.verdict;
	s->passed = tr.passed;
	s->total = tr.total;
	s->cpu_ms = tr.max_cpu_ms;
	keep_score(s, &tr);
	s->message = testrun_summary(&tr);
	if (s->n_rules)
		s->rules_ok = s->rules_ok_high = rules_met(s, &tr, ctx->lim.cpu_ms);
	testrun_free(&tr);
	return 0;
}

/*
 * The verdict of a run made under a higher limit than v->limit_ms, as it
 * would have been under the limit; both count, as in problemtools.
 */
static int judge_high(struct testrun_ctx *ctx, const struct verify *v, struct verify_entry *s,
		      struct jerr *err)
{
	struct testrun tr;

	free(s->message);
	s->message = NULL;
	if (run_entry(ctx, s, &tr, err) < 0) {
		testrun_free(&tr);
		return -1;
	}
	s->judged = true;
	s->high = ctx->lim.cpu_ms > v->limit_ms;
	if (s->n_rules)
		s->rules_ok_high = rules_met(s, &tr, ctx->lim.cpu_ms);
	s->got_high = tr.verdict;
	s->score_high = tr.score;
	s->got = s->high ? timelimit_verdict_at(&tr, v->limit_ms) : tr.verdict;
	/* a scoring problem's verdict and score are its groups': grade them again under the limit */
	if (s->high && tr.scored && ctx->groups.n_groups && timelimit_relabel(&tr, v->limit_ms)) {
		testrun_aggregate(&tr, false);
		testrun_score(&tr, ctx->p, &ctx->groups);
		s->got = tr.verdict;
	} else if (tr.scored && ctx->groups.n_groups) {
		s->got = tr.verdict;
	}
	s->passed = tr.passed;
	s->total = tr.total;
	s->cpu_ms = tr.max_cpu_ms;
	keep_score(s, &tr);
	if (s->got != s->got_high && s->got == V_TLE)
		s->message = xasprintf("over the %lld ms limit; %s under %lld ms%s%s",
				       (long long)v->limit_ms, verdict_name(s->got_high),
				       (long long)ctx->lim.cpu_ms, tr.first_fail >= 0 ? ": " : "",
				       tr.first_fail >= 0 ? tr.tests[tr.first_fail].res.message : "");
	else
		s->message = testrun_summary(&tr);
	/* the rules again, each test as it would have been under the limit */
	if (s->n_rules) {
		int64_t timed = s->lower_ms;	/* the times as run, not as relabelled */

		if (s->high)
			timelimit_relabel(&tr, v->limit_ms);
		s->rules_ok = rules_met(s, &tr, ctx->lim.cpu_ms);
		s->lower_ms = timed;
	}
	testrun_free(&tr);
	return 0;
}

static bool met(const struct verify_entry *s, enum verdict v, double score)
{
	if (s->scored || s->has_expected_score)
		return expect_met_scored(s->expected, v, s->passed, s->total, score, s->max_score,
					 s->has_expected_score ? &s->expected_score : NULL);
	return expect_met(s->expected, v, s->passed, s->total);
}

/* The folder's (or marker's) rule, unless the package's own rules took its place. */
static bool folder_met(const struct verify_entry *s, enum verdict v, double score)
{
	if (s->replaced || (!s->expected && s->n_rules))
		return true;
	return met(s, v, score);
}

static void decide(struct verify_entry *s)
{
	bool low = folder_met(s, s->got, s->score) && (!s->n_rules || s->rules_ok);
	bool high = s->high && folder_met(s, s->got_high, s->score_high) &&
		    (!s->n_rules || s->rules_ok_high);

	/* an upper bound is met only by timing out under the higher limit itself */
	if (s->upper && s->high)
		low = false;
	s->ok = (low || high) && !s->bound_why;
	if (s->bound_why) {
		char *m = xasprintf("%s%s%s", s->bound_why, s->message[0] ? "; " : "", s->message);

		free(s->message);
		s->message = m;
		return;
	}
	if (!s->ok && s->rules_why && (folder_met(s, s->got, s->score) ||
				       (s->high && folder_met(s, s->got_high, s->score_high)))) {
		char *m = xasprintf("%s%s%s", s->rules_why, s->message[0] ? "; " : "", s->message);

		free(s->message);
		s->message = m;
	}
}

/* The table's expected column: the folder's verdicts, or the rule that replaced them. */
static void expected_text(const struct verify_entry *s, char *buf, size_t len)
{
	size_t k;

	if (s->replaced || !s->expected) {
		buf[0] = '\0';
		for (size_t i = 0; i < s->n_rules && !buf[0]; i++)
			submeta_text(s->rules[i], buf, len);
	} else {
		expect_text(s->expected, buf, len);
	}
	k = strlen(buf);
	if (s->n_rules > (s->replaced || !s->expected ? 1u : 0u) && k < len)
		snprintf(buf + k, len - k, "%s+rules", k ? " " : "");
}

static const char *result_text(const struct verify_entry *s)
{
	if (s->skip)
		return "skipped";
	if (s->expected & EXPECT_MANUAL)
		return "manual";
	return s->ok ? "ok" : "MISMATCH";
}

static void print_table(const struct verify *v, FILE *f, bool colour)
{
	static const char *const headers[] = {
		"submission", "expected", "verdict", "result", "passed", "time", "message",
	};
	static const char *const scored[] = {
		"submission", "expected", "verdict", "result", "passed", "time", "score", "message",
	};
	struct table t;
	bool any = false;

	for (size_t i = 0; i < v->n; i++)
		any |= v->subs[i].scored || v->subs[i].has_expected_score;
	/* a scoring problem's table has a score column before the message */
	if (any)
		table_init(&t, ARRAY_SIZE(scored), scored, 1u << 4 | 1u << 5 | 1u << 6, 2);
	else
		table_init(&t, ARRAY_SIZE(headers), headers, 1u << 4 | 1u << 5, 2);
	for (size_t i = 0; i < v->n; i++) {
		const struct verify_entry *s = &v->subs[i];
		char exp[96], passed[48] = "", time[32] = "", score[64] = "";
		const char *cells[] = { s->shown, exp, s->judged ? verdict_name(s->got) : "-",
					result_text(s), passed, time, score, s->skip ? s->skip : s->message };

		expected_text(s, exp, sizeof(exp));
		if (!exp[0])
			snprintf(exp, sizeof(exp), "-");
		if (s->has_expected_score)
			snprintf(exp + strlen(exp), sizeof(exp) - strlen(exp), ", score %g", s->expected_score);
		if (s->judged && s->scored)
			snprintf(score, sizeof(score), isnan(s->max_score) ? "%g" : "%g/%g", s->score,
				 s->max_score);
		if (!any)
			cells[6] = cells[7];
		if (s->judged) {
			snprintf(passed, sizeof(passed), "%zu/%zu", s->passed, s->total);
			snprintf(time, sizeof(time), "%lld ms", (long long)s->cpu_ms);
		}
		table_add(&t, cells);
	}
	table_print(&t, f, colour);
	table_free(&t);
}

/* --report junit FILE: a test case per submission, failed when its verdict was not expected. */
static int write_junit(const char *path, const struct problem *p, const struct verify *v,
		       struct jerr *err)
{
	struct junit_case *cases = xcalloc(v->n, sizeof(*cases));
	char **msgs = xcalloc(v->n, sizeof(*msgs));
	struct junit_suite js = { .name = p->name, .cases = cases, .n = 0 };
	int r;

	for (size_t i = 0; i < v->n; i++) {
		const struct verify_entry *s = &v->subs[i];
		char exp[96];

		if (s->skip)
			continue;
		expected_text(s, exp, sizeof(exp));
		if (s->has_expected_score)
			snprintf(exp + strlen(exp), sizeof(exp) - strlen(exp), " with score %g",
				 s->expected_score);
		if (s->scored)
			msgs[i] = xasprintf("expected %s, got %s with score %g%s%s", exp,
					    verdict_name(s->got), s->score, s->message[0] ? ": " : "",
					    s->message);
		else
			msgs[i] = xasprintf("expected %s, got %s%s%s", exp, verdict_name(s->got),
					    s->message[0] ? ": " : "", s->message);
		cases[js.n++] = (struct junit_case){
			.name = s->shown,
			.status = s->ok ? JUNIT_PASS : s->got == V_IE ? JUNIT_ERROR : JUNIT_FAILURE,
			.type = verdict_name(s->got),
			.message = msgs[i],
			.seconds = s->cpu_ms / 1000.0,
		};
	}
	r = junit_write(path, &js, err);
	for (size_t i = 0; i < v->n; i++)
		free(msgs[i]);
	free(msgs);
	free(cases);
	return r;
}

/* "time limit 2000 ms (...)": where the limit came from, for the summary. */
static void print_limit(FILE *f, const struct verify *v)
{
	char step[48];

	fprintf(f, "time limit %lld ms (%s", (long long)v->limit_ms, v->limit_from);
	if (!strcmp(v->limit_from, "derived"))
		fprintf(f, ": slowest accepted %lld ms x %g, rounded up to %s", (long long)v->slowest_ms,
			v->multiplier, timelimit_rounding_text(v->resolution_ms, step, sizeof(step)));
	fprintf(f, "); failing submissions also run under %lld ms\n", (long long)v->high_ms);
}

/* Its lower-bound tests are too slow for the limit: slowest x ac_to_time_limit over it. */
static bool over(const struct verify *v, const struct verify_entry *s)
{
	return s->lower_ms >= 0 && (double)s->lower_ms * v->multiplier > (double)v->limit_ms + 1e-6;
}

/*
 * Kattis's bounds on the limit (2025-09 "Timelimit inference"): a rule's
 * lower-bound tests within limit / ac_to_time_limit, an upper-bound rule's
 * timeout under limit x time_limit_to_tle itself.  A limit from the command
 * line is the user's own: lower bounds are not held against it.
 */
static void check_bounds(const struct verify *v, struct verify_entry *s, double margin,
			 bool command_line)
{
	bool high_ok = s->high && folder_met(s, s->got_high, s->score_high) &&
		       (!s->n_rules || s->rules_ok_high);
	bool low_ok = folder_met(s, s->got, s->score) && (!s->n_rules || s->rules_ok);

	if (!s->judged)
		return;
	if (s->rule_lower && !command_line && over(v, s))
		s->bound_why = xasprintf("lower bound: slowest test %lld ms x %g (%s) is over the "
					 "%lld ms limit", (long long)s->lower_ms, v->multiplier,
					 v->format_2023 ? "ac_to_time_limit" : "time_multiplier",
					 (long long)v->limit_ms);
	else if (s->upper && s->high && low_ok && !high_ok)
		s->bound_why = xasprintf("upper bound: no timeout under %lld ms (the limit x %g, %s)",
					 (long long)v->high_ms, margin,
					 v->format_2023 ? "time_limit_to_tle" : "time_safety_margin");
}

/*
 * A source timed for a derived limit: its slowest test (a rule's, whatever
 * its verdict, as 2025-09 says; in a legacy package an accepted run).
 * Whether it counted.
 */
static bool account(struct verify *v, const struct verify_entry *s)
{
	int64_t ms = s->rule_lower ? s->lower_ms : s->got == V_AC ? s->cpu_ms : -1;

	if (ms < 0)
		return false;
	if (ms > v->slowest_ms)
		v->slowest_ms = ms;
	return true;
}

/*
 * The lower bounds besides accepted/ (a 2023-07 package's wrong_answer/ and
 * run_time_error/, submissions.yaml's permitted lists without TLE), judged
 * under the higher limit of what accepted/ gave: most stay within it.  One
 * that does not raises the limit, timed again under the generous limit as
 * accepted/ was; then the others are judged again under the new limit.
 */
static int judge_lower(struct testrun_ctx *ctx, const struct cli_opts *o, struct verify *v,
		       double margin, struct progress *pg, struct jerr *err)
{
	int64_t before = v->limit_ms;

	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < v->n; i++) {
			struct verify_entry *s = &v->subs[i];

			if (!times_limit(s) || s->expected == B(V_AC) || (s->judged && !s->high))
				continue;
			pg->index = i;
			pg->source = s->source;
			set_limit(ctx, o, timelimit_high(v->limit_ms, margin));
			if (judge_high(ctx, v, s, err) < 0)
				return -1;
			if (round == 0 && over(v, s)) {
				/* its time under the generous limit sets the limit */
				set_limit(ctx, o, TIMELIMIT_PROBE_MS);
				if (judge_one(ctx, s, err) < 0)
					return -1;
				s->high = false;
				account(v, s);
			}
		}
		v->limit_ms = timelimit_from_slowest(v->slowest_ms, v->multiplier, v->resolution_ms);
		if (v->limit_ms == before)
			break;
		before = v->limit_ms;
	}
	return 0;
}

/* Runs every submission that can be judged; -1 with err for bad input. */
static int judge_all(struct testrun_ctx *ctx, const struct cli_opts *o, const struct problem *p,
		     struct verify *v, struct progress *pg, struct jerr *err)
{
	double margin;

	timelimit_rules(p, &v->multiplier, &margin);
	v->resolution_ms = timelimit_resolution_ms(p);
	v->format_2023 = p->format_2023;
	if (o->time_set) {
		v->limit_ms = o->lim.cpu_ms;
		v->limit_from = "command line";
	} else if (p->time_ms > 0) {
		v->limit_ms = p->time_ms;
		v->limit_from = "package";
	} else {
		/* Kattis: time the accepted submissions first, under a generous limit. */
		bool any = false;

		/* accepted/ first, under a generous limit */
		set_limit(ctx, o, TIMELIMIT_PROBE_MS);
		for (size_t i = 0; i < v->n; i++) {
			struct verify_entry *s = &v->subs[i];

			if (!times_limit(s) || s->expected != B(V_AC))
				continue;
			pg->index = i;
			pg->source = s->source;
			if (judge_one(ctx, s, err) < 0)
				return -1;
			any |= account(v, s);
		}
		v->limit_ms = any ? timelimit_from_slowest(v->slowest_ms, v->multiplier,
								v->resolution_ms)
				  : ctx->lim.cpu_ms;
		/* then the other lower bounds (wrong_answer/, run_time_error/, ...) */
		if (any && judge_lower(ctx, o, v, margin, pg, err) < 0)
			return -1;
		/* judge test and grade take it from there instead of timing the same sources again */
		if (any && !o->policy)
			limitchoice_store(p, &ctx->o, v->slowest_ms);
		v->limit_from = any ? "derived" : "default: no accepted submission to derive it from";
		if (!any)
			v->limit_ms = 1000;
	}
	v->high_ms = timelimit_high(v->limit_ms, margin);
	for (size_t i = 0; i < v->n; i++) {
		struct verify_entry *s = &v->subs[i];

		if (s->skip)
			continue;
		if (!s->judged) {
			pg->index = i;
			pg->source = s->source;
			set_limit(ctx, o, times_limit(s) ? v->limit_ms : v->high_ms);
			if (judge_high(ctx, v, s, err) < 0)
				return -1;
		}
		check_bounds(v, s, margin, o->time_set);
		decide(s);
	}
	return 0;
}

int cmd_verify(int argc, char **argv)
{
	struct cli_opts o;
	struct jerr err;
	struct problem p;
	struct testrun_opts to;
	struct testrun_ctx ctx;
	struct verify v = { 0 };
	struct progress pg = { 0 };
	struct submeta meta;
	size_t matched = 0, judged = 0, skipped = 0;
	bool live;
	int status = 0;

	if (cli_parse(CLI_VERIFY, argc, argv, &o, &err) < 0)
		return commands_fail_input(&err);
	if (o.n_rest != 1) {
		return commands_fail_usage("verify", "judge verify [options] PROBLEM");
	}
	if (problem_load(o.rest[0], &p, &err) < 0)
		return commands_fail_input(&err);
	commands_warn_problem(&p);
	if (testrun_opts_from_cli(&o, &to, &err) < 0) {
		problem_free(&p);
		return commands_fail_input(&err);
	}
	to.fail_fast = true;
	if (submeta_load(p.root, p.format_2023, &meta, &err) < 0) {
		problem_free(&p);
		return commands_fail_input(&err);
	}
	if (collect(&v, &p, &meta, to.policies_dir, o.policy != NULL, &err) < 0) {
		status = commands_fail_input(&err);
		goto out_subs;
	}
	if (!v.n) {
		jerr_set(&err, p.root, "submissions", "no submissions under submissions/<%s|%s|...>/",
			 expect_categories[0].dir, expect_categories[2].dir);
		status = commands_fail_input(&err);
		goto out_subs;
	}
	live = !o.json && isatty(2);
	if (live) {
		pg.colour = table_colour(stderr);
		pg.n = v.n;
		to.progress = on_test;
		to.progress_arg = &pg;
	}
	if (testrun_prepare(&p, &to, &ctx, &err) < 0) {
		status = commands_fail_input(&err);
		goto out_subs;
	}
	if (judge_all(&ctx, &o, &p, &v, &pg, &err) < 0) {
		if (live)
			table_progress_clear(stderr);
		status = commands_fail_input(&err);
		goto out_ctx;
	}
	for (size_t i = 0; i < v.n; i++) {
		const struct verify_entry *s = &v.subs[i];

		if (s->skip) {
			skipped++;
			continue;
		}
		judged++;
		matched += s->ok;
		if (s->got == V_IE)
			status = 2;
		else if (!s->ok && status == 0)
			status = 1;
	}
	/* A package none of whose submissions could be judged has verified nothing. */
	if (!judged && status == 0)
		status = 1;
	if (live)
		table_progress_clear(stderr);
	if (o.json) {
		report_print(report_verify_json(p.name, &v, matched, judged));
	} else {
		bool colour = table_colour(stdout);
		bool all = judged && matched == judged;

		print_table(&v, stdout, colour);
		print_limit(stdout, &v);
		table_paint(stdout, colour, all ? "ok" : "MISMATCH", all ? "ok" : "MISMATCH");
		fprintf(stdout, "  %zu/%zu submissions got an expected verdict", matched, judged);
		if (skipped)
			fprintf(stdout, "; %zu skipped (see their reasons above)", skipped);
		fputc('\n', stdout);
	}
	fflush(stdout);
	if (o.report_junit && write_junit(o.report_junit, &p, &v, &err) < 0)
		status = commands_fail_input(&err);
out_ctx:
	testrun_ctx_free(&ctx);
out_subs:
	for (size_t i = 0; i < v.n; i++) {
		free(v.subs[i].source);
		free(v.subs[i].message);
		free(v.subs[i].skip);
		free(v.subs[i].rules_why);
		free(v.subs[i].bound_why);
	}
	free(v.subs);
	submeta_free(&meta);
	problem_free(&p);
	return status;
}
