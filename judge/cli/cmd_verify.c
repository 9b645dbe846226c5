/*
 * judge verify [options] PROBLEM: judges every submission a problem package
 * ships under submissions/<category>/ and checks that each gets a verdict
 * its category allows, the way problem setters check a package before a
 * contest.  A source may narrow or widen that with a marker line, as in
 * DOMjudge and BAPCtools:
 *
 *     // @EXPECTED_RESULTS@: AC, TLE
 *
 * (any of the listed verdicts is fine; DOMjudge's names CORRECT, WRONG-ANSWER,
 * TIMELIMIT, RUN-ERROR, ... and the category names are understood too).
 * Each submission runs with --fail-fast: its verdict is the first failing
 * test's either way, and a TLE solution need not time out on every test.
 *
 * --report junit FILE writes a test case per submission, failed when its
 * verdict was not expected.
 *
 * Exit status: 0 when every verdict was expected, 1 when some was not, 2 for
 * bad input or when the judge itself failed (IE) on a submission.
 */
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "junit.h"
#include "problem.h"
#include "table.h"
#include "report.h"
#include "testrun.h"

#define MARKER "@EXPECTED_RESULTS@:"
#define MARKER_SCAN (64 * 1024)	/* the marker is in a comment near the top */

/* Kattis's categories, in the order they are judged and reported. */
static const struct {
	const char *dir;
	enum verdict v;
} categories[] = {
	{ "accepted", V_AC },
	{ "wrong_answer", V_WA },
	{ "time_limit_exceeded", V_TLE },
	{ "run_time_error", V_RE },
	{ "memory_limit_exceeded", V_MLE },
	{ "output_limit_exceeded", V_OLE },
	{ "restricted_function", V_RF },
	{ "compile_error", V_CE },
};

/* Words a marker may use, besides our verdict names and the category names. */
static const struct {
	const char *word;
	enum verdict v;
} aliases[] = {
	{ "CORRECT", V_AC }, { "ACCEPTED", V_AC },
	{ "WRONG-ANSWER", V_WA }, { "WRONG_ANSWER", V_WA }, { "NO-OUTPUT", V_WA },
	{ "TIMELIMIT", V_TLE }, { "TIME-LIMIT", V_TLE },
	{ "RUN-ERROR", V_RE }, { "RUN_ERROR", V_RE }, { "RTE", V_RE },
	{ "MEMORY-LIMIT", V_MLE }, { "OUTPUT-LIMIT", V_OLE },
	{ "COMPILER-ERROR", V_CE }, { "COMPILE-ERROR", V_CE },
};

static int word_verdict(const char *w)
{
	int v;

	if ((v = verdict_from_name(w)) >= 0)
		return v;
	for (size_t i = 0; i < ARRAY_SIZE(aliases); i++)
		if (strcasecmp(aliases[i].word, w) == 0)
			return (int)aliases[i].v;
	for (size_t i = 0; i < ARRAY_SIZE(categories); i++)
		if (strcasecmp(categories[i].dir, w) == 0)
			return (int)categories[i].v;
	for (unsigned u = 0; u <= V_IE; u++)
		if (strcasecmp(verdict_name((enum verdict)u), w) == 0)
			return (int)u;
	return -1;
}

/*
 * The verdicts the source's marker allows, as a bit set; 0 when it has no
 * marker, -1 with `err` (line and column of the bad word) when it has a bad one.
 */
static int read_marker(const char *path, struct jerr *err)
{
	size_t n;
	char *text = util_read_file(path, &n), *m, *p;
	int set = 0, line = 1;

	if (!text) {
		jerr_set(err, path, "", "cannot read: %s", strerror(errno));
		return -1;
	}
	if (n > MARKER_SCAN)
		text[MARKER_SCAN] = '\0';
	m = strstr(text, MARKER);
	if (!m) {
		free(text);
		return 0;
	}
	for (p = text; p < m; p++)
		line += *p == '\n';
	p = m + strlen(MARKER);
	for (;;) {
		char word[32];
		size_t k = 0;
		char *start;
		int v;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (!*p || *p == '\n' || *p == '\r' || (p[0] == '*' && p[1] == '/'))
			break;
		start = p;
		while (*p && (isalnum((unsigned char)*p) || *p == '-' || *p == '_'))
			if (k + 1 < sizeof(word))
				word[k++] = *p++;
			else
				p++;
		word[k] = '\0';
		v = k ? word_verdict(word) : -1;
		if (v < 0) {
			char *ls = start;

			while (ls > text && ls[-1] != '\n')
				ls--;
			jerr_set(err, path, "@EXPECTED_RESULTS@", "unknown verdict '%.*s'",
				 k ? (int)k : 1, start);
			err->line = line;
			err->col = (int)(start - ls) + 1;
			free(text);
			return -1;
		}
		set |= 1 << v;
	}
	free(text);
	if (!set) {
		jerr_set(err, path, "@EXPECTED_RESULTS@", "lists no verdict");
		err->line = line;
		return -1;
	}
	return set;
}

