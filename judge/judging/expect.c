#include "expect.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MARKER "@EXPECTED_RESULTS@:"
#define SCORE_MARKER "@EXPECTED_SCORE@:"
#define MARKER_SCAN (64 * 1024)	/* the marker is in a comment near the top */

#define B(v) (1 << (v))

/*
 * Kattis (problemtools, the 2023-07 format) and DOMjudge folder names.
 * Kattis counts a memory-limit failure as a run-time error, so
 * run_time_error/ accepts MLE.  DOMjudge's NO-OUTPUT is a wrong answer here:
 * the checker rejects the empty output.  multiple/ and mixed/ say nothing by
 * themselves: each of their sources carries a marker.
 */
const struct expect_category expect_categories[] = {
	{ "accepted", B(V_AC) },
	{ "slow_accepted", B(V_AC) | B(V_TLE) },
	{ "wrong_answer", B(V_WA) },
	{ "no_output", B(V_WA) },
	{ "time_limit_exceeded", B(V_TLE) },
	{ "run_time_error", B(V_RE) | B(V_MLE) },
	{ "memory_limit_exceeded", B(V_MLE) | B(V_RE) },
	{ "output_limit_exceeded", B(V_OLE) },
	{ "output_limit", B(V_OLE) },
	{ "restricted_function", B(V_RF) },
	{ "compile_error", B(V_CE) },
	{ "compiler_error", B(V_CE) },
	{ "rejected", B(V_WA) | B(V_TLE) | B(V_MLE) | B(V_OLE) | B(V_RE) | B(V_RF) | B(V_CE) },
	/* 2023-07: never WA, yet not accepted; each test is checked by submeta's rule for it */
	{ "brute_force", B(V_TLE) | B(V_MLE) | B(V_OLE) | B(V_RE) | B(V_RF) },
	{ "partially_accepted", EXPECT_PARTIAL },
	{ "partial", EXPECT_PARTIAL },
	{ "check_manually", EXPECT_MANUAL },
	{ "multiple", 0 },
	{ "mixed", 0 },
	{ "mixed-verdicts", 0 },
};
const size_t expect_n_categories = ARRAY_SIZE(expect_categories);

const struct expect_category *expect_category(const char *dir)
{
	for (size_t i = 0; i < ARRAY_SIZE(expect_categories); i++)
		if (!strcmp(expect_categories[i].dir, dir))
			return &expect_categories[i];
	return NULL;
}

/* Words a marker may use, besides our verdict names and the category names. */
static const struct {
	const char *word;
	int set;
} aliases[] = {
	{ "CORRECT", B(V_AC) }, { "ACCEPTED", B(V_AC) },
	{ "WRONG-ANSWER", B(V_WA) }, { "WRONG_ANSWER", B(V_WA) }, { "NO-OUTPUT", B(V_WA) },
	{ "TIMELIMIT", B(V_TLE) }, { "TIME-LIMIT", B(V_TLE) },
	{ "RUN-ERROR", B(V_RE) }, { "RUN_ERROR", B(V_RE) }, { "RTE", B(V_RE) },
	{ "MEMORY-LIMIT", B(V_MLE) }, { "OUTPUT-LIMIT", B(V_OLE) },
	{ "COMPILER-ERROR", B(V_CE) }, { "COMPILE-ERROR", B(V_CE) },
	{ "CHECK-MANUALLY", EXPECT_MANUAL },
};

static int word_set(const char *w)
{
	int v = verdict_from_name(w);

	if (v >= 0)
		return B(v);
	for (size_t i = 0; i < ARRAY_SIZE(aliases); i++)
		if (strcasecmp(aliases[i].word, w) == 0)
			return aliases[i].set;
	for (size_t i = 0; i < ARRAY_SIZE(expect_categories); i++)
		if (expect_categories[i].set && strcasecmp(expect_categories[i].dir, w) == 0)
			return expect_categories[i].set;
	for (unsigned u = 0; u <= V_IE; u++)
		if (strcasecmp(verdict_name((enum verdict)u), w) == 0)
			return B(u);
	return -1;
}

/*
 * The first `tag` followed by a verdict.  One followed by other words is
 * prose about the tag ("the @EXPECTED_RESULTS@: tag in expected_result.txt
 * is used", in DOMjudge's own hello example), not a marker.
 */
static char *find_tag(char *text, const char *tag)
{
	for (char *m = strstr(text, tag); m; m = strstr(m + 1, tag)) {
		char word[32], *p = m + strlen(tag);
		size_t k = 0;

		while (*p == ' ' || *p == '\t')
			p++;
		while (k + 1 < sizeof(word) && (isalnum((unsigned char)*p) || *p == '-' || *p == '_'))
			word[k++] = *p++;
		word[k] = '\0';
		if (k && word_set(word) >= 0)
			return m;
	}
	return NULL;
}

/*
 * An @EXPECTED_SCORE@ line that names verdicts ("@EXPECTED_SCORE@: CORRECT",
 * as DOMjudge's own boolfind example has it): DOMjudge reads both tags as
 * the expected results.  A number there is a score (expect_read_score()).
 */
