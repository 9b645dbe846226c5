/*
 * judge test [options] SOURCE PROBLEM: compile SOURCE once, run it on every
 * test of PROBLEM, and say how it did (SPEC §2, §3, §5).  --json prints one
 * object; otherwise a table of the tests and a summary go to stdout, with a
 * progress line on stderr while the tests run when stderr is a terminal.
 * --report junit FILE also writes JUnit XML; --fail-fast stops at the first
 * test that is not AC; --jobs N runs N tests at once, each on its own CPU.
 * Exit status: 0 for AC, 1 for any other verdict, 2 for bad input or IE.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "feedback.h"
#include "junit.h"
#include "problem.h"
#include "table.h"
#include "report.h"
#include "testrun.h"

struct progress {
	bool colour;
	size_t done;
};

static void on_test(void *arg, const struct testrun *tr, size_t i)
{
	struct progress *pg = arg;

	pg->done++;
	table_progress(stderr, pg->colour, pg->done, tr->total, tr->tests[i].name,
		       verdict_name(tr->tests[i].res.verdict));
}

static void on_compiling(void *arg, const char *source)
{
	const char *slash = strrchr(source, '/');
	char *text = xasprintf("compiling %s\u2026", slash ? slash + 1 : source);

	(void)arg;
	table_status(stderr, text);
	free(text);
}

static void fmt_ms(char *buf, size_t len, int64_t ns)
{
	snprintf(buf, len, "%lld ms", (long long)((ns + 500000) / 1000000));
}

/* A score as people write it: 20, 0.5, 33.3333. */
static void fmt_score(char *buf, size_t len, double v)
{
	snprintf(buf, len, "%.6g", v);
}

static void print_table(const struct testrun *tr, FILE *f, bool colour)
{
	static const char *const headers[] = { "test", "verdict", "time", "memory", "message" };
	static const char *const scored[] = { "test", "verdict", "time", "memory", "score", "message" };
	struct table t;
	size_t m = tr->scored ? 5 : 4;	/* the message's column */

	/* a scored run has a score column before the message */
	if (tr->scored)
		table_init(&t, ARRAY_SIZE(scored), scored, 1u << 2 | 1u << 3 | 1u << 4, 1);
	else
		table_init(&t, ARRAY_SIZE(headers), headers, 1u << 2 | 1u << 3, 1);
	for (size_t i = 0; i < tr->total; i++) {
		const struct result *r = &tr->tests[i].res;
		char time[32], mem[32], sc[32] = "", *msg = NULL;
		const char *cells[6];

		if (!tr->tests[i].ran)
			continue;
		fmt_ms(time, sizeof(time), r->use.cpu_ns);
		snprintf(mem, sizeof(mem), "%lld KiB", (long long)r->use.memory_kib);
		cells[0] = tr->tests[i].name;
		cells[1] = verdict_name(r->verdict);
		cells[2] = time;
		cells[3] = mem;
		/* the stderr's last line says more than "exit code 1" */
		if (r->verdict != V_AC && !tr->tests[i].ex.diff.found && tr->tests[i].ex.stderr_bytes) {
			char *sum = excerpt_summary(&tr->tests[i].ex);

			msg = xasprintf("%s; %s", r->message, sum);
			free(sum);
		}
		if (r->has_score)
			fmt_score(sc, sizeof(sc), r->score);
		cells[4] = sc;
		cells[m] = r->verdict == V_AC ? "" : msg ? msg : r->message;
		table_add(&t, cells);
		free(msg);
	}
	table_print(&t, f, colour);
	table_free(&t);
}

