#include "compare.h"

#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checktext.h"

/*
 * Built-in comparisons map both files and walk them once with two cursors,
 * stopping at the first difference; nothing is allocated per token, so a
 * 64 MiB output costs one pass over the page cache.  The feedback names the
 * first difference by position (token, line or byte) and shows both sides,
 * escaped and cut short, because it ends up in a one-line verdict and a JSON
 * string.
 */

#define NUMBER_MAX	128	/* longer tokens are compared as strings */

/* ==== Reading the files ==== */

struct mapped {
	const unsigned char *p;
	size_t n;
	void *map;
	size_t map_len;
	char *heap;
};

static int map_file(const char *path, const char *what, struct mapped *m, char *fb, size_t fl)
{
	struct stat st;
	size_t cap = 0;
	ssize_t r;
	int fd;

	memset(m, 0, sizeof(*m));
	m->p = (const unsigned char *)"";
	if (!path) {
		fb_printf(fb, fl, "no %s file given", what);
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		fb_printf(fb, fl, "cannot open %s %s: %s", what, path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (S_ISREG(st.st_mode)) {
		if (st.st_size > 0) {
			m->map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
			if (m->map == MAP_FAILED) {
				m->map = NULL;
			} else {
				m->map_len = (size_t)st.st_size;
				madvise(m->map, m->map_len, MADV_SEQUENTIAL);
				m->p = m->map;
				m->n = m->map_len;
			}
		}
		if (st.st_size == 0 || m->map) {
			close(fd);
			return 0;
		}
	}
	/* Pipes, devices, or a failed mmap: read it all. */
	for (;;) {
		if (m->n == cap)
			m->heap = xrealloc(m->heap, cap = cap ? cap * 2 : 65536);
		r = read(fd, m->heap + m->n, cap - m->n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fb_printf(fb, fl, "cannot read %s %s: %s", what, path, strerror(errno));
			close(fd);
			free(m->heap);
			m->heap = NULL;
			return -1;
		}
		if (r == 0)
			break;
		m->n += (size_t)r;
	}
	close(fd);
	if (m->heap)
		m->p = (const unsigned char *)m->heap;
	return 0;
}

static void unmap_file(struct mapped *m)
{
	if (m->map)
		munmap(m->map, m->map_len);
	free(m->heap);
	memset(m, 0, sizeof(*m));
}

static inline bool is_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static size_t count_lines(const unsigned char *p, size_t n)
{
	size_t lines = 1;
	const unsigned char *end = p + n;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		lines++;
		p++;
	}
	return lines;
}

/* ==== exact ==== */

static enum check_result compare_exact(const struct mapped *ans, const struct mapped *out,
				       char *fb, size_t fl)
{
	size_t n = ans->n < out->n ? ans->n : out->n, i = 0, line, col;
	const unsigned char *nl;
	char qa[256], qo[256];

	while (i < n) {
		size_t k = n - i < 4096 ? n - i : 4096;

		if (memcmp(ans->p + i, out->p + i, k) != 0) {
			while (ans->p[i] == out->p[i])
				i++;
			break;
		}
		i += k;
	}
	if (i == n && ans->n == out->n)
		return CHECK_AC;

	line = count_lines(out->p, i);
	nl = memrchr(out->p, '\n', i);
	col = nl ? (size_t)(out->p + i - nl) : i + 1;
	fb_quote(qa, sizeof(qa), ans->p + i, ans->n - i, 0);
	fb_quote(qo, sizeof(qo), out->p + i, out->n - i, 0);
	if (i < n)
		fb_printf(fb, fl, "byte %zu differs (line %zu, column %zu): expected %s, got %s",
			  i + 1, line, col, qa, qo);
	else if (out->n < ans->n)
		fb_printf(fb, fl, "output ended early after %zu bytes: expected %s next", i, qa);
	else
		fb_printf(fb, fl, "extra output after %zu bytes: %s", i, qo);
	return CHECK_WA;
}

/* ==== lines ==== */

/*
 * The next line of [*p, end) without its newline and trailing blanks; false
 * at the end.  `end` already excludes trailing blank lines.
 */
static bool next_line(const unsigned char **p, const unsigned char *end,
		      const unsigned char **s, size_t *n)
{
	const unsigned char *nl, *e;

	if (*p >= end)
		return false;
	nl = memchr(*p, '\n', (size_t)(end - *p));
	e = nl ? nl : end;
	*s = *p;
	while (e > *s && is_space(e[-1]))
		e--;
	*n = (size_t)(e - *s);
	*p = nl ? nl + 1 : end;
	return true;
}

static const unsigned char *content_end(const struct mapped *m)
{
	const unsigned char *e = m->p + m->n;

	while (e > m->p && is_space(e[-1]))
		e--;
	return e;
}

static enum check_result compare_lines(const struct mapped *ans, const struct mapped *out,
				       char *fb, size_t fl)
{
	const unsigned char *pa = ans->p, *ea = content_end(ans), *po = out->p, *eo = content_end(out);
	const unsigned char *la = NULL, *lo = NULL;
	size_t na = 0, no = 0, line = 0, from;
	char qa[256], qo[256];
	bool ha, ho;

	for (;;) {
		ha = next_line(&pa, ea, &la, &na);
		ho = next_line(&po, eo, &lo, &no);
		if (!ha && !ho)
			return CHECK_AC;
		if (!ha) {
			fb_quote(qo, sizeof(qo), lo, no, 0);
			fb_printf(fb, fl, "extra output after %zu lines: %s", line, qo);
			return CHECK_WA;
		}
		if (!ho) {
			fb_quote(qa, sizeof(qa), la, na, 0);
			fb_printf(fb, fl, "output ended early after %zu lines: expected %s next", line, qa);
			return CHECK_WA;
		}
		line++;
		if (na != no || memcmp(la, lo, na) != 0) {
			from = fb_show_from(la, na, lo, no);
			fb_quote(qa, sizeof(qa), la, na, from);
			fb_quote(qo, sizeof(qo), lo, no, from);
			fb_printf(fb, fl, "line %zu differs: expected %s, got %s", line, qa, qo);
			return CHECK_WA;
		}
	}
}

/* ==== tokens and float ==== */

struct cursor {
	const unsigned char *p, *end;
	size_t line;
};

static void skip_space(struct cursor *c, const unsigned char **ws, size_t *wn)
{
	const unsigned char *s = c->p;

	while (c->p < c->end && is_space(*c->p)) {
		if (*c->p == '\n')
			c->line++;
		c->p++;
	}
	*ws = s;
	*wn = (size_t)(c->p - s);
}

static bool next_token(struct cursor *c, const unsigned char **s, size_t *n)
{
	if (c->p >= c->end)
		return false;
	*s = c->p;
	while (c->p < c->end && !is_space(*c->p))
		c->p++;
	*n = (size_t)(c->p - *s);
	return true;
}

/*
 * A decimal number, inf, infinity or nan, with an optional sign: what a
 * contestant prints.  Hex floats and C suffixes are not numbers here, so
 * "0x10" does not match "16".
 */
static bool parse_number(const unsigned char *s, size_t n, double *v)
{
	char buf[NUMBER_MAX + 1];
	size_t i = 0, digits = 0;

	if (n == 0 || n > NUMBER_MAX)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (buf[i] == '+' || buf[i] == '-')
		i++;
	if (!strcasecmp(buf + i, "inf") || !strcasecmp(buf + i, "infinity") || !strcasecmp(buf + i, "nan")) {
		*v = strtod(buf, NULL);
		return true;
	}
	for (; buf[i] >= '0' && buf[i] <= '9'; i++)
		digits++;
	if (buf[i] == '.')
		for (i++; buf[i] >= '0' && buf[i] <= '9'; i++)
			digits++;
	if (!digits)
		return false;
	if (buf[i] == 'e' || buf[i] == 'E') {
		size_t e;

		i++;
		if (buf[i] == '+' || buf[i] == '-')
			i++;
		for (e = i; buf[i] >= '0' && buf[i] <= '9'; i++)
			;
		if (i == e)
			return false;
	}
	if (i != n)
		return false;
	*v = strtod(buf, NULL);
	return true;
}

/*
 * |x - y| within abs_eps, or within rel_eps of the answer y (a negative
 * tolerance is unset).  NaN matches only NaN and an infinity only itself,
 * since "inf - inf" and "eps * inf" would otherwise make anything match.  A
 * few ulps of slack keep "1.000001" within 1e-6 of "1" despite rounding.
 */
static bool floats_match(double x, double y, double abs_eps, double rel_eps)
{
	double d, slack;

	if (isnan(x) || isnan(y))
		return isnan(x) && isnan(y);
	if (isinf(x) || isinf(y))
		return x == y;
	d = fabs(x - y);
	slack = 4 * DBL_EPSILON * fmax(fabs(x), fabs(y));
	if (abs_eps >= 0 && d <= abs_eps + slack)
		return true;
	return rel_eps >= 0 && d <= rel_eps * fabs(y) + slack;
}

static bool same_text(const unsigned char *a, size_t an, const unsigned char *b, size_t bn,
		      bool case_sensitive)
{
	if (an != bn)
		return false;
	if (case_sensitive)
		return memcmp(a, b, an) == 0;
	for (size_t i = 0; i < an; i++) {
		unsigned char x = a[i], y = b[i];

		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return false;
	}
	return true;
}

static enum check_result compare_tokens(const struct checker *c, const struct mapped *ans,
					const struct mapped *out, char *fb, size_t fl)
{
	struct cursor a = { ans->p, ans->p + ans->n, 1 }, o = { out->p, out->p + out->n, 1 };
	const unsigned char *ta = NULL, *to = NULL, *wa, *wo;
	size_t na = 0, no = 0, wna, wno, count = 0, from;
	double abs_eps = c->abs_eps, rel_eps = c->rel_eps, x, y;
	bool floats = c->kind == CHECKER_FLOAT, ha, ho;
	char qa[256], qo[256];

	if (abs_eps < 0 && rel_eps < 0)
		abs_eps = rel_eps = c->eps;
	for (;;) {
		skip_space(&a, &wa, &wna);
		skip_space(&o, &wo, &wno);
		if (c->space_sensitive && (wna != wno || memcmp(wa, wo, wna) != 0)) {
			fb_quote(qa, sizeof(qa), wa, wna, 0);
			fb_quote(qo, sizeof(qo), wo, wno, 0);
			fb_printf(fb, fl, "whitespace differs after token %zu (line %zu of the output): expected %s, got %s",
				  count, o.line, qa, qo);
			return CHECK_WA;
		}
		ha = next_token(&a, &ta, &na);
		ho = next_token(&o, &to, &no);
		if (!ha && !ho)
			return CHECK_AC;
		if (!ha) {
			fb_quote(qo, sizeof(qo), to, no, 0);
			fb_printf(fb, fl, "extra output after %zu tokens: %s (line %zu of the output)",
				  count, qo, o.line);
			return CHECK_WA;
		}
		if (!ho) {
			fb_quote(qa, sizeof(qa), ta, na, 0);
			fb_printf(fb, fl, "output ended early after %zu tokens: expected %s next%s", count, qa,
				  out->n == 0 ? " (the output is empty)" : "");
			return CHECK_WA;
		}
		count++;
		if (floats && parse_number(ta, na, &y) && parse_number(to, no, &x)) {
			if (floats_match(x, y, abs_eps, rel_eps))
				continue;
			fb_quote(qa, sizeof(qa), ta, na, 0);
			fb_quote(qo, sizeof(qo), to, no, 0);
			fb_printf(fb, fl, "token %zu differs: expected %s, got %s (line %zu of the output; off by %.3g)",
				  count, qa, qo, o.line, fabs(x - y));
			return CHECK_WA;
		}
		if (!same_text(ta, na, to, no, c->case_sensitive)) {
			from = fb_show_from(ta, na, to, no);
			fb_quote(qa, sizeof(qa), ta, na, from);
			fb_quote(qo, sizeof(qo), to, no, from);
			fb_printf(fb, fl, "token %zu differs: expected %s, got %s (line %zu of the output)",
				  count, qa, qo, o.line);
			return CHECK_WA;
		}
	}
}

enum check_result compare_run(const struct checker *c, const char *output_path,
			      const char *answer_path, char *fb, size_t fl)
{
	struct mapped ans, out;
	enum check_result r;

	if (map_file(answer_path, "answer", &ans, fb, fl) < 0)
		return CHECK_FAIL;
	if (map_file(output_path, "output", &out, fb, fl) < 0) {
		unmap_file(&ans);
		return CHECK_FAIL;
	}
	switch (c->kind) {
	case CHECKER_EXACT:
		r = compare_exact(&ans, &out, fb, fl);
		break;
	case CHECKER_LINES:
		r = compare_lines(&ans, &out, fb, fl);
		break;
	default:
		r = compare_tokens(c, &ans, &out, fb, fl);
		break;
	}
	unmap_file(&ans);
	unmap_file(&out);
	return r;
}
