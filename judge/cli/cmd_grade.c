/*
 * judge grade [options] PROBLEM SOURCE...|DIR: every submission of a class
 * judged on one problem, each in the language its extension names, --jobs N
 * of them at once (grade_pool.c), identical sources compiled once
 * (grade_cache.c).  A table and a summary line go to stdout; --csv FILE
 * writes the grade sheet (grade_sheet.c), "--csv -" writes it to stdout and
 * moves the table to stderr; --html FILE writes one self-contained page
 * (html_report.c); --json prints one object instead; --report junit FILE
 * writes a test case per submission, failed unless AC.  All the tests run
 * for every submission (no --fail-fast), since the number passed is the grade.
 *
 * Exit status: 0 when every submission is AC, 1 when some are not, 2 for bad
 * input or when the judge failed (IE) on any of them.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "grade_cache.h"
#include "grade_pool.h"
#include "grade_sheet.h"
#include "html_report.h"
#include "junit.h"
#include "problem.h"
#include "table.h"
#include "report.h"
#include "safefile.h"
#include "testrun.h"

struct progress {
	bool colour;
	size_t n, finished;
	char **names;		/* the students */
	char **state;		/* per submission in flight: "compiling...", "3/5 AC"; NULL otherwise */
	struct grade_row *rows;
	int status;
};

/* "[3/30] alice.cpp 2/5 AC  bob.py compiling..." over the previous line. */
static void show(struct progress *pg)
{
	char line[512];
	size_t k = 0;

	if (!pg->state)
		return;
	k += (size_t)snprintf(line, sizeof(line), "[%zu/%zu]", pg->finished, pg->n);
	for (size_t i = 0; i < pg->n && k < sizeof(line); i++)
		if (pg->state[i])
			k += (size_t)snprintf(line + k, sizeof(line) - k, " %s %s ", pg->names[i],
					      pg->state[i]);
	table_status(stderr, line);
}

static void set_state(struct progress *pg, size_t i, char *text)
{
	if (!pg->state) {
		free(text);
		return;
	}
	free(pg->state[i]);
	pg->state[i] = text;
	show(pg);
}

static void on_compiling(void *arg, size_t i)
{
	set_state(arg, i, xstrdup("compiling\u2026"));
}

static void on_test(void *arg, size_t i, size_t done, size_t total, const char *test,
		    const char *verdict)
{
	set_state(arg, i, xasprintf("%zu/%zu %s %s", done, total, test ? test : "",
				    verdict ? verdict : ""));
}

static void on_finished(void *arg, size_t i, json_t *result)
{
	struct progress *pg = arg;
	struct grade_row *r = &pg->rows[i];

	grade_row_fill(r, result);
	if (strcmp(r->verdict, "IE") == 0)
		pg->status = 2;
	else if (strcmp(r->verdict, "AC") != 0 && pg->status == 0)
		pg->status = 1;
	pg->finished++;
	set_state(pg, i, NULL);
}

/* --report junit FILE: a test case per submission, failed unless AC. */
static int write_junit(const char *path, const struct problem *p, const struct grade_sheet *s,
		       struct jerr *err)
{
	struct junit_case *cases = xcalloc(s->n, sizeof(*cases));
	char **details = xcalloc(s->n, sizeof(*details));
	struct junit_suite js = { .name = p->name, .cases = cases, .n = s->n };
	int r;

	for (size_t i = 0; i < s->n; i++) {
		const struct grade_row *g = &s->rows[i];
		json_t *t;
		size_t k;
		char *d = xstrdup(g->compile_error);

		/* what a student reads in CI: each failing test's first difference or stderr */
		json_array_foreach(json_object_get(g->j, "tests"), k, t) {
			const char *v = json_string_value(json_object_get(t, "verdict"));
			char *hint, *more;

			if (!v || strcmp(v, "AC") == 0)
				continue;
			hint = grade_test_hint(t);
			more = xasprintf("%s%stest %s: %s %s", d, d[0] ? "\n" : "",
					 json_string_value(json_object_get(t, "name")), v, hint);
			free(hint);
			free(d);
			d = more;
		}
		details[i] = d;
		cases[i] = (struct junit_case){
			.name = g->source,
			.status = strcmp(g->verdict, "AC") == 0 ? JUNIT_PASS :
				  strcmp(g->verdict, "IE") == 0 ? JUNIT_ERROR : JUNIT_FAILURE,
			.type = g->verdict,
			.message = g->message,
			.detail = d[0] ? d : NULL,
			.seconds = (double)g->cpu_ms / 1000.0,
		};
	}
	r = junit_write(path, &js, err);
	for (size_t i = 0; i < s->n; i++)
		free(details[i]);
	free(details);
	free(cases);
	return r;
}

