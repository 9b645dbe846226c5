#include "excerpt.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* ==== Printable UTF-8 ==== */

/* A character a terminal shows as it is: C1 controls (CSI is U+009B) steer it as ESC does. */
static size_t utf8_char(const unsigned char *s, size_t n)
{
	size_t len = util_utf8_char(s, n);

	return len == 2 && s[0] == 0xc2 && s[1] <= 0x9f ? 0 : len;
}

void excerpt_clean(char *buf, size_t len, const char *s, size_t n, bool keep_newlines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k = 0, i = 0;

	if (!len)
		return;
	while (i < n) {
		size_t l = utf8_char(p + i, n - i);
		char c = (char)p[i];

		if (l == 1 && (p[i] < 0x20 || p[i] == 0x7f)) {
			l = 1;
			c = p[i] == '\n' && keep_newlines ? '\n' :
			    p[i] == '\t' || p[i] == '\n' ? ' ' : p[i] == '\r' ? '\0' : '?';
			if (c && k + 1 < len)
				buf[k++] = c;
			else if (c)
				break;
			i++;
			continue;
		}
		if (!l) {
			if (k + 1 >= len)
				break;
			buf[k++] = '?';
			i++;
			continue;
		}
		if (k + l >= len)
			break;
		memcpy(buf + k, p + i, l);
		k += l;
		i += l;
	}
	buf[k] = '\0';
}

/* ==== stderr ==== */

static size_t pread_full(int fd, char *buf, size_t n, off_t off)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = pread(fd, buf + got, n - got, off + (off_t)got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

/* Bytes of buf[0..n) that end on a whole character (at most 3 dropped). */
static size_t whole_head(const char *buf, size_t n)
{
	for (size_t back = 0; back < 4 && back < n; back++) {
		unsigned char c = (unsigned char)buf[n - 1 - back];

		if ((c & 0xc0) != 0x80)
			return utf8_char((const unsigned char *)buf + n - 1 - back, back + 1) ? n :
			       n - 1 - back;
	}
	return n;
}

void excerpt_stderr(int fd, struct excerpt *ex)
{
	struct stat st;
	char head[EXCERPT_HEAD], tail[EXCERPT_TAIL];
	size_t nh, nt, skip = 0, used;

	ex->stderr_bytes = 0;
	ex->stderr_cut = false;
	ex->stderr_text[0] = '\0';
	if (fd < 0 || fstat(fd, &st) < 0 || st.st_size <= 0)
		return;
	ex->stderr_bytes = st.st_size;
	if (st.st_size <= EXCERPT_HEAD + EXCERPT_TAIL) {
		char all[EXCERPT_HEAD + EXCERPT_TAIL];

		nh = pread_full(fd, all, (size_t)st.st_size, 0);
		excerpt_clean(ex->stderr_text, sizeof(ex->stderr_text), all, nh, true);
		return;
	}
	ex->stderr_cut = true;
	nh = whole_head(head, pread_full(fd, head, sizeof(head), 0));
	nt = pread_full(fd, tail, sizeof(tail), st.st_size - EXCERPT_TAIL);
	while (skip < 3 && skip < nt && ((unsigned char)tail[skip] & 0xc0) == 0x80)
		skip++;
	excerpt_clean(ex->stderr_text, sizeof(ex->stderr_text), head, nh, true);
	used = strlen(ex->stderr_text);
	snprintf(ex->stderr_text + used, sizeof(ex->stderr_text) - used, "\n... %lld bytes left out ...\n",
		 (long long)(st.st_size - (off_t)nh - (off_t)(nt - skip)));
	used = strlen(ex->stderr_text);
	excerpt_clean(ex->stderr_text + used, sizeof(ex->stderr_text) - used, tail + skip, nt - skip,
		      true);
}

/* ==== First difference ==== */

struct mapped {
	const char *p;
	size_t n;
	void *map;
};

static int map_file(const char *path, struct mapped *m)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;

	m->p = "";
	m->n = 0;
	m->map = NULL;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return -1;
	}
	if (st.st_size > 0) {
		m->map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (m->map == MAP_FAILED) {
			m->map = NULL;
			close(fd);
			return -1;
		}
		m->p = m->map;
		m->n = (size_t)st.st_size;
	}
	close(fd);
	return 0;
}