struct submission {
	char *source;
	const char *shown;	/* source below submissions/, for the table */
	int expected;		/* bit set of enum verdict */
	enum verdict got;
	bool ok;
	size_t passed, total;
	int64_t cpu_ms;
	char *message;
};

static void expected_text(int set, char *buf, size_t len)
{
	size_t k = 0;

	buf[0] = '\0';
	for (unsigned v = 0; v <= V_IE && k < len; v++)
		if (set & (1 << v))
			k += (size_t)snprintf(buf + k, len - k, "%s%s", k ? "," : "", verdict_name(v));
}

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

static int judge_one(struct testrun_ctx *ctx, struct submission *s, struct jerr *err)
{
	struct testrun tr;

	if (testrun_source(ctx, s->source, &tr, err) < 0) {
		testrun_free(&tr);
		return -1;
	}
	s->got = tr.verdict;
	s->ok = (s->expected >> tr.verdict) & 1;
	s->passed = tr.passed;
	s->total = tr.total;
	s->cpu_ms = tr.max_cpu_ms;
	s->message = testrun_summary(&tr);
	testrun_free(&tr);
	return 0;
}

/* A directory submission's marker may be in any of its files (the first found counts). */
static int read_marker_any(const char *path, const char *policies_dir, struct jerr *err)
{
	struct stat st;
	struct strlist files = { 0 };
	int set = 0;

	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return read_marker(path, err);
	if (testrun_sources_in(path, policies_dir, true, &files, NULL, err) < 0)
		return -1;
	for (size_t i = 0; i < files.n && set == 0; i++)
		set = read_marker_any(files.v[i], policies_dir, err);
	strlist_free(&files);
	return set;
}

static int collect(const struct problem *p, const char *policies_dir, bool any,
		   struct submission **subs, size_t *n, struct jerr *err)
{
	for (size_t c = 0; c < ARRAY_SIZE(categories); c++) {
		char *dir = xasprintf("%s/submissions/%s", p->root, categories[c].dir);
		struct strlist files = { 0 };
		struct stat st;

		if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
			free(dir);
			continue;
		}
		if (testrun_sources_in(dir, policies_dir, any, &files, NULL, err) < 0) {
			free(dir);
			return -1;
		}
		free(dir);
		for (size_t i = 0; i < files.n; i++) {
			struct submission *s;
			int marker = read_marker_any(files.v[i], policies_dir, err);

			if (marker < 0) {
				strlist_free(&files);
				return -1;
			}
			*subs = xrealloc(*subs, (*n + 1) * sizeof(**subs));
			s = &(*subs)[(*n)++];
			memset(s, 0, sizeof(*s));
			s->source = xstrdup(files.v[i]);
			s->shown = s->source + strlen(p->root) + strlen("/submissions/");
			s->expected = marker ? marker : 1 << categories[c].v;
		}
		strlist_free(&files);
	}
	return 0;
}

static void print_table(const struct submission *subs, size_t n, FILE *f, bool colour)
{
	static const char *const headers[] = {
		"submission", "expected", "verdict", "result", "passed", "time", "message",
	};
	struct table t;

	table_init(&t, ARRAY_SIZE(headers), headers, 1u << 4 | 1u << 5, 3);
	for (size_t i = 0; i < n; i++) {
		char exp[64], passed[48], time[32];
		const char *cells[] = { subs[i].shown, exp, verdict_name(subs[i].got),
					subs[i].ok ? "ok" : "MISMATCH", passed, time, subs[i].message };

		expected_text(subs[i].expected, exp, sizeof(exp));
		snprintf(passed, sizeof(passed), "%zu/%zu", subs[i].passed, subs[i].total);
		snprintf(time, sizeof(time), "%lld ms", (long long)subs[i].cpu_ms);
		table_add(&t, cells);
	}
	table_print(&t, f, colour);
	table_free(&t);
}

/* --report junit FILE: a test case per submission, failed when its verdict was not expected. */
static int write_junit(const char *path, const struct problem *p, const struct submission *subs,
		       size_t n, struct jerr *err)
{
	struct junit_case *cases = xcalloc(n, sizeof(*cases));
	char **msgs = xcalloc(n, sizeof(*msgs));
	struct junit_suite s = { .name = p->name, .cases = cases, .n = n };
	int r;

	for (size_t i = 0; i < n; i++) {
		char exp[64];

		expected_text(subs[i].expected, exp, sizeof(exp));
		msgs[i] = xasprintf("expected %s, got %s%s%s", exp, verdict_name(subs[i].got),
				    subs[i].message[0] ? ": " : "", subs[i].message);
		cases[i] = (struct junit_case){
			.name = subs[i].shown,
			.status = subs[i].ok ? JUNIT_PASS : subs[i].got == V_IE ? JUNIT_ERROR : JUNIT_FAILURE,
			.type = verdict_name(subs[i].got),
			.message = msgs[i],
			.seconds = subs[i].cpu_ms / 1000.0,
		};
	}
	r = junit_write(path, &s, err);
	for (size_t i = 0; i < n; i++)
		free(msgs[i]);
	free(msgs);
	free(cases);
	return r;
}