/* Through safefile's new file and rename, so a reader never sees half a file. */
static int write_sheet(const char *path, const char *key, const struct grade_sheet *s,
		       int (*print)(FILE *, const struct grade_sheet *), struct jerr *err)
{
	struct safefile sf;
	FILE *f;
	bool bad;

	if (safefile_create(&sf, path, 0644) < 0) {
		jerr_set(err, path, key, "%s", sf.why);
		return -1;
	}
	f = fdopen(sf.fd, "w");
	if (!f) {
		jerr_set(err, path, key, "cannot write: %s", strerror(errno));
		safefile_abort(&sf);
		return -1;
	}
	sf.fd = -1;	/* fclose closes it */
	bad = print(f, s) < 0;
	if (fclose(f) != 0 || bad) {
		jerr_set(err, path, key, "cannot write: %s", strerror(errno));
		safefile_abort(&sf);
		return -1;
	}
	if (safefile_commit(&sf) < 0) {
		jerr_set(err, path, key, "%s", sf.why);
		return -1;
	}
	return 0;
}

static void print_table(const struct grade_sheet *s, FILE *f, bool colour)
{
	static const char *const headers[] = {
		"student", "verdict", "score", "passed", "time", "memory", "message",
	};
	struct table t;

	table_init(&t, ARRAY_SIZE(headers), headers, 1u << 2 | 1u << 3 | 1u << 4 | 1u << 5, 1);
	for (size_t i = 0; i < s->n; i++) {
		const struct grade_row *g = &s->rows[i];
		char score[32], passed[48], time[32], mem[32];
		const char *cells[] = { g->student, g->verdict, score, passed, time, mem, g->message };

		snprintf(score, sizeof(score), "%.1f", g->score);
		snprintf(passed, sizeof(passed), "%ld/%ld", g->passed, g->total);
		snprintf(time, sizeof(time), "%ld ms", g->cpu_ms);
		snprintf(mem, sizeof(mem), "%ld KiB", g->memory_kb);
		table_add(&t, cells);
	}
	table_print(&t, f, colour);
	table_free(&t);
}

/* The operands after PROBLEM: files as given, directories as the sources in them. */
static int collect(char **ops, int n, const char *policies_dir, bool any, struct strlist *out,
		   struct jerr *err)
{
	for (int i = 0; i < n; i++) {
		struct stat st;
		struct strlist skipped = { 0 };

		if (stat(ops[i], &st) < 0) {
			jerr_set(err, ops[i], "", "cannot read: %s", strerror(errno));
			return -1;
		}
		if (!S_ISDIR(st.st_mode)) {
			strlist_push(out, ops[i]);
			continue;
		}
		if (testrun_sources_in(ops[i], policies_dir, any, out, &skipped, err) < 0)
			return -1;
		for (size_t k = 0; k < skipped.n; k++)
			fprintf(stderr, "judge: %s: skipped, not a source in a known language\n", skipped.v[k]);
		strlist_free(&skipped);
	}
	return 0;
}

