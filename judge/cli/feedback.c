#include "feedback.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Appends to a growing string. */
static void cat(char **s, size_t *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void cat(char **s, size_t *n, const char *fmt, ...)
{
	va_list ap;
	char *add;
	size_t k;

	va_start(ap, fmt);
	if (vasprintf(&add, fmt, ap) < 0)
		add = NULL;
	va_end(ap);
	if (!add)
		return;
	k = strlen(add);
	*s = xrealloc(*s, *n + k + 1);
	memcpy(*s + *n, add, k + 1);
	*n += k;
	free(add);
}

static void indent_into(char **s, size_t *n, const char *text, const char *pad)
{
	const char *p = text, *e;

	while (*p) {
		e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p);
		cat(s, n, "%s%.*s\n", pad, (int)(e - p), p);
		p = *e ? e + 1 : e;
	}
}

/* The diff and stderr blocks, each line starting with `pad`. */
static void blocks(char **s, size_t *n, const struct excerpt *ex, const char *pad)
{
	const struct excerpt_diff *d = &ex->diff;

	if (d->found) {
		if (d->token)
			cat(s, n, "%sfirst difference at token %ld:\n", pad, d->token);
		else
			cat(s, n, "%sfirst difference:\n", pad);
		cat(s, n, "%s  expected (line %ld, column %ld): %s\n", pad, d->exp_line, d->exp_column,
		    d->exp_eof ? "(end of the answer)" : d->expected);
		cat(s, n, "%s  got      (line %ld, column %ld): %s\n", pad, d->line, d->column,
		    d->got_eof ? "(end of the output)" : d->got);
	}
	if (ex->stderr_bytes > 0) {
		char *inner = xasprintf("%s  | ", pad);

		cat(s, n, "%sstderr (%lld bytes%s):\n", pad, (long long)ex->stderr_bytes,
		    ex->stderr_cut ? ", head and tail" : "");
		indent_into(s, n, ex->stderr_text, inner);
		free(inner);
	}
}

void feedback_print_test(FILE *f, const char *name, const struct result *r,
			 const struct excerpt *ex)
{
	char *s = NULL;
	size_t n = 0;

	blocks(&s, &n, ex, "  ");
	if (!s)
		return;
	fprintf(f, "test %s  %s  %s\n%s", name, verdict_name(r->verdict), r->message, s);
	free(s);
}

void feedback_print(FILE *f, const struct testrun *tr, size_t max)
{
	size_t shown = 0, left = 0;

	for (size_t i = 0; i < tr->total; i++) {
		const struct testrun_test *t = &tr->tests[i];

		if (!t->ran || t->res.verdict == V_AC)
			continue;
		if (!t->ex.diff.found && t->ex.stderr_bytes == 0)
			continue;
		if (shown == max) {
			left++;
			continue;
		}
		if (!shown)
			fputc('\n', f);
		feedback_print_test(f, t->name, &t->res, &t->ex);
		shown++;
	}
	if (left)
		fprintf(f, "(%zu more failing test%s with feedback: --json has them all)\n", left,
			left == 1 ? "" : "s");
}

char *feedback_text(const struct result *r, const struct excerpt *ex)
{
	char *s = NULL;
	size_t n = 0;

	if (r->feedback[0])
		cat(&s, &n, "%s\n", r->feedback);
	blocks(&s, &n, ex, "");
	return s ? s : xstrdup("");
}
