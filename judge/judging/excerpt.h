#ifndef JUDGE_EXCERPT_H
#define JUDGE_EXCERPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * What a person needs to act on a test's result: the head and tail of what
 * the program wrote on stderr (a traceback, an exception, a perror), and,
 * for a wrong answer, where its output first left the answer, with the line
 * of each around that place.  Everything here is bounded and printable
 * UTF-8: it comes from the student's program, so invalid bytes and control
 * characters (terminal escapes) become '?', whatever the program wrote.
 * The struct is plain bytes, so it crosses a pipe from a --jobs worker.
 */

#define EXCERPT_HEAD	640	/* bytes of stderr kept from its start ... */
#define EXCERPT_TAIL	640	/* ... and from its end */
#define EXCERPT_LINE	160	/* bytes of a line shown around a difference */

struct excerpt_diff {
	bool found;
	long token;		/* 1-based number of the first differing token; 0: by lines */
	long line, column;	/* where it is in the output (1-based; column in characters) */
	long exp_line, exp_column;	/* and in the answer */
	bool got_eof, exp_eof;	/* the output (answer) ended there */
	char got[EXCERPT_LINE + 8];	/* the output's line there, cut around the column */
	char expected[EXCERPT_LINE + 8];
};

struct excerpt {
	int64_t stderr_bytes;	/* all the program wrote on stderr */
	bool stderr_cut;	/* the middle was left out of stderr_text */
	char stderr_text[EXCERPT_HEAD + EXCERPT_TAIL + 64];
	struct excerpt_diff diff;
};

/* Reads the head and tail of stderr from `fd` (read with pread; offset kept). */
void excerpt_stderr(int fd, struct excerpt *ex);

/*
 * Pure but for reading the files: where `output` first differs from
 * `answer`, token by token (by_lines false: whitespace-insensitive; with
 * `eps` >= 0, numbers within eps, absolute or relative, are equal;
 * case_insensitive folds ASCII case), or line by line (trailing blanks and
 * trailing blank lines ignored unless `exact`).  Returns 1 with `d` filled,
 * 0 when no difference was found that way, -1 when a file cannot be read.
 */
struct excerpt_how {
	bool by_lines, exact, case_insensitive;
	double eps;		/* < 0: compare numbers as text */
};
int excerpt_diff(const char *answer, const char *output, const struct excerpt_how *how,
		 struct excerpt_diff *d);

/*
 * One line for a table cell or a CSV field (caller frees): "token 3
 * (line 1, column 5): expected '3', got '4'" for a difference, else the
 * last non-empty line of stderr, else "".
 */
char *excerpt_summary(const struct excerpt *ex);

/* Copies at most n bytes of s to buf (size len), printable UTF-8 only. */
void excerpt_clean(char *buf, size_t len, const char *s, size_t n, bool keep_newlines);

#endif