static json_t *to_json(const struct problem *p, const struct submission *subs, size_t n,
		       size_t matched)
{
	json_t *j = json_object(), *arr = json_array();

	json_object_set_new(j, "problem", report_string(p->name));
	for (size_t i = 0; i < n; i++) {
		json_t *s = json_object(), *exp = json_array();

		json_object_set_new(s, "source", report_string(subs[i].source));
		for (unsigned v = 0; v <= V_IE; v++)
			if (subs[i].expected & (1 << v))
				json_array_append_new(exp, json_string(verdict_name(v)));
		json_object_set_new(s, "expected", exp);
		json_object_set_new(s, "verdict", json_string(verdict_name(subs[i].got)));
		json_object_set_new(s, "ok", json_boolean(subs[i].ok));
		json_object_set_new(s, "passed", json_integer((json_int_t)subs[i].passed));
		json_object_set_new(s, "total", json_integer((json_int_t)subs[i].total));
		json_object_set_new(s, "cpu_ms", json_integer(subs[i].cpu_ms));
		json_object_set_new(s, "message", report_string(subs[i].message));
		json_array_append_new(arr, s);
	}
	json_object_set_new(j, "submissions", arr);
	json_object_set_new(j, "matched", json_integer((json_int_t)matched));
	json_object_set_new(j, "total", json_integer((json_int_t)n));
	return j;
}

int cmd_verify(int argc, char **argv)
{
	struct cli_opts o;
	struct jerr err;
	struct problem p;
	struct testrun_opts to;
	struct testrun_ctx ctx;
	struct submission *subs = NULL;
	struct progress pg = { 0 };
	size_t n = 0, matched = 0;
	bool live;
	int status = 0;

	if (cli_parse(CLI_VERIFY, argc, argv, &o, &err) < 0)
		return commands_fail_input(&err);
	if (o.n_rest != 1) {
		return commands_fail_usage("verify", "judge verify [options] PROBLEM");
	}
	if (problem_load(o.rest[0], &p, &err) < 0)
		return commands_fail_input(&err);
	if (testrun_opts_from_cli(&o, &to, &err) < 0) {
		problem_free(&p);
		return commands_fail_input(&err);
	}
	to.fail_fast = true;
	if (collect(&p, to.policies_dir, o.policy != NULL, &subs, &n, &err) < 0) {
		status = commands_fail_input(&err);
		goto out_subs;
	}
	if (!n) {
		jerr_set(&err, p.root, "submissions", "no submissions under submissions/<%s|%s|...>/",
			 categories[0].dir, categories[1].dir);
		status = commands_fail_input(&err);
		goto out_subs;
	}
	live = !o.json && isatty(2);
	if (live) {
		pg.colour = table_colour(stderr);
		pg.n = n;
		to.progress = on_test;
		to.progress_arg = &pg;
	}
	if (testrun_prepare(&p, &to, &ctx, &err) < 0) {
		status = commands_fail_input(&err);
		goto out_subs;
	}
	for (size_t i = 0; i < n; i++) {
		pg.index = i;
		pg.source = subs[i].source;
		if (judge_one(&ctx, &subs[i], &err) < 0) {
			if (live)
				table_progress_clear(stderr);
			status = commands_fail_input(&err);
			goto out_ctx;
		}
		matched += subs[i].ok;
		if (subs[i].got == V_IE)
			status = 2;
		else if (!subs[i].ok && status == 0)
			status = 1;
	}
	if (live)
		table_progress_clear(stderr);
	if (o.json) {
		json_t *j = to_json(&p, subs, n, matched);

		json_dumpf(j, stdout, JSON_COMPACT);
		fputc('\n', stdout);
		json_decref(j);
	} else {
		bool colour = table_colour(stdout);

		print_table(subs, n, stdout, colour);
		table_paint(stdout, colour, matched == n ? "ok" : "MISMATCH",
			    matched == n ? "ok" : "MISMATCH");
		fprintf(stdout, "  %zu/%zu submissions got an expected verdict\n", matched, n);
	}
	fflush(stdout);
	if (o.report_junit && write_junit(o.report_junit, &p, subs, n, &err) < 0)
		status = commands_fail_input(&err);
out_ctx:
	testrun_ctx_free(&ctx);
out_subs:
	for (size_t i = 0; i < n; i++) {
		free(subs[i].source);
		free(subs[i].message);
	}
	free(subs);
	problem_free(&p);
	return status;
}
