#ifndef JUDGE_TABLE_H
#define JUDGE_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * What people read: a table with aligned columns, the verdict column in
 * colour on a terminal, and a progress line that rewrites itself while
 * tests run.  Colour and progress are for terminals only; a file or a pipe
 * gets plain text that a script can cut up.
 */

#define TABLE_MAX_COLS 8
#define TABLE_CELL_MAX 100	/* display columns; longer cells are cut with "..." */

struct table {
	size_t ncols;
	const char *headers[TABLE_MAX_COLS];
	unsigned right;		/* bit i: column i is right-aligned (numbers) */
	int verdict_col;	/* the column coloured by verdict name, or -1 */
	char **cells;		/* nrows * ncols, owned */
	size_t nrows;
};

/* `headers` has ncols entries (at most TABLE_MAX_COLS). */
void table_init(struct table *t, size_t ncols, const char *const *headers, unsigned right,
		int verdict_col);
/* Copies ncols strings (NULL = empty). */
void table_add(struct table *t, const char *const *cells);
/* Prints the header and every row; the last column is not padded. */
void table_print(const struct table *t, FILE *f, bool colour);
void table_free(struct table *t);

/* Whether to colour output to f: a terminal, NO_COLOR unset, TERM not "dumb". */
bool table_colour(FILE *f);
/* The escape sequence that starts a verdict's colour ("" when it has none). */
const char *table_verdict_colour(const char *verdict);
/* Writes `text`, in the verdict's colour when colour is on. */
void table_paint(FILE *f, bool colour, const char *verdict, const char *text);

/* "\r[3/10] secret/02  AC" over the previous progress line (terminals only). */
void table_progress(FILE *f, bool colour, size_t done, size_t total, const char *name,
		    const char *verdict);
void table_progress_clear(FILE *f);
/* "\rcompiling sol.cpp..." over the previous progress line. */
void table_status(FILE *f, const char *text);

/* Display width of UTF-8 text: one column per code point. */
size_t table_width(const char *s);

#endif
