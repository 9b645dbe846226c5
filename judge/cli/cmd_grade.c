/*
 * judge grade [options] PROBLEM SOURCE...|DIR: every submission of a class
 * judged on one problem, each in the language its extension names.  A
 * table goes to stdout; --csv FILE writes one row per submission (source,
 * verdict, passed, total, time_ms, memory_kb), "--csv -" writes them to
 * stdout and moves the table to stderr; --json prints one object instead;
 * --report junit FILE writes a test case per submission, failed unless AC.
 * All the tests run for every submission (no --fail-fast), since the
 * number passed is the grade.
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
#include "junit.h"
#include "problem.h"
#include "table.h"
#include "report.h"
#include "safefile.h"
#include "testrun.h"

/* One submission's line of the grade sheet. */
struct grade {
	char *source;
	enum verdict verdict;
	size_t passed, total;
	int64_t cpu_ms, memory_kib;
	char *message;		/* why it is not AC, one line */
	json_t *json;		/* --json: its testrun object */
};

struct progress {
	bool colour;
	size_t index, n;	/* which submission of how many */
	size_t done;
	const char *source;
};

static void on_test(void *arg, const struct testrun *tr, size_t i)
{
	struct progress *pg = arg;
	char *name = xasprintf("%s: %zu/%zu %s", pg->source, ++pg->done, tr->total, tr->tests[i].name);

	table_progress(stderr, pg->colour, pg->index + 1, pg->n, name,
		       verdict_name(tr->tests[i].res.verdict));
	free(name);
}

static void grade_one(struct testrun_ctx *ctx, const char *source, bool json, struct grade *g)
{
	struct testrun tr;
	struct jerr err;

	memset(g, 0, sizeof(*g));
	g->source = xstrdup(source);
	if (testrun_source(ctx, source, &tr, &err) < 0) {
		char buf[1024];

		/* Not a program the judge can build: for a grade sheet that is the student's CE. */
		jerr_format(&err, buf, sizeof(buf));
		g->verdict = V_CE;
		g->total = ctx->p->n_tests;
		g->message = xstrdup(buf);
		if (json) {
			g->json = json_object();
			json_object_set_new(g->json, "verdict", json_string("CE"));
			json_object_set_new(g->json, "message", report_string(buf));
			json_object_set_new(g->json, "passed", json_integer(0));
			json_object_set_new(g->json, "total", json_integer((json_int_t)g->total));
		}
		testrun_free(&tr);
		return;
	}
	g->verdict = tr.verdict;
	g->passed = tr.passed;
	g->total = tr.total;
	g->cpu_ms = tr.max_cpu_ms;
	g->memory_kib = tr.max_memory_kib;
	g->message = testrun_summary(&tr);
	if (json)
		g->json = report_testrun(&tr);
	testrun_free(&tr);
}

/* --report junit FILE: a test case per submission, failed unless AC. */
static int write_junit(const char *path, const struct problem *p, const struct grade *g, size_t n,
		       struct jerr *err)
{
	struct junit_case *cases = xcalloc(n, sizeof(*cases));
	struct junit_suite s = { .name = p->name, .cases = cases, .n = n };
	int r;

	for (size_t i = 0; i < n; i++)
		cases[i] = (struct junit_case){
			.name = g[i].source,
			.status = g[i].verdict == V_AC ? JUNIT_PASS :
				  g[i].verdict == V_IE ? JUNIT_ERROR : JUNIT_FAILURE,
			.type = verdict_name(g[i].verdict),
			.message = g[i].message,
			.seconds = g[i].cpu_ms / 1000.0,
		};
	r = junit_write(path, &s, err);
	free(cases);
	return r;
}

static void csv_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static int print_csv(FILE *f, const struct grade *g, size_t n)
{
	fputs("source,verdict,passed,total,time_ms,memory_kb\r\n", f);
	for (size_t i = 0; i < n; i++) {
		csv_field(f, g[i].source);
		fprintf(f, ",%s,%zu,%zu,%lld,%lld\r\n", verdict_name(g[i].verdict), g[i].passed,
			g[i].total, (long long)g[i].cpu_ms, (long long)g[i].memory_kib);
	}
	return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}