/* "  score 70/100 (group1 20/20, group2 0/30, group3 50/50)": the subtasks are the groups below secret/. */
static void print_score(const struct testrun *tr, FILE *f)
{
	char sc[32], mx[32];
	size_t shown = 0;

	fmt_score(sc, sizeof(sc), tr->score);
	fmt_score(mx, sizeof(mx), tr->max_score);
	fprintf(f, "  score %s%s%s", sc, isnan(tr->max_score) ? "" : "/", isnan(tr->max_score) ? "" : mx);
	for (size_t i = 0; i < tr->n_groups; i++) {
		const struct testrun_group *g = &tr->groups[i];

		if (!strchr(g->name, '/'))
			continue;
		fmt_score(sc, sizeof(sc), g->r.judged ? g->r.score : 0);
		fmt_score(mx, sizeof(mx), g->r.max_score);
		fprintf(f, "%s%s %s/%s", shown++ ? ", " : " (", strchr(g->name, '/') + 1, sc, mx);
	}
	if (shown)
		fputc(')', f);
}

static void print_summary(const struct testrun *tr, const struct limitchoice *lc, FILE *f,
			  bool colour)
{
	char *limit = limitchoice_text(lc);

	const char *v = verdict_name(tr->verdict);

	if (tr->interrupted) {
		table_paint(f, colour, v, v);
		fprintf(f, "  interrupted  %zu of %zu tests run\n", tr->n_ran, tr->total);
		free(limit);
		return;
	}
	if (tr->comp.verdict != V_OK) {
		if (tr->comp.message && tr->comp.message[0])
			fputs(tr->comp.message, f);
		table_paint(f, colour, v, v);
		fprintf(f, "  %s\n", tr->comp.verdict == V_CE ? "compilation failed" :
			"the judge could not compile the source");
		free(limit);
		return;
	}
	table_paint(f, colour, v, v);
	if (tr->first_fail >= 0 && tr->verdict != V_AC)
		fprintf(f, " on test %s", tr->tests[tr->first_fail].name);
	if (tr->scored)
		print_score(tr, f);
	fprintf(f, "  %zu/%zu passed", tr->passed, tr->total);
	if (tr->n_ran < tr->total)
		fprintf(f, " (%zu not run)", tr->total - tr->n_ran);
	fprintf(f, "  max cpu %lld ms  max memory %lld KiB  (limits %lld ms, %lld KiB)\n",
		(long long)tr->max_cpu_ms, (long long)tr->max_memory_kib,
		(long long)tr->lim.cpu_ms, (long long)tr->lim.memory_kib);
	fprintf(f, "time limit %s\n", limit);
	free(limit);
}

/* --report junit FILE: the compile as a case of its own when it failed, then every test. */
static int write_junit(const char *path, const struct problem *p, const struct testrun *tr,
		       struct jerr *err)
{
	struct junit_case *cases = xcalloc(tr->total + 1, sizeof(*cases));
	char **details = xcalloc(tr->total + 1, sizeof(*details));
	struct junit_suite s = { .name = p->name, .source = tr->source, .cases = cases };
	struct junit_property *props = xcalloc(tr->n_groups + 2, sizeof(*props));
	char **texts = xcalloc(2 * (tr->n_groups + 2), sizeof(*texts));
	size_t nt = 0;
	int r;

	/* the score and each group's "AC 20/20" as properties of the suite */
	if (tr->scored) {
		char a[32], b[32];

		fmt_score(a, sizeof(a), tr->score);
		props[s.n_props++] = (struct junit_property){ "score", texts[nt++] = xstrdup(a) };
		if (!isnan(tr->max_score)) {
			fmt_score(b, sizeof(b), tr->max_score);
			props[s.n_props++] = (struct junit_property){ "max_score", texts[nt++] = xstrdup(b) };
		}
	}
	for (size_t i = 0; i < tr->n_groups; i++) {
		const struct testrun_group *g = &tr->groups[i];
		char a[32], b[32];

		if (!g->name[0])
			continue;
		fmt_score(a, sizeof(a), g->r.judged ? g->r.score : 0);
		fmt_score(b, sizeof(b), g->r.max_score);
		texts[nt] = xasprintf("group %s", g->name);
		texts[nt + 1] = xasprintf("%s %s/%s", g->r.judged ? verdict_name(g->r.verdict) : "-", a, b);
		props[s.n_props++] = (struct junit_property){ texts[nt], texts[nt + 1] };
		nt += 2;
	}
	s.props = props;