static void unmap_file(struct mapped *m)
{
	if (m->map)
		munmap(m->map, m->n);
}

/* A place in a file: the byte, its line and where that line starts. */
struct pos {
	const char *base, *end;
	size_t at, line_start;
	long line;
};

static long column_of(const struct pos *s)
{
	long col = 1;

	for (size_t i = s->line_start; i < s->at; i++)
		if (((unsigned char)s->base[i] & 0xc0) != 0x80)
			col++;
	return col;
}

/* The line at s, cut to EXCERPT_LINE bytes around the place, as printable text. */
static void line_around(const struct pos *s, char *buf, size_t len)
{
	size_t n = (size_t)(s->end - s->base), from = s->line_start, to = s->line_start;
	char raw[EXCERPT_LINE + 8];
	size_t k = 0;

	while (to < n && s->base[to] != '\n')
		to++;
	if (to - from > EXCERPT_LINE) {
		/* keep a third of the window before the place, the rest after it */
		if (s->at > from + EXCERPT_LINE / 3)
			from = s->at - EXCERPT_LINE / 3;
		while (from < s->at && ((unsigned char)s->base[from] & 0xc0) == 0x80)
			from++;
		if (to - from > EXCERPT_LINE - 6)
			to = from + EXCERPT_LINE - 6;
		to = from + whole_head(s->base + from, to - from);
	}
	if (from > s->line_start) {
		memcpy(raw, "...", 3);
		k = 3;
	}
	memcpy(raw + k, s->base + from, to - from);
	k += to - from;
	if (to < n && s->base[to] != '\n') {
		memcpy(raw + k, "...", 3);
		k += 3;
	}
	excerpt_clean(buf, len, raw, k, false);
}

static void advance(struct pos *s, size_t to)
{
	for (; s->at < to; s->at++)
		if (s->base[s->at] == '\n') {
			s->line++;
			s->line_start = s->at + 1;
		}
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Moves s to the next token; returns its length, 0 at the end. */
static size_t next_token(struct pos *s)
{
	size_t n = (size_t)(s->end - s->base), e;

	while (s->at < n && is_space(s->base[s->at]))
		advance(s, s->at + 1);
	e = s->at;
	while (e < n && !is_space(s->base[e]))
		e++;
	return e - s->at;
}

static bool number(const char *p, size_t n, double *v)
{
	char buf[80], *end;

	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, p, n);
	buf[n] = '\0';
	errno = 0;
	*v = strtod(buf, &end);
	return *end == '\0' && !isnan(*v);
}

static bool tokens_equal(const char *a, size_t na, const char *b, size_t nb,
			 const struct excerpt_how *how)
{
	double x, y;

	if (na == nb && (how->case_insensitive ? strncasecmp(a, b, na) : memcmp(a, b, na)) == 0)
		return true;
	if (how->eps >= 0 && number(a, na, &x) && number(b, nb, &y))
		return fabs(x - y) <= how->eps || fabs(x - y) <= how->eps * fabs(x);
	return false;
}

static void fill(struct excerpt_diff *d, const struct pos *ans, const struct pos *out, bool exp_eof,
		 bool got_eof)
{
	d->found = true;
	d->line = out->line;
	d->column = column_of(out);
	d->exp_line = ans->line;
	d->exp_column = column_of(ans);
	d->got_eof = got_eof;
	d->exp_eof = exp_eof;
	line_around(out, d->got, sizeof(d->got));
	line_around(ans, d->expected, sizeof(d->expected));
}

static int diff_tokens(struct pos *ans, struct pos *out, const struct excerpt_how *how,
		       struct excerpt_diff *d)
{
	for (long k = 1;; k++) {
		size_t na = next_token(ans), no = next_token(out);

		if (!na && !no)
			return 0;
		if (na && no && tokens_equal(ans->base + ans->at, na, out->base + out->at, no, how)) {
			advance(ans, ans->at + na);
			advance(out, out->at + no);
			continue;
		}
		d->token = k;
		fill(d, ans, out, !na, !no);
		return 1;
	}
}

