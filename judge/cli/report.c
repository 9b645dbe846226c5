#include "report.h"

#include <math.h>
#include <string.h>

#include "abi.h"
#include "expect.h"
#include "util.h"

json_t *report_string(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p), k = 0;
	char *buf;
	json_t *j = json_string((const char *)p);

	if (j)
		return j;
	buf = xmalloc(3 * n + 1);
	while (*p) {
		size_t l = util_utf8_len(p);

		if (l) {
			memcpy(buf + k, p, l);
			k += l;
			p += l;
		} else {
			memcpy(buf + k, "\xef\xbf\xbd", 3);
			k += 3;
			p++;
		}
	}
	buf[k] = '\0';
	j = json_string(buf);
	free(buf);
	return j ? j : json_string("");
}

static json_t *ms(int64_t ns)
{
	return json_integer((ns + 500000) / 1000000);
}

json_t *report_json(const struct result *r)
{
	json_t *o = json_object();
	const struct outcome *out = &r->out;

	json_object_set_new(o, "verdict", json_string(verdict_name(r->verdict)));
	json_object_set_new(o, "cpu_ms", ms(r->use.cpu_ns));
	json_object_set_new(o, "wall_ms", ms(r->use.wall_ns));
	json_object_set_new(o, "memory_kb", json_integer(r->use.memory_kib));
	json_object_set_new(o, "output_bytes", json_integer(r->use.output_bytes));
	json_object_set_new(o, "exit_code", out->exited ? json_integer(out->exit_code) : json_null());
	json_object_set_new(o, "signal", out->signal ? json_integer(out->signal) : json_null());
	if (r->verdict == V_RF) {
		json_t *s = json_object(), *args = json_array();

		json_object_set_new(s, "name", report_string(out->sys.name));
		json_object_set_new(s, "nr", json_integer(out->sys.nr));
		json_object_set_new(s, "abi", json_string(abi_name(out->sys.abi)));
		for (int i = 0; i < 6; i++)
			json_array_append_new(args, json_integer((json_int_t)out->sys.args[i]));
		json_object_set_new(s, "args", args);
		if (out->sys.detail[0])
			json_object_set_new(s, "detail", report_string(out->sys.detail));
		json_object_set_new(o, "syscall", s);
	} else {
		json_object_set_new(o, "syscall", json_null());
	}
	if (r->limit)
		json_object_set_new(o, "limit", json_string(r->limit));
	if (r->mle_rule)
		json_object_set_new(o, "mle_rule", json_string(r->mle_rule));
	if (r->verdict == V_MLE && out->refused_bytes > 0)
		json_object_set_new(o, "refused_kb", json_integer((out->refused_bytes + 1023) / 1024));
	json_object_set_new(o, "message", report_string(r->message));
	if (r->has_score)
		json_object_set_new(o, "score", report_score(r->score));
	if (r->feedback[0])
		json_object_set_new(o, "feedback", report_string(r->feedback));
	if (r->layers.mode) {
		json_t *sb = json_object();

		json_object_set_new(sb, "mode", json_string(r->layers.mode));
		json_object_set_new(sb, "seccomp", json_boolean(r->layers.seccomp));
		json_object_set_new(sb, "landlock", r->layers.landlock ?
				    json_integer(r->layers.landlock) : json_false());
		json_object_set_new(sb, "rlimits", json_boolean(r->layers.rlimits));
		json_object_set_new(sb, "uid_drop", json_boolean(r->layers.uid_drop));
		json_object_set_new(sb, "namespaces", json_boolean(r->layers.namespaces));
		json_object_set_new(sb, "cgroup", json_boolean(r->layers.cgroup));
		json_object_set_new(sb, "view", r->layers.view ? json_string(r->layers.view) :
				    json_false());
		if (!r->layers.view && r->layers.view_missing)
			json_object_set_new(sb, "view_missing", json_string(r->layers.view_missing));
		json_object_set_new(o, "sandbox", sb);
	}
	json_object_set_new(o, "judge_cpu_ms", ms(r->use.judge_cpu_ns));
	json_object_set_new(o, "syscall_stops", json_integer(r->use.stops));
	return o;
}

