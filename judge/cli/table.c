#include "table.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#define RESET "\033[0m"
#define BOLD "\033[1m"

static const struct {
	const char *verdict;
	const char *colour;
} colours[] = {
	{ "AC", "\033[1;32m" }, { "OK", "\033[1;32m" },
	{ "WA", "\033[1;31m" },
	{ "TLE", "\033[1;33m" }, { "MLE", "\033[1;33m" }, { "OLE", "\033[1;33m" },
	{ "RE", "\033[1;35m" }, { "RF", "\033[1;35m" },
	{ "CE", "\033[1;36m" }, { "IE", "\033[1;36m" },
	{ "MISMATCH", "\033[1;31m" }, { "ok", "\033[1;32m" },
};

void table_init(struct table *t, size_t ncols, const char *const *headers, unsigned right,
		int verdict_col)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols > TABLE_MAX_COLS ? TABLE_MAX_COLS : ncols;
	for (size_t i = 0; i < t->ncols; i++)
		t->headers[i] = headers[i];
	t->right = right;
	t->verdict_col = verdict_col;
}

size_t table_width(const char *s)
{
	size_t w = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xc0) != 0x80)
			w++;
	return w;
}

/* A copy fit for one cell: controls made spaces, cut at TABLE_CELL_MAX columns. */
static char *cell_copy(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t keep = table_width((const char *)p) > TABLE_CELL_MAX ? TABLE_CELL_MAX - 3 : (size_t)-1;
	size_t w = 0, k = 0;
	char *out = xmalloc(strlen((const char *)p) + 4);

	for (; *p; p++) {
		if ((*p & 0xc0) != 0x80 && w++ == keep) {
			memcpy(out + k, "...", 3);
			k += 3;
			break;
		}
		out[k++] = *p < 0x20 || *p == 0x7f ? ' ' : (char)*p;
	}
	out[k] = '\0';
	return out;
}

void table_add(struct table *t, const char *const *cells)
{
	t->cells = xrealloc(t->cells, (t->nrows + 1) * t->ncols * sizeof(*t->cells));
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = cell_copy(cells[i]);
	t->nrows++;
}

const char *table_verdict_colour(const char *verdict)
{
	for (size_t i = 0; i < ARRAY_SIZE(colours); i++)
		if (strcmp(colours[i].verdict, verdict) == 0)
			return colours[i].colour;
	return "";
}

void table_paint(FILE *f, bool colour, const char *verdict, const char *text)
{
	const char *c = colour ? table_verdict_colour(verdict) : "";

	fprintf(f, "%s%s%s", c, text, c[0] ? RESET : "");
}

/* The padding stays outside the colour, so only the text itself is painted. */
static void put_cell(FILE *f, const char *s, size_t width, bool right, bool last, const char *col)
{
	int pad = (int)(width - table_width(s));

	if (right)
		fprintf(f, "%*s", pad, "");
	fprintf(f, "%s%s%s", col, s, col[0] ? RESET : "");
	if (!right && !last)
		fprintf(f, "%*s", pad, "");
}

/* Index of the last non-empty cell: nothing is printed after it, not even padding. */
static size_t last_cell(const char *const *cells, size_t n)
{
	size_t last = 0;

	for (size_t c = 0; c < n; c++)
		if (cells[c][0])
			last = c;
	return last;
}

static void put_row(FILE *f, const struct table *t, const char *const *cells, const size_t *width,
		    bool colour, bool header)
{
	size_t last = last_cell(cells, t->ncols);

	for (size_t c = 0; c <= last; c++) {
		const char *col = !colour ? "" : header ? BOLD :
				  (int)c == t->verdict_col ? table_verdict_colour(cells[c]) : "";

		put_cell(f, cells[c], width[c], t->right >> c & 1, c == last, col);
		if (c < last)
			fputs("  ", f);
	}
	fputc('\n', f);
}

void table_print(const struct table *t, FILE *f, bool colour)
{
	size_t width[TABLE_MAX_COLS];

	for (size_t c = 0; c < t->ncols; c++) {
		width[c] = table_width(t->headers[c]);
		for (size_t r = 0; r < t->nrows; r++) {
			size_t w = table_width(t->cells[r * t->ncols + c]);

			if (w > width[c])
				width[c] = w;
		}
	}
	put_row(f, t, t->headers, width, colour, true);
	for (size_t r = 0; r < t->nrows; r++)
		put_row(f, t, (const char *const *)&t->cells[r * t->ncols], width, colour, false);
}

void table_free(struct table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = 0;
}

bool table_colour(FILE *f)
{
	const char *term = getenv("TERM");
	const char *no = getenv("NO_COLOR");

	if (no && no[0])
		return false;
	if (term && strcmp(term, "dumb") == 0)
		return false;
	return isatty(fileno(f));
}

void table_progress(FILE *f, bool colour, size_t done, size_t total, const char *name,
		    const char *verdict)
{
	char *cut = cell_copy(name);

	fprintf(f, "\r\033[K[%zu/%zu] %s  ", done, total, cut);
	table_paint(f, colour, verdict, verdict);
	fflush(f);
	free(cut);
}

void table_status(FILE *f, const char *text)
{
	char *cut = cell_copy(text);

	fprintf(f, "\r\033[K%s", cut);
	fflush(f);
	free(cut);
}

void table_progress_clear(FILE *f)
{
	fputs("\r\033[K", f);
	fflush(f);
}
