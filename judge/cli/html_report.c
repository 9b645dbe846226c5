#include "html_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "excerpt.h"
#include "util.h"

void html_escape(FILE *f, const char *s)
{
	char clean[8192];

	/* printable UTF-8 first: a page must not carry the program's control bytes */
	for (size_t n = strlen(s), off = 0; off < n;) {
		size_t take = n - off < 4096 ? n - off : 4096;

		/* never split a character between two chunks */
		while (take < n - off && take > 0 && ((unsigned char)s[off + take] & 0xc0) == 0x80)
			take--;
		excerpt_clean(clean, sizeof(clean), s + off, take, true);
		off += take ? take : 1;
		for (const char *p = clean; *p; p++) {
			switch (*p) {
			case '&': fputs("&amp;", f); break;
			case '<': fputs("&lt;", f); break;
			case '>': fputs("&gt;", f); break;
			case '"': fputs("&quot;", f); break;
			case '\'': fputs("&#39;", f); break;
			default: fputc(*p, f);
			}
		}
	}
}

static const char *str(const json_t *j, const char *key)
{
	const char *s = json_string_value(json_object_get(j, key));

	return s ? s : "";
}

static long num(const json_t *j, const char *key)
{
	return (long)json_integer_value(json_object_get(j, key));
}

/* A verdict as a class name: only the names the judge gives, never the JSON's text. */
static const char *vclass(const char *v)
{
	static const char *const known[] = { "AC", "WA", "TLE", "MLE", "OLE", "RE", "RF", "CE", "IE", "OK" };

	for (size_t i = 0; i < ARRAY_SIZE(known); i++)
		if (strcmp(v, known[i]) == 0)
			return known[i];
	return "none";
}

static const char style[] =
	"body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}"
	"h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}"
	"table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 7px;text-align:center}"
	"th{background:#f2f2f2}td.name{text-align:left}"
	"td a{color:inherit;text-decoration:none;display:block}"
	".v-AC{background:#b9e6b9}.v-WA{background:#f4b6b6}.v-TLE{background:#f7d59a}"
	".v-MLE{background:#e3c1f0}.v-OLE{background:#f0c8a0}.v-RE{background:#f4a6c8}"
	".v-RF{background:#d66;color:#fff}.v-CE{background:#c9c9c9}.v-IE{background:#999;color:#fff}"
	".v-none{background:#fafafa;color:#999}"
	".bar{background:#e8e8e8;width:240px;height:14px;position:relative;display:inline-block}"
	".bar span{background:#4a7fc1;height:14px;display:block}"
	".bar.over span{background:#c14a4a}"
	".hist{display:flex;align-items:flex-end;gap:4px;height:120px}"
	".hist div{background:#4a7fc1;width:34px;text-align:center;color:#fff;font-size:11px}"
	".hl{display:flex;gap:4px}.hl span{width:34px;text-align:center;font-size:11px}"
	"details{margin:.4em 0;border:1px solid #ddd;padding:.3em .6em}"
	"summary{cursor:pointer;font-weight:600}"
	"pre{background:#f7f7f7;padding:.5em;overflow:auto;max-height:24em;white-space:pre-wrap}";