static char *score_as_verdicts(char *text)
{
	char *m = strstr(text, SCORE_MARKER), *p;

	if (!m)
		return NULL;
	for (p = m + strlen(SCORE_MARKER); *p == ' ' || *p == '\t'; p++)
		;
	return isalpha((unsigned char)*p) ? find_tag(m, SCORE_MARKER) : NULL;
}

int expect_read_marker(const char *path, struct jerr *err)
{
	size_t n;
	char *text = util_read_file(path, &n), *m, *p;
	int set = 0, line = 1;

	if (!text) {
		jerr_set(err, path, "", "cannot read: %s", strerror(errno));
		return -1;
	}
	if (n > MARKER_SCAN)
		text[MARKER_SCAN] = '\0';
	m = find_tag(text, MARKER);
	p = m ? m + strlen(MARKER) : NULL;
	/* DOMjudge takes verdicts from @EXPECTED_SCORE@ too, when no @EXPECTED_RESULTS@ */
	if (!m && (m = score_as_verdicts(text)))
		p = m + strlen(SCORE_MARKER);
	if (!m) {
		free(text);
		return 0;
	}
	for (char *q = text; q < m; q++)
		line += *q == '\n';
	for (;;) {
		char word[32];
		size_t k = 0;
		char *start;
		int s;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (!*p || *p == '\n' || *p == '\r' || (p[0] == '*' && p[1] == '/'))
			break;
		start = p;
		while (*p && (isalnum((unsigned char)*p) || *p == '-' || *p == '_'))
			if (k + 1 < sizeof(word))
				word[k++] = *p++;
			else
				p++;
		word[k] = '\0';
		s = k ? word_set(word) : -1;
		if (s < 0) {
			char *ls = start;

			while (ls > text && ls[-1] != '\n')
				ls--;
			jerr_set(err, path, "@EXPECTED_RESULTS@", "unknown verdict '%.*s'",
				 k ? (int)k : 1, start);
			err->line = line;
			err->col = (int)(start - ls) + 1;
			free(text);
			return -1;
		}
		set |= s;
	}
	free(text);
	if (!set) {
		jerr_set(err, path, "@EXPECTED_RESULTS@", "lists no verdict");
		err->line = line;
		return -1;
	}
	return set;
}

bool expect_met(int set, enum verdict v, size_t passed, size_t total)
{
	if (set & EXPECT_MANUAL)
		return true;
	if ((set >> v) & 1)
		return true;
	/* Partial: it ran (no CE, no IE), was not accepted, and earned something. */
	return (set & EXPECT_PARTIAL) && v != V_AC && v != V_CE && v != V_IE &&
	       passed > 0 && passed < total;
}

int expect_read_score(const char *path, double *score, struct jerr *err)
{
	size_t n;
	char *text = util_read_file(path, &n), *m, *p, *end, *ls;
	int line = 1;

	if (!text) {
		jerr_set(err, path, "", "cannot read: %s", strerror(errno));
		return -1;
	}
	if (n > MARKER_SCAN)
		text[MARKER_SCAN] = '\0';
	m = strstr(text, SCORE_MARKER);
	if (!m || score_as_verdicts(text)) {	/* verdicts, not a score: expect_read_marker() */
		free(text);
		return 0;
	}
	for (p = text; p < m; p++)
		line += *p == '\n';
	p = m + strlen(SCORE_MARKER);
	while (*p == ' ' || *p == '\t')
		p++;
	errno = 0;
	*score = strtod(p, &end);
	if (end == p || errno || !isfinite(*score) ||
	    !(*end == '\0' || isspace((unsigned char)*end) || (end[0] == '*' && end[1] == '/'))) {
		for (ls = p; ls > text && ls[-1] != '\n'; ls--)
			;
		jerr_set(err, path, "@EXPECTED_SCORE@", "expected a number such as 70 or 12.5");
		err->line = line;
		err->col = (int)(p - ls) + 1;
		free(text);
		return -1;
	}
	free(text);
	return 1;
}

/* Scores are sums of a few decimals: equal within a millionth, relative to their size. */
static bool same_score(double a, double b)
{
	return fabs(a - b) <= 1e-6 * fmax(1, fmax(fabs(a), fabs(b)));
}

bool expect_met_scored(int set, enum verdict v, size_t passed, size_t total, double score,
		       double max_score, const double *expected)
{
	bool full = isnan(max_score) || same_score(score, max_score) || score > max_score;
	bool ok;

	if (set & EXPECT_MANUAL)
		return true;
	if (expected && !(v == V_AC && same_score(score, *expected)))
		return false;
	if (set & EXPECT_PARTIAL)
		ok = (v == V_AC && !full) || expect_met(set, v, passed, total);
	else if (set == B(V_AC))
		ok = v == V_AC && full;
	else
		ok = expect_met(set, v, passed, total);
	return ok;
}

void expect_text(int set, char *buf, size_t len)
{
	size_t k = 0;

	buf[0] = '\0';
	if (set & EXPECT_MANUAL) {
		snprintf(buf, len, "any (manual)");
		return;
	}
	for (unsigned v = 0; v <= V_IE && k < len; v++)
		if (set & B(v))
			k += (size_t)snprintf(buf + k, len - k, "%s%s", k ? "," : "", verdict_name(v));
	if ((set & EXPECT_PARTIAL) && k < len)
		snprintf(buf + k, len - k, "%spartial", k ? "," : "");
}
