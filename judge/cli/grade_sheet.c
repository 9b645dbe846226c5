#include "grade_sheet.h"

#include <stdlib.h>
#include <string.h>

#include "excerpt.h"
#include "util.h"

static const char *str(const json_t *j, const char *key)
{
	const char *s = json_string_value(json_object_get(j, key));

	return s ? s : "";
}

static long num(const json_t *j, const char *key)
{
	return (long)json_integer_value(json_object_get(j, key));
}

char *grade_student(const char *source)
{
	static const char *const generic[] = { "sol", "solution", "main", "Main", "prog", "a" };
	const char *base = strrchr(source, '/'), *dot;
	char *stem;

	base = base ? base + 1 : source;
	dot = strrchr(base, '.');
	stem = xstrndup(base, dot && dot > base ? (size_t)(dot - base) : strlen(base));
	for (size_t i = 0; i < ARRAY_SIZE(generic); i++) {
		if (strcmp(stem, generic[i]) != 0 || base == source)
			continue;
		/* a per-student folder holding sol.cpp: the folder names the student */
		{
			const char *end = base - 1, *start = end;

			while (start > source && start[-1] != '/')
				start--;
			if (end > start) {
				free(stem);
				return xstrndup(start, (size_t)(end - start));
			}
		}
	}
	return stem;
}

void grade_row_fill(struct grade_row *r, json_t *j)
{
	json_t *tests = json_object_get(j, "tests"), *t, *score = json_object_get(j, "score");
	size_t i;

	memset(r, 0, sizeof(*r));
	r->j = j;
	r->source = str(j, "source");
	r->language = str(j, "language");
	r->verdict = str(j, "verdict");
	r->message = str(j, "message");
	r->student = grade_student(r->source);
	r->passed = num(j, "passed");
	r->total = num(j, "total");
	if (json_is_number(score))
		r->score = json_number_value(score);
	else
		r->score = r->total > 0 ? 100.0 * (double)r->passed / (double)r->total : 0;
	json_array_foreach(tests, i, t) {
		if (num(t, "cpu_ms") > r->cpu_ms)
			r->cpu_ms = num(t, "cpu_ms");
		if (num(t, "memory_kb") > r->memory_kb)
			r->memory_kb = num(t, "memory_kb");
	}
	{
		const char *cm = strcmp(r->verdict, "CE") == 0 ?
				 json_object_get(j, "compile") ? str(json_object_get(j, "compile"), "message") :
				 r->message : "";
		char buf[400];

		excerpt_clean(buf, sizeof(buf), cm, strlen(cm), false);
		r->compile_error = xstrdup(buf);
	}
}

void grade_row_free(struct grade_row *r)
{
	json_decref(r->j);
	free(r->student);
	free(r->compile_error);
	memset(r, 0, sizeof(*r));
}

json_t *grade_row_test(const struct grade_row *r, const char *name)
{
	json_t *t;
	size_t i;

	json_array_foreach(json_object_get(r->j, "tests"), i, t)
		if (strcmp(str(t, "name"), name) == 0)
			return t;
	return NULL;
}

char *grade_test_hint(const json_t *t)
{
	struct excerpt ex;
	json_t *d = json_object_get(t, "diff"), *e = json_object_get(t, "stderr");

	memset(&ex, 0, sizeof(ex));
	if (d) {
		ex.diff.found = true;
		ex.diff.token = num(d, "token");
		ex.diff.line = num(d, "line");
		ex.diff.column = num(d, "column");
		ex.diff.got_eof = json_is_true(json_object_get(d, "output_ended"));
		ex.diff.exp_eof = json_is_true(json_object_get(d, "answer_ended"));
		snprintf(ex.diff.got, sizeof(ex.diff.got), "%s", str(d, "got"));
		snprintf(ex.diff.expected, sizeof(ex.diff.expected), "%s", str(d, "expected"));
	} else if (e) {
		ex.stderr_bytes = num(e, "bytes");
		snprintf(ex.stderr_text, sizeof(ex.stderr_text), "%s", str(e, "excerpt"));
	}
	return excerpt_summary(&ex);
}

/*
 * A text field: quoted when it must be, and defused when a spreadsheet would
 * take it for a formula (=, +, -, @): students' programs write these texts.
 */
static void csv_text(FILE *f, const char *s)
{
	bool formula = strchr("=+-@\t\r", s[0]) && s[0];

	if (!formula && !strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	if (formula)
		fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

int grade_sheet_csv(FILE *f, const struct grade_sheet *s)
{
	fputs("student,source,language,verdict,score,passed,total", f);
	for (size_t k = 0; k < s->p->n_tests; k++) {
		char *h = xasprintf("test %s", s->p->tests[k].name);

		fputc(',', f);
		csv_text(f, h);
		free(h);
	}
	fputs(",max_time_ms,max_memory_kb,message,compile_error\r\n", f);
	for (size_t i = 0; i < s->n; i++) {
		const struct grade_row *r = &s->rows[i];

		csv_text(f, r->student);
		fputc(',', f);
		csv_text(f, r->source);
		fputc(',', f);
		csv_text(f, r->language);
		fprintf(f, ",%s,%.1f,%ld,%ld", r->verdict, r->score, r->passed, r->total);
		for (size_t k = 0; k < s->p->n_tests; k++) {
			json_t *t = grade_row_test(r, s->p->tests[k].name);

			fputc(',', f);
			fputs(t ? str(t, "verdict") : "", f);
		}
		fprintf(f, ",%ld,%ld,", r->cpu_ms, r->memory_kb);
		{
			char clean[600];

			excerpt_clean(clean, sizeof(clean), r->message, strlen(r->message), false);
			csv_text(f, clean);
		}
		fputc(',', f);
		csv_text(f, r->compile_error);
		fputs("\r\n", f);
	}
	return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}

void grade_sheet_summary(FILE *f, const struct grade_sheet *s)
{
	size_t ac = 0;
	double sum = 0;
	const struct grade_row *slow = NULL;

	for (size_t i = 0; i < s->n; i++) {
		const struct grade_row *r = &s->rows[i];

		ac += strcmp(r->verdict, "AC") == 0;
		sum += r->score;
		if (!slow || r->cpu_ms > slow->cpu_ms)
			slow = r;
	}
	fprintf(f, "%zu of %zu AC, average score %.1f", ac, s->n, s->n ? sum / (double)s->n : 0.0);
	if (slow && slow->cpu_ms > 0)
		fprintf(f, ", slowest: %s (%ld ms)", slow->student, slow->cpu_ms);
	fputc('\n', f);
}