int cmd_grade(int argc, char **argv)
{
	struct cli_opts o;
	struct jerr err;
	struct problem p;
	struct testrun_opts to;
	struct testrun_ctx ctx;
	struct strlist sources = { 0 };
	struct progress pg = { 0 };
	struct grade_sheet sheet = { 0 };
	struct grade_cache gc;
	struct limitchoice lc;
	struct grade_events ev = { on_compiling, on_test, on_finished, &pg };
	bool live, csv_stdout;
	char *cache_dir;

	if (cli_parse(CLI_GRADE, argc, argv, &o, &err) < 0)
		return commands_fail_input(&err);
	if (o.n_rest < 2) {
		return commands_fail_usage("grade", "judge grade [options] PROBLEM SOURCE...|DIR");
	}
	if (problem_load(o.rest[0], &p, &err) < 0)
		return commands_fail_input(&err);
	commands_warn_problem(&p);
	if (testrun_opts_from_cli(&o, &to, &err) < 0) {
		problem_free(&p);
		return commands_fail_input(&err);
	}
	to.fail_fast = false;
	to.jobs = 1;		/* --jobs here counts submissions, each judged on one CPU */
	if (collect(o.rest + 1, o.n_rest - 1, to.policies_dir, o.policy != NULL, &sources, &err) < 0) {
		strlist_free(&sources);
		problem_free(&p);
		return commands_fail_input(&err);
	}
	if (!sources.n) {
		fprintf(stderr, "judge: grade: no sources to judge\n");
		problem_free(&p);
		return 2;
	}
	live = o.progress || (!o.json && isatty(2));
	if (commands_choose_limit(&p, &to, live, &lc, &err) < 0) {
		strlist_free(&sources);
		problem_free(&p);
		return commands_fail_input(&err);
	}
	if (testrun_prepare(&p, &to, &ctx, &err) < 0) {
		strlist_free(&sources);
		problem_free(&p);
		return commands_fail_input(&err);
	}
	cache_dir = xasprintf("%s/programs", ctx.scratch);
	if (grade_cache_open(&gc, cache_dir, &err) < 0) {
		free(cache_dir);
		testrun_ctx_free(&ctx);
		strlist_free(&sources);
		problem_free(&p);
		return commands_fail_input(&err);
	}
	free(cache_dir);
	ctx.o.compiled = &gc.hooks;

	pg.n = sources.n;
	pg.rows = xcalloc(sources.n, sizeof(*pg.rows));
	if (live) {
		pg.colour = table_colour(stderr);
		pg.state = xcalloc(sources.n, sizeof(*pg.state));
		pg.names = xcalloc(sources.n, sizeof(*pg.names));
		for (size_t i = 0; i < sources.n; i++)
			pg.names[i] = grade_student(sources.v[i]);
	}
	grade_pool_run(&ctx, sources.v, sources.n, o.jobs, &ev);
	if (live)
		table_progress_clear(stderr);
	sheet = (struct grade_sheet){ .p = &p, .lim = ctx.lim, .rows = pg.rows, .n = sources.n };

	csv_stdout = o.csv && strcmp(o.csv, "-") == 0;
	if (o.json) {
		json_t *j = report_grade_json(p.name, &sheet);

		json_object_set_new(j, "time_limit_ms", json_integer(lc.ms));
		json_object_set_new(j, "time_limit_from", json_string(lc.from));
		report_print(j);
	} else {
		FILE *f = csv_stdout ? stderr : stdout;
		char *limit = limitchoice_text(&lc);

		print_table(&sheet, f, table_colour(f));
		grade_sheet_summary(f, &sheet);
		fprintf(f, "time limit %s\n", limit);
		free(limit);
	}
	if (csv_stdout && !o.json) {
		if (grade_sheet_csv(stdout, &sheet) < 0) {
			jerr_set(&err, "-", "--csv", "cannot write to stdout");
			pg.status = commands_fail_input(&err);
		}
	} else if (o.csv && !csv_stdout && write_sheet(o.csv, "--csv", &sheet, grade_sheet_csv, &err) < 0) {
		pg.status = commands_fail_input(&err);
	}
	if (o.html && write_sheet(o.html, "--html", &sheet, html_report_write, &err) < 0)
		pg.status = commands_fail_input(&err);
	fflush(stdout);
	if (o.report_junit && write_junit(o.report_junit, &p, &sheet, &err) < 0)
		pg.status = commands_fail_input(&err);

	for (size_t i = 0; i < sheet.n; i++) {
		grade_row_free(&sheet.rows[i]);
		if (pg.state) {
			free(pg.state[i]);
			free(pg.names[i]);
		}
	}
	free(pg.state);
	free(pg.names);
	free(pg.rows);
	grade_cache_close(&gc);
	testrun_ctx_free(&ctx);
	strlist_free(&sources);
	problem_free(&p);
	return pg.status;
}