static void matrix(FILE *f, const struct grade_sheet *s)
{
	fputs("<h2>Students \xc3\x97 tests</h2>\n<table id=\"matrix\"><tr><th>student</th><th>verdict</th>"
	      "<th>score</th>", f);
	for (size_t k = 0; k < s->p->n_tests; k++) {
		fputs("<th>", f);
		html_escape(f, s->p->tests[k].name);
		fputs("</th>", f);
	}
	fputs("</tr>\n", f);
	for (size_t i = 0; i < s->n; i++) {
		const struct grade_row *r = &s->rows[i];

		fprintf(f, "<tr><td class=\"name\"><a href=\"#s%zu\">", i);
		html_escape(f, r->student);
		fprintf(f, "</a></td><td class=\"v-%s\">%s</td><td>%.1f</td>", vclass(r->verdict),
			vclass(r->verdict), r->score);
		for (size_t k = 0; k < s->p->n_tests; k++) {
			json_t *t = grade_row_test(r, s->p->tests[k].name);
			const char *v = t ? vclass(str(t, "verdict")) : "none";

			fprintf(f, "<td class=\"v-%s\" title=\"%ld ms, %ld KiB\"><a href=\"#s%zu\">%s</a></td>",
				v, t ? num(t, "cpu_ms") : 0, t ? num(t, "memory_kb") : 0, i,
				t ? v : "\xc2\xb7");
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

double html_score_scale(const struct grade_sheet *s)
{
	double top = 0, highest = 0;

	for (size_t i = 0; i < s->n; i++) {
		json_t *m = json_object_get(s->rows[i].j, "max_score");

		if (json_is_number(m) && isfinite(json_number_value(m)) && json_number_value(m) > top)
			top = json_number_value(m);
		if (s->rows[i].score > highest)
			highest = s->rows[i].score;
	}
	if (top > 0)
		return top;
	return highest > 100 ? highest : 100;
}

/* Ten equal buckets of the score scale, and one for the full score. */
static void distribution(FILE *f, const struct grade_sheet *s)
{
	size_t bucket[11] = { 0 }, most = 1;
	double top = html_score_scale(s);

	for (size_t i = 0; i < s->n; i++) {
		double b = floor(s->rows[i].score / top * 10 + 1e-9);

		bucket[b < 0 ? 0 : b > 10 ? 10 : (int)b]++;
	}
	for (int b = 0; b <= 10; b++)
		if (bucket[b] > most)
			most = bucket[b];
	fprintf(f, "<h2>Score distribution</h2>\n<p>Scores out of %g.</p>\n<div class=\"hist\">", top);
	for (int b = 0; b <= 10; b++)
		fprintf(f, "<div style=\"height:%zupx\" title=\"%zu\"></div>",
			bucket[b] * 100 / most + (bucket[b] ? 14 : 1), bucket[b]);
	fputs("</div>\n<div class=\"hl\">", f);
	for (int b = 0; b <= 10; b++)
		fprintf(f, "<span>%s%g<br>%zu</span>", b == 10 ? "" : "\xe2\x89\xa5", b * top / 10,
			bucket[b]);
	fputs("</div>\n", f);
}

static void bar(FILE *f, long v, long limit)
{
	long pct = limit > 0 ? v * 100 / limit : 0;

	fprintf(f, "<span class=\"bar%s\"><span style=\"width:%ld%%\"></span></span>",
		v > limit ? " over" : "", pct > 100 ? 100 : pct < 0 ? 0 : pct);
}

static void per_test(FILE *f, const struct grade_sheet *s)
{
	fprintf(f, "<h2>Time and memory per test</h2>\n<p>Limits: %lld ms CPU, %lld KiB memory. "
		"Bars show the largest use among the students against the limit.</p>\n"
		"<table id=\"usage\"><tr><th>test</th><th>max time</th><th></th><th>max memory</th>"
		"<th></th><th>AC</th></tr>\n", (long long)s->lim.cpu_ms, (long long)s->lim.memory_kib);
	for (size_t k = 0; k < s->p->n_tests; k++) {
		long t_max = 0, m_max = 0, ac = 0;

		for (size_t i = 0; i < s->n; i++) {
			json_t *t = grade_row_test(&s->rows[i], s->p->tests[k].name);

			if (!t)
				continue;
			if (num(t, "cpu_ms") > t_max)
				t_max = num(t, "cpu_ms");
			if (num(t, "memory_kb") > m_max)
				m_max = num(t, "memory_kb");
			ac += strcmp(str(t, "verdict"), "AC") == 0;
		}
		fputs("<tr><td class=\"name\">", f);
		html_escape(f, s->p->tests[k].name);
		fprintf(f, "</td><td>%ld ms</td><td>", t_max);
		bar(f, t_max, (long)s->lim.cpu_ms);
		fprintf(f, "</td><td>%ld KiB</td><td>", m_max);
		bar(f, m_max, (long)s->lim.memory_kib);
		fprintf(f, "</td><td>%ld/%zu</td></tr>\n", ac, s->n);
	}
	fputs("</table>\n", f);
}

static void pre(FILE *f, const char *label, const char *text)
{
	fputs("<div>", f);
	html_escape(f, label);
	fputs("</div><pre>", f);
	html_escape(f, text);
	fputs("</pre>\n", f);
}

static void student(FILE *f, const struct grade_row *r, size_t i)
{
	json_t *comp = json_object_get(r->j, "compile"), *t;
	size_t k;

	fprintf(f, "<details id=\"s%zu\"><summary><span class=\"v-%s\">&nbsp;%s&nbsp;</span> ", i,
		vclass(r->verdict), vclass(r->verdict));
	html_escape(f, r->student);
	fprintf(f, " \xe2\x80\x94 %.1f, %ld/%ld passed</summary>\n<p>", r->score, r->passed, r->total);
	html_escape(f, r->source);
	if (r->language[0]) {
		fputs(" (", f);
		html_escape(f, r->language);
		fputs(")", f);
	}
	if (r->message[0]) {
		fputs(": ", f);
		html_escape(f, r->message);
	}
	fputs("</p>\n", f);
	if (comp && str(comp, "message")[0])
		pre(f, "compiler", str(comp, "message"));
	else if (!comp && strcmp(r->verdict, "CE") == 0)
		pre(f, "why it was not built", r->message);
	json_array_foreach(json_object_get(r->j, "tests"), k, t) {
		json_t *d = json_object_get(t, "diff"), *e = json_object_get(t, "stderr");
		char *head;

		if (strcmp(str(t, "verdict"), "AC") == 0)
			continue;
		fprintf(f, "<p><b>test ");
		html_escape(f, str(t, "name"));
		fprintf(f, "</b> <span class=\"v-%s\">&nbsp;%s&nbsp;</span> ", vclass(str(t, "verdict")),
			vclass(str(t, "verdict")));
		html_escape(f, str(t, "message"));
		fputs("</p>\n", f);
		if (d) {
			char *text = xasprintf("expected (line %ld, column %ld): %s\ngot      (line %ld, column %ld): %s",
					       num(d, "expected_line"), num(d, "expected_column"),
					       json_is_true(json_object_get(d, "answer_ended")) ?
					       "(end of the answer)" : str(d, "expected"),
					       num(d, "line"), num(d, "column"),
					       json_is_true(json_object_get(d, "output_ended")) ?
					       "(end of the output)" : str(d, "got"));

			head = num(d, "token") ? xasprintf("first difference at token %ld", num(d, "token")) :
			       xstrdup("first difference");
			pre(f, head, text);
			free(head);
			free(text);
		}
		if (e) {
			head = xasprintf("stderr (%ld bytes%s)", num(e, "bytes"),
					 json_is_true(json_object_get(e, "cut")) ? ", head and tail" : "");
			pre(f, head, str(e, "excerpt"));
			free(head);
		}
	}
	fputs("</details>\n", f);
}

int html_report_write(FILE *f, const struct grade_sheet *s)
{
	size_t ac = 0;
	double sum = 0;

	for (size_t i = 0; i < s->n; i++) {
		ac += strcmp(s->rows[i].verdict, "AC") == 0;
		sum += s->rows[i].score;
	}
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	      "style-src 'unsafe-inline'\">\n<title>", f);
	html_escape(f, s->p->name);
	fprintf(f, " \xe2\x80\x94 grades</title>\n<style>%s</style></head><body>\n<h1>", style);
	html_escape(f, s->p->name);
	fprintf(f, "</h1>\n<p>%zu submissions, %zu AC, average score %.1f.</p>\n", s->n, ac,
		s->n ? sum / (double)s->n : 0.0);
	matrix(f, s);
	distribution(f, s);
	per_test(f, s);
	fputs("<h2>Feedback</h2>\n", f);
	for (size_t i = 0; i < s->n; i++)
		student(f, &s->rows[i], i);
	fputs("</body></html>\n", f);
	return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}