/* Through safefile's new file and rename, so a spreadsheet never sees half a file. */
static int write_csv(const char *path, const struct grade *g, size_t n, struct jerr *err)
{
	struct safefile sf;
	FILE *f;
	bool bad;

	if (safefile_create(&sf, path, 0644) < 0) {
		jerr_set(err, path, "--csv", "%s", sf.why);
		return -1;
	}
	f = fdopen(sf.fd, "w");
	if (!f) {
		jerr_set(err, path, "--csv", "cannot write: %s", strerror(errno));
		safefile_abort(&sf);
		return -1;
	}
	sf.fd = -1;	/* fclose closes it */
	bad = print_csv(f, g, n) < 0;
	if (fclose(f) != 0 || bad) {
		jerr_set(err, path, "--csv", "cannot write: %s", strerror(errno));
		safefile_abort(&sf);
		return -1;
	}
	if (safefile_commit(&sf) < 0) {
		jerr_set(err, path, "--csv", "%s", sf.why);
		return -1;
	}
	return 0;
}

static void print_table(const struct grade *g, size_t n, FILE *f, bool colour)
{
	static const char *const headers[] = {
		"source", "verdict", "passed", "total", "time", "memory", "message",
	};
	struct table t;

	table_init(&t, ARRAY_SIZE(headers), headers, 1u << 2 | 1u << 3 | 1u << 4 | 1u << 5, 1);
	for (size_t i = 0; i < n; i++) {
		char passed[32], total[32], time[32], mem[32];
		const char *cells[] = { g[i].source, verdict_name(g[i].verdict), passed, total, time,
					mem, g[i].message };

		snprintf(passed, sizeof(passed), "%zu", g[i].passed);
		snprintf(total, sizeof(total), "%zu", g[i].total);
		snprintf(time, sizeof(time), "%lld ms", (long long)g[i].cpu_ms);
		snprintf(mem, sizeof(mem), "%lld KiB", (long long)g[i].memory_kib);
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
	struct grade *g;
	bool live, csv_stdout;
	int status = 0;

	if (cli_parse(CLI_GRADE, argc, argv, &o, &err) < 0)
		return commands_fail_input(&err);
	if (o.n_rest < 2) {
		return commands_fail_usage("grade", "judge grade [options] PROBLEM SOURCE...|DIR");
	}
	if (problem_load(o.rest[0], &p, &err) < 0)
		return commands_fail_input(&err);
	if (testrun_opts_from_cli(&o, &to, &err) < 0) {
		problem_free(&p);
		return commands_fail_input(&err);
	}
	to.fail_fast = false;
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
	live = !o.json && isatty(2);
	if (live) {
		pg.colour = table_colour(stderr);
		pg.n = sources.n;
		to.progress = on_test;
		to.progress_arg = &pg;
	}
	if (testrun_prepare(&p, &to, &ctx, &err) < 0) {
		strlist_free(&sources);
		problem_free(&p);
		return commands_fail_input(&err);
	}

	g = xcalloc(sources.n, sizeof(*g));
	for (size_t i = 0; i < sources.n; i++) {
		pg.index = i;
		pg.done = 0;
		pg.source = sources.v[i];
		grade_one(&ctx, sources.v[i], o.json, &g[i]);
		if (g[i].verdict == V_IE)
			status = 2;
		else if (g[i].verdict != V_AC && status == 0)
			status = 1;
	}
	if (live)
		table_progress_clear(stderr);

	csv_stdout = o.csv && strcmp(o.csv, "-") == 0;
	if (o.json) {
		json_t *j = json_object(), *arr = json_array();

		json_object_set_new(j, "problem", report_string(p.name));
		for (size_t i = 0; i < sources.n; i++) {
			json_object_set_new(g[i].json, "source", report_string(g[i].source));
			json_array_append_new(arr, g[i].json);
			g[i].json = NULL;
		}
		json_object_set_new(j, "submissions", arr);
		json_dumpf(j, stdout, JSON_COMPACT);
		fputc('\n', stdout);
		json_decref(j);
	} else {
		FILE *f = csv_stdout ? stderr : stdout;

		print_table(g, sources.n, f, table_colour(f));
	}
	if (csv_stdout && !o.json) {
		if (print_csv(stdout, g, sources.n) < 0) {
			jerr_set(&err, "-", "--csv", "cannot write to stdout");
			status = commands_fail_input(&err);
		}
	} else if (o.csv && !csv_stdout && write_csv(o.csv, g, sources.n, &err) < 0) {
		status = commands_fail_input(&err);
	}
	fflush(stdout);
	if (o.report_junit && write_junit(o.report_junit, &p, g, sources.n, &err) < 0)
		status = commands_fail_input(&err);

	for (size_t i = 0; i < sources.n; i++) {
		free(g[i].source);
		free(g[i].message);
		json_decref(g[i].json);
	}
	free(g);
	testrun_ctx_free(&ctx);
	strlist_free(&sources);
	problem_free(&p);
	return status;
}