void report_line(FILE *f, const struct result *r)
{
	fprintf(f, "%s  cpu %lld ms  wall %lld ms  memory %lld KiB  output %lld B  %s\n",
		verdict_name(r->verdict), (long long)((r->use.cpu_ns + 500000) / 1000000),
		(long long)((r->use.wall_ns + 500000) / 1000000), (long long)r->use.memory_kib,
		(long long)r->use.output_bytes, r->message);
}

json_t *report_excerpt(const struct excerpt *ex)
{
	json_t *o = json_object();

	if (ex->stderr_bytes > 0) {
		json_t *s = json_object();

		json_object_set_new(s, "bytes", json_integer(ex->stderr_bytes));
		json_object_set_new(s, "cut", json_boolean(ex->stderr_cut));
		json_object_set_new(s, "excerpt", report_string(ex->stderr_text));
		json_object_set_new(o, "stderr", s);
	}
	if (ex->diff.found) {
		const struct excerpt_diff *d = &ex->diff;
		json_t *j = json_object();

		if (d->token)
			json_object_set_new(j, "token", json_integer(d->token));
		json_object_set_new(j, "line", json_integer(d->line));
		json_object_set_new(j, "column", json_integer(d->column));
		json_object_set_new(j, "expected_line", json_integer(d->exp_line));
		json_object_set_new(j, "expected_column", json_integer(d->exp_column));
		json_object_set_new(j, "expected", report_string(d->expected));
		json_object_set_new(j, "got", report_string(d->got));
		json_object_set_new(j, "output_ended", json_boolean(d->got_eof));
		json_object_set_new(j, "answer_ended", json_boolean(d->exp_eof));
		json_object_set_new(o, "diff", j);
	}
	return o;
}