/* The end of the line at `from` (without "\n"), trailing blanks dropped unless exact. */
static size_t line_end(const struct pos *s, size_t from, bool exact)
{
	size_t n = (size_t)(s->end - s->base), e = from;

	while (e < n && s->base[e] != '\n')
		e++;
	if (!exact)
		while (e > from && is_space(s->base[e - 1]))
			e--;
	return e;
}

static bool only_blank_after(const struct pos *s)
{
	for (size_t i = s->at; s->base + i < s->end; i++)
		if (!is_space(s->base[i]))
			return false;
	return true;
}

static int diff_lines(struct pos *ans, struct pos *out, const struct excerpt_how *how,
		      struct excerpt_diff *d)
{
	size_t na = (size_t)(ans->end - ans->base), no = (size_t)(out->end - out->base);

	for (;;) {
		bool ea = ans->at >= na, eo = out->at >= no;
		size_t la, lo, i = 0;

		if (ea && eo)
			return 0;
		if (!how->exact && (ea || eo) && only_blank_after(ea ? out : ans))
			return 0;
		la = line_end(ans, ans->at, how->exact) - ans->at;
		lo = line_end(out, out->at, how->exact) - out->at;
		while (i < la && i < lo && ans->base[ans->at + i] == out->base[out->at + i])
			i++;
		if (ea || eo || i < la || i < lo ||
		    (how->exact && (ans->at + la < na) != (out->at + lo < no))) {
			size_t back = 0;

			/* the column names a character: step back to its first byte */
			while (back < i && back < 3 &&
			       ((unsigned char)ans->base[ans->at + i - back] & 0xc0) == 0x80)
				back++;
			advance(ans, ans->at + i - back);
			advance(out, out->at + i - back);
			d->token = 0;
			fill(d, ans, out, ea, eo);
			return 1;
		}
		advance(ans, line_end(ans, ans->at, true) + (ans->at + la < na ? 1 : 0));
		advance(out, line_end(out, out->at, true) + (out->at + lo < no ? 1 : 0));
		if (ans->at > na)
			ans->at = na;
		if (out->at > no)
			out->at = no;
	}
}

int excerpt_diff(const char *answer, const char *output, const struct excerpt_how *how,
		 struct excerpt_diff *d)
{
	struct mapped a, o;
	struct pos pa, po;
	int r;

	memset(d, 0, sizeof(*d));
	if (!answer || !output || map_file(answer, &a) < 0)
		return -1;
	if (map_file(output, &o) < 0) {
		unmap_file(&a);
		return -1;
	}
	pa = (struct pos){ .base = a.p, .end = a.p + a.n, .line = 1 };
	po = (struct pos){ .base = o.p, .end = o.p + o.n, .line = 1 };
	r = how->by_lines ? diff_lines(&pa, &po, how, d) : diff_tokens(&pa, &po, how, d);
	unmap_file(&a);
	unmap_file(&o);
	return r;
}

/* ==== One line ==== */

char *excerpt_summary(const struct excerpt *ex)
{
	const struct excerpt_diff *d = &ex->diff;
	const char *s, *e, *last = NULL;
	size_t last_n = 0;

	if (d->found) {
		char where[96];

		if (d->token)
			snprintf(where, sizeof(where), "token %ld (line %ld, column %ld)", d->token,
				 d->line, d->column);
		else
			snprintf(where, sizeof(where), "line %ld, column %ld", d->line, d->column);
		if (d->got_eof)
			return xasprintf("%s: the output ended; expected '%s'", where, d->expected);
		if (d->exp_eof)
			return xasprintf("%s: extra output '%s'", where, d->got);
		return xasprintf("%s: expected '%s', got '%s'", where, d->expected, d->got);
	}
	for (s = ex->stderr_text; *s; s = *e ? e + 1 : e) {
		e = strchr(s, '\n');
		if (!e)
			e = s + strlen(s);
		for (const char *q = s; q < e; q++)
			if (*q != ' ') {
				last = s;
				last_n = (size_t)(e - s);
				break;
			}
	}
	if (!last)
		return xstrdup("");
	return xasprintf("stderr: %.*s", (int)last_n, last);
}