	if (tr->comp.verdict != V_OK) {
		cases[s.n++] = (struct junit_case){
			.name = "compile",
			.status = tr->comp.verdict == V_CE ? JUNIT_FAILURE : JUNIT_ERROR,
			.type = verdict_name(tr->comp.verdict),
			.message = tr->comp.verdict == V_CE ? "compilation failed" : "the judge could not compile",
			.detail = tr->comp.message,
			.seconds = tr->comp.wall_ms / 1000.0,
		};
	}
	for (size_t i = 0; i < tr->total; i++) {
		const struct result *r = &tr->tests[i].res;
		struct junit_case *c = &cases[s.n++];

		c->name = tr->tests[i].name;
		if (!tr->tests[i].ran) {
			c->status = JUNIT_SKIPPED;
			c->message = tr->comp.verdict != V_OK ? "not run: the source did not compile" :
				     "not run: --fail-fast stopped at an earlier test";
			continue;
		}
		c->seconds = r->use.wall_ns / 1e9;
		c->type = verdict_name(r->verdict);
		c->message = r->message;
		details[i] = feedback_text(r, &tr->tests[i].ex);
		c->detail = details[i][0] ? details[i] : NULL;
		c->status = r->verdict == V_AC ? JUNIT_PASS : r->verdict == V_IE ? JUNIT_ERROR : JUNIT_FAILURE;
	}
	r = junit_write(path, &s, err);
	for (size_t i = 0; i < nt; i++)
		free(texts[i]);
	free(texts);
	free(props);
	for (size_t i = 0; i < tr->total; i++)
		free(details[i]);
	free(details);
	free(cases);
	return r;
}

int cmd_test(int argc, char **argv)
{
	struct cli_opts o;
	struct jerr err;
	struct problem p;
	struct testrun_opts to;
	struct testrun_ctx ctx;
	struct testrun tr;
	struct progress pg = { 0 };
	struct limitchoice lc;
	bool live;
	int status;

	if (cli_parse(CLI_TEST, argc, argv, &o, &err) < 0)
		return commands_fail_input(&err);
	if (o.n_rest != 2) {
		return commands_fail_usage("test", "judge test [options] SOURCE PROBLEM");
	}
	if (problem_load(o.rest[1], &p, &err) < 0)
		return commands_fail_input(&err);
	commands_warn_problem(&p);
	if (testrun_opts_from_cli(&o, &to, &err) < 0) {
		problem_free(&p);
		return commands_fail_input(&err);
	}
	live = o.progress || (!o.json && isatty(2));
	if (commands_choose_limit(&p, &to, live, &lc, &err) < 0) {
		problem_free(&p);
		return commands_fail_input(&err);
	}
	if (live) {
		pg.colour = table_colour(stderr);
		to.progress = on_test;
		to.compiling = on_compiling;
		to.progress_arg = &pg;
	}
	if (testrun_prepare(&p, &to, &ctx, &err) < 0) {
		problem_free(&p);
		return commands_fail_input(&err);
	}
	if (testrun_source(&ctx, o.rest[0], &tr, &err) < 0) {
		status = commands_fail_input(&err);
		goto out;
	}
	if (live)
		table_progress_clear(stderr);
	if (o.json) {
		json_t *j = report_test_json(&tr, p.name);

		json_object_set_new(j, "time_limit_from", json_string(lc.from));
		report_print(j);
	} else {
		bool colour = table_colour(stdout);

		if (tr.comp.verdict == V_OK)
			print_table(&tr, stdout, colour);
		print_summary(&tr, &lc, stdout, colour);
		if (tr.comp.verdict == V_OK)
			feedback_print(stdout, &tr, 3);
	}
	fflush(stdout);
	status = verdict_exit_status(tr.verdict);
	if (o.report_junit && write_junit(o.report_junit, &p, &tr, &err) < 0)
		status = commands_fail_input(&err);
out:
	testrun_free(&tr);
	testrun_ctx_free(&ctx);
	problem_free(&p);
	return status;
}