json_t *report_score(double v)
{
	if (!isfinite(v))
		return json_null();
	if (v == floor(v) && fabs(v) < 1e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

/* "score", "max_score" and a scoring problem's "groups" (data/ itself is the top level's). */
static void report_scores(json_t *o, const struct testrun *tr)
{
	json_t *groups;

	json_object_set_new(o, "score", report_score(tr->score));
	json_object_set_new(o, "max_score", report_score(tr->max_score));
	if (!tr->n_groups)
		return;
	groups = json_array();
	for (size_t i = 0; i < tr->n_groups; i++) {
		const struct testrun_group *g = &tr->groups[i];
		json_t *j;

		if (!g->name[0])
			continue;
		j = json_object();
		json_object_set_new(j, "name", report_string(g->name));
		json_object_set_new(j, "verdict", g->r.judged ? json_string(verdict_name(g->r.verdict)) :
				    json_null());
		json_object_set_new(j, "score", report_score(g->r.judged ? g->r.score : 0));
		json_object_set_new(j, "max_score", report_score(g->r.max_score));
		json_array_append_new(groups, j);
	}
	json_object_set_new(o, "groups", groups);
}

json_t *report_testrun(const struct testrun *tr)
{
	json_t *o = json_object(), *comp = json_object(), *tests = json_array(), *lim = json_object();

	json_object_set_new(o, "verdict", json_string(verdict_name(tr->verdict)));
	if (tr->interrupted)
		json_object_set_new(o, "message", json_string("interrupted"));
	json_object_set_new(o, "interrupted", json_boolean(tr->interrupted));
	json_object_set_new(comp, "status", json_string(verdict_name(tr->comp.verdict)));
	json_object_set_new(comp, "message", report_string(tr->comp.message));
	json_object_set_new(comp, "cpu_ms", json_integer(tr->comp.cpu_ms));
	json_object_set_new(comp, "wall_ms", json_integer(tr->comp.wall_ms));
	json_object_set_new(comp, "memory_kb", json_integer(tr->comp.memory_kib));
	json_object_set_new(o, "compile", comp);
	json_object_set_new(o, "passed", json_integer((json_int_t)tr->passed));
	json_object_set_new(o, "total", json_integer((json_int_t)tr->total));
	for (size_t i = 0; i < tr->total; i++) {
		json_t *t, *ex;

		if (!tr->tests[i].ran)
			continue;
		t = report_json(&tr->tests[i].res);
		json_object_set_new(t, "name", report_string(tr->tests[i].name));
		ex = report_excerpt(&tr->tests[i].ex);
		json_object_update(t, ex);
		json_decref(ex);
		json_array_append_new(tests, t);
	}
	json_object_set_new(o, "tests", tests);
	if (tr->scored)
		report_scores(o, tr);
	if (tr->language)
		json_object_set_new(o, "language", report_string(tr->language));
	json_object_set_new(lim, "cpu_ms", json_integer(tr->lim.cpu_ms));
	json_object_set_new(lim, "wall_ms", json_integer(tr->lim.wall_ms));
	json_object_set_new(lim, "memory_kb", json_integer(tr->lim.memory_kib));
	json_object_set_new(lim, "output_bytes", json_integer(tr->lim.output_bytes));
	json_object_set_new(o, "limits", lim);
	return o;
}

json_t *report_test_json(const struct testrun *tr, const char *problem)
{
	json_t *j = report_testrun(tr);

	json_object_set_new(j, "problem", report_string(problem));
	return j;
}

json_t *report_compile_json(const struct compile_result *cr, const char *policy)
{
	json_t *j = json_object();

	json_object_set_new(j, "verdict", json_string(verdict_name(cr->verdict)));
	/* a compiler quotes the source: its bytes need not be UTF-8 */
	json_object_set_new(j, "message", report_string(cr->message));
	json_object_set_new(j, "cpu_ms", json_integer(cr->cpu_ms));
	json_object_set_new(j, "wall_ms", json_integer(cr->wall_ms));
	json_object_set_new(j, "memory_kb", json_integer(cr->memory_kib));
	json_object_set_new(j, "policy", report_string(policy));
	return j;
}

json_t *report_run_compile_json(const struct compile_result *cr, const char *message)
{
	json_t *j = json_object(), *c = json_object();

	json_object_set_new(j, "verdict", json_string(verdict_name(cr->verdict)));
	json_object_set_new(j, "message", json_string(message));
	json_object_set_new(c, "status", json_string(verdict_name(cr->verdict)));
	json_object_set_new(c, "message", report_string(cr->message));
	json_object_set_new(c, "cpu_ms", json_integer(cr->cpu_ms));
	json_object_set_new(c, "wall_ms", json_integer(cr->wall_ms));
	json_object_set_new(c, "memory_kb", json_integer(cr->memory_kib));
	json_object_set_new(j, "compile", c);
	return j;
}

json_t *report_grade_testrun(const struct testrun *tr, const char *message, const char *source)
{
	json_t *j = report_testrun(tr);

	if (message[0] && !json_object_get(j, "message"))
		json_object_set_new(j, "message", report_string(message));
	json_object_set_new(j, "source", report_string(source));
	return j;
}

json_t *report_grade_ce(const char *message, size_t total, const char *source)
{
	json_t *j = json_object();

	json_object_set_new(j, "verdict", json_string("CE"));
	json_object_set_new(j, "message", report_string(message));
	json_object_set_new(j, "passed", json_integer(0));
	json_object_set_new(j, "total", json_integer((json_int_t)total));
	json_object_set_new(j, "source", report_string(source));
	return j;
}

json_t *report_grade_lost(const char *source, const char *why)
{
	json_t *j = json_object();

	json_object_set_new(j, "verdict", json_string("IE"));
	json_object_set_new(j, "message", report_string(why));
	json_object_set_new(j, "interrupted", json_boolean(util_interrupted != 0));
	json_object_set_new(j, "source", report_string(source));
	return j;
}

json_t *report_grade_json(const char *problem, const struct grade_sheet *s)
{
	json_t *j = json_object(), *arr = json_array();

	json_object_set_new(j, "problem", report_string(problem));
	for (size_t i = 0; i < s->n; i++) {
		json_object_set_new(s->rows[i].j, "student", report_string(s->rows[i].student));
		json_array_append(arr, s->rows[i].j);
	}
	json_object_set_new(j, "submissions", arr);
	return j;
}

json_t *report_verify_json(const char *problem, const struct verify *v, size_t matched,
			   size_t judged)
{
	json_t *j = json_object(), *arr = json_array(), *skipped = json_array();

	json_object_set_new(j, "problem", report_string(problem));
	for (size_t i = 0; i < v->n; i++) {
		const struct verify_entry *s = &v->subs[i];
		json_t *o = json_object(), *exp = json_array();

		json_object_set_new(o, "source", report_string(s->source));
		if (s->skip) {
			json_object_set_new(o, "reason", report_string(s->skip));
			json_array_append_new(skipped, o);
			json_decref(exp);
			continue;
		}
		for (unsigned u = 0; u <= V_IE; u++)
			if (s->expected & (1 << u))
				json_array_append_new(exp, json_string(verdict_name(u)));
		if (s->expected & EXPECT_PARTIAL)
			json_array_append_new(exp, json_string("partial"));
		if (s->expected & EXPECT_MANUAL)
			json_array_append_new(exp, json_string("manual"));
		json_object_set_new(o, "expected", exp);
		json_object_set_new(o, "verdict", json_string(verdict_name(s->got)));
		if (s->high)
			json_object_set_new(o, "verdict_high", json_string(verdict_name(s->got_high)));
		json_object_set_new(o, "ok", json_boolean(s->ok));
		json_object_set_new(o, "passed", json_integer((json_int_t)s->passed));
		json_object_set_new(o, "total", json_integer((json_int_t)s->total));
		json_object_set_new(o, "cpu_ms", json_integer(s->cpu_ms));
		if (s->scored) {
			json_object_set_new(o, "score", report_score(s->score));
			json_object_set_new(o, "max_score", report_score(s->max_score));
		}
		if (s->has_expected_score)
			json_object_set_new(o, "expected_score", report_score(s->expected_score));
		json_object_set_new(o, "message", report_string(s->message));
		json_array_append_new(arr, o);
	}
	json_object_set_new(j, "submissions", arr);
	json_object_set_new(j, "skipped", skipped);
	json_object_set_new(j, "time_limit_ms", json_integer(v->limit_ms));
	json_object_set_new(j, "time_limit_from", json_string(v->limit_from));
	json_object_set_new(j, "time_limit_high_ms", json_integer(v->high_ms));
	json_object_set_new(j, "matched", json_integer((json_int_t)matched));
	json_object_set_new(j, "total", json_integer((json_int_t)judged));
	return j;
}

json_t *report_error_json(const struct jerr *e, const char *line)
{
	json_t *j = json_object(), *o = json_object();

	json_object_set_new(o, "message", report_string(line));
	if (e->file[0])
		json_object_set_new(o, "file", report_string(e->file));
	if (e->key[0])
		json_object_set_new(o, "key", report_string(e->key));
	if (e->line > 0)
		json_object_set_new(o, "line", json_integer(e->line));
	if (e->col > 0)
		json_object_set_new(o, "column", json_integer(e->col));
	json_object_set_new(j, "error", o);
	return j;
}

void report_print(json_t *j)
{
	json_dumpf(j, stdout, JSON_COMPACT);
	fputc('\n', stdout);
	fflush(stdout);
	json_decref(j);
}
