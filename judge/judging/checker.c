#include "checker.h"

#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <limits.h>
#include <linux/close_range.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * Theory of operation.
 *
 * Built-in comparisons map both files and walk them once with two cursors,
 * stopping at the first difference; nothing is allocated per token, so a
 * 64 MiB output costs one pass over the page cache.  The feedback names the
 * first difference by position (token, line or byte) and shows both sides,
 * escaped and cut short, because it ends up in a one-line verdict and a JSON
 * string.
 *
 * External checkers are forked into their own process group with rlimits
 * (CPU, address space, file size, no core) and stdin/stdout/stderr
 * redirected; the parent captures their output, enforces a wall deadline of
 * twice the CPU limit, and kills the whole group when the checker ends or
 * overstays, so nothing it started outlives the verdict.  exec failures come
 * back over a close-on-exec pipe, the way isolate reports setup errors, so
 * "checker missing" is told apart from "checker said WA".
 */

#define CAPTURE_MAX	(64 * 1024)
#define CHECKER_FSIZE	(64LL << 20)
#define SHOW_BYTES	40	/* of a token or line quoted in feedback */
#define NUMBER_MAX	128	/* longer tokens are compared as strings */

/* ==== Feedback ==== */

static void fb_printf(char *fb, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void fb_printf(char *fb, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (!fb || !len)
		return;
	va_start(ap, fmt);
	vsnprintf(fb, len, fmt, ap);
	va_end(ap);
}

/* Length of the UTF-8 sequence starting at s (at most n bytes), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are not text. */
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/*
 * Copies checker-written text into `dst` as printable UTF-8: invalid bytes
 * and control characters other than newline and tab become '?', carriage
 * returns go, and the ends are trimmed.  Never splits a character.
 */
static void sanitize(char *dst, size_t dlen, const char *src, size_t n)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t i = 0, o = 0, k;

	if (!dst || !dlen)
		return;
	while (i < n && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')))
		i++;
	while (i < n) {
		k = utf8_len(s + i, n - i);
		if (k == 0 || (k == 1 && s[i] < 0x20 && s[i] != '\n' && s[i] != '\t') || s[i] == 0x7f) {
			if (s[i] != '\r') {
				if (o + 1 >= dlen)
					break;
				dst[o++] = '?';
			}
			i++;
			continue;
		}
		if (o + k >= dlen)
			break;
		memcpy(dst + o, s + i, k);
		o += k;
		i += k;
	}
	while (o > 0 && (dst[o - 1] == ' ' || dst[o - 1] == '\n' || dst[o - 1] == '\t'))
		o--;
	dst[o] = '\0';
}

/*
 * Quotes program text for feedback: "..." around at most SHOW_BYTES bytes
 * starting at `from`, with an ellipsis for what is cut, and every byte that
 * is not printable ASCII escaped so that binary garbage stays one line.
 */
static void quote(char *dst, size_t dlen, const unsigned char *s, size_t n, size_t from)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, end = n;

	if (from > n)
		from = n;
	if (end - from > SHOW_BYTES)
		end = from + SHOW_BYTES;
#define PUT(c) do { if (o + 1 < dlen) dst[o++] = (c); } while (0)
	PUT('"');
	if (from > 0) {
		PUT('.'); PUT('.'); PUT('.');
	}
	for (size_t i = from; i < end; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\') {
			PUT('\\'); PUT(c);
		} else if (c == '\n') {
			PUT('\\'); PUT('n');
		} else if (c == '\r') {
			PUT('\\'); PUT('r');
		} else if (c == '\t') {
			PUT('\\'); PUT('t');
		} else if (c < 0x20 || c >= 0x7f) {
			PUT('\\'); PUT('x'); PUT(hex[c >> 4]); PUT(hex[c & 15]);
		} else {
			PUT(c);
		}
	}
	if (end < n) {
		PUT('.'); PUT('.'); PUT('.');
	}
	PUT('"');
#undef PUT
	dst[o] = '\0';
}

/* Where two differing strings should be shown from: near their first difference. */
static size_t show_from(const unsigned char *a, size_t an, const unsigned char *b, size_t bn)
{
	size_t i = 0;

	while (i < an && i < bn && a[i] == b[i])
		i++;
	return i > SHOW_BYTES / 2 ? i - 10 : 0;
}

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
	quote(qa, sizeof(qa), ans->p + i, ans->n - i, 0);
	quote(qo, sizeof(qo), out->p + i, out->n - i, 0);
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
			quote(qo, sizeof(qo), lo, no, 0);
			fb_printf(fb, fl, "extra output after %zu lines: %s", line, qo);
			return CHECK_WA;
		}
		if (!ho) {
			quote(qa, sizeof(qa), la, na, 0);
			fb_printf(fb, fl, "output ended early after %zu lines: expected %s next", line, qa);
			return CHECK_WA;
		}
		line++;
		if (na != no || memcmp(la, lo, na) != 0) {
			from = show_from(la, na, lo, no);
			quote(qa, sizeof(qa), la, na, from);
			quote(qo, sizeof(qo), lo, no, from);
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
			quote(qa, sizeof(qa), wa, wna, 0);
			quote(qo, sizeof(qo), wo, wno, 0);
			fb_printf(fb, fl, "whitespace differs after token %zu (line %zu of the output): expected %s, got %s",
				  count, o.line, qa, qo);
			return CHECK_WA;
		}
		ha = next_token(&a, &ta, &na);
		ho = next_token(&o, &to, &no);
		if (!ha && !ho)
			return CHECK_AC;
		if (!ha) {
			quote(qo, sizeof(qo), to, no, 0);
			fb_printf(fb, fl, "extra output after %zu tokens: %s (line %zu of the output)",
				  count, qo, o.line);
			return CHECK_WA;
		}
		if (!ho) {
			quote(qa, sizeof(qa), ta, na, 0);
			fb_printf(fb, fl, "output ended early after %zu tokens: expected %s next%s", count, qa,
				  out->n == 0 ? " (the output is empty)" : "");
			return CHECK_WA;
		}
		count++;
		if (floats && parse_number(ta, na, &y) && parse_number(to, no, &x)) {
			if (floats_match(x, y, abs_eps, rel_eps))
				continue;
			quote(qa, sizeof(qa), ta, na, 0);
			quote(qo, sizeof(qo), to, no, 0);
			fb_printf(fb, fl, "token %zu differs: expected %s, got %s (line %zu of the output; off by %.3g)",
				  count, qa, qo, o.line, fabs(x - y));
			return CHECK_WA;
		}
		if (!same_text(ta, na, to, no, c->case_sensitive)) {
			from = show_from(ta, na, to, no);
			quote(qa, sizeof(qa), ta, na, from);
			quote(qo, sizeof(qo), to, no, from);
			fb_printf(fb, fl, "token %zu differs: expected %s, got %s (line %zu of the output)",
				  count, qa, qo, o.line);
			return CHECK_WA;
		}
	}
}

static enum check_result run_builtin(const struct checker *c, const char *output_path,
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

/* ==== External checkers ==== */

struct outcome {
	int status;		/* from waitpid */
	int exec_errno;		/* the child could not start the checker */
	bool timed_out;		/* killed by us at the wall deadline */
	bool lost;		/* its status was reaped elsewhere (SIGCHLD ignored?) */
	char *capture;		/* its stdout + stderr, up to CAPTURE_MAX bytes */
	size_t capture_n;
};

/* Moves fd out of the 0..2 range, so that the child's dup2() calls cannot clobber it. */
static int high_fd(int fd)
{
	int nfd;

	if (fd < 0 || fd > 2)
		return fd;
	nfd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	close(fd);
	return nfd;
}

/*
 * Runs in the forked child: only system calls from here on.  Failures go to
 * the parent as an errno over `errfd`.
 */
static void __attribute__((noreturn)) child_exec(const struct checker *c, char *const argv[],
						 int in_fd, int out_fd, int errfd)
{
	struct rlimit rl;
	rlim_t secs;
	int e;

	setpgid(0, 0);
	util_reset_signals();

	if (dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(out_fd, 2) < 0)
		goto fail;

	secs = (rlim_t)((c->time_ms + 999) / 1000);
	rl.rlim_cur = secs ? secs : 1;
	rl.rlim_max = rl.rlim_cur + 1;
	if (setrlimit(RLIMIT_CPU, &rl) < 0)
		goto fail;
	if (c->memory_kib > 0) {
		rl.rlim_cur = rl.rlim_max = (rlim_t)c->memory_kib * 1024;
		if (setrlimit(RLIMIT_AS, &rl) < 0)
			goto fail;
	}
	rl.rlim_cur = rl.rlim_max = 0;
	if (setrlimit(RLIMIT_CORE, &rl) < 0)
		goto fail;
	rl.rlim_cur = rl.rlim_max = CHECKER_FSIZE;
	if (setrlimit(RLIMIT_FSIZE, &rl) < 0)
		goto fail;

	/* Whatever else the judge has open stays out of the checker (errfd closes at exec). */
	if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0) {
		for (int fd = 3; fd < 1024; fd++)
			if (fd != errfd)
				fcntl(fd, F_SETFD, FD_CLOEXEC);
	}
	execv(argv[0], argv);
fail:
	e = errno;
	if (write(errfd, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

static bool child_ended(pid_t pid)
{
	siginfo_t si;

	si.si_pid = 0;
	/* WNOWAIT: the zombie keeps the pid and process group reserved until we kill the group. */
	if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0)
		return errno != EINTR;
	return si.si_pid == pid;
}

static void capture_read(int *fd, struct outcome *o)
{
	char sink[8192];
	ssize_t r;

	for (;;) {
		if (o->capture_n < CAPTURE_MAX)
			r = read(*fd, o->capture + o->capture_n, CAPTURE_MAX - o->capture_n);
		else
			r = read(*fd, sink, sizeof(sink));
		if (r > 0) {
			if (o->capture_n < CAPTURE_MAX)
				o->capture_n += (size_t)r;
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0 || errno != EAGAIN) {
			close(*fd);
			*fd = -1;
		}
		return;
	}
}

/*
 * Forks the checker with argv and stdin from in_fd, waits for it at most
 * twice its CPU limit, and collects how it ended.  Returns -1 only when the
 * judge itself could not fork or make pipes (message in fb).
 */
static int spawn_checker(const struct checker *c, char *const argv[], int in_fd,
			 struct outcome *o, char *fb, size_t fl)
{
	int cap[2] = { -1, -1 }, errp[2] = { -1, -1 }, pidfd, e;
	int64_t wall_ms = 2 * c->time_ms, deadline, left;
	struct pollfd pf[2];
	ssize_t r;
	pid_t pid;
	nfds_t n;

	memset(o, 0, sizeof(*o));
	o->capture = xmalloc(CAPTURE_MAX + 1);
	if (pipe2(cap, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0) {
		fb_printf(fb, fl, "cannot make a pipe for the checker: %s", strerror(errno));
		goto fail_pipes;
	}
	cap[0] = high_fd(cap[0]);
	cap[1] = high_fd(cap[1]);
	errp[0] = high_fd(errp[0]);
	errp[1] = high_fd(errp[1]);
	in_fd = high_fd(in_fd);
	if (cap[0] < 0 || cap[1] < 0 || errp[0] < 0 || errp[1] < 0 || in_fd < 0) {
		fb_printf(fb, fl, "cannot set up descriptors for the checker: %s", strerror(errno));
		goto fail_pipes;
	}

	deadline = util_now_ns() + wall_ms * 1000000;
	pid = fork();
	if (pid < 0) {
		fb_printf(fb, fl, "cannot fork the checker: %s", strerror(errno));
		goto fail_pipes;
	}
	if (pid == 0)
		child_exec(c, argv, in_fd, cap[1], errp[1]);

	/* Both sides set the group, so a kill cannot race the child's own setpgid(). */
	setpgid(pid, pid);
	close(cap[1]);
	close(errp[1]);
	close(in_fd);
	do
		r = read(errp[0], &e, sizeof(e));
	while (r < 0 && errno == EINTR);
	close(errp[0]);
	if (r == sizeof(e))
		o->exec_errno = e ? e : EIO;
	fcntl(cap[0], F_SETFL, O_NONBLOCK);

	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	for (;;) {
		if (child_ended(pid))
			break;
		left = (deadline - util_now_ns() + 999999) / 1000000;
		if (left <= 0) {
			o->timed_out = true;
			break;
		}
		n = 0;
		if (cap[0] >= 0)
			pf[n++] = (struct pollfd){ .fd = cap[0], .events = POLLIN };
		if (pidfd >= 0)
			pf[n++] = (struct pollfd){ .fd = pidfd, .events = POLLIN };
		else if (left > 10)
			left = 10;	/* no pidfd (Linux < 5.3): look again soon */
		if (poll(pf, n, left > INT_MAX ? INT_MAX : (int)left) < 0 && errno != EINTR)
			break;
		if (cap[0] >= 0)
			capture_read(&cap[0], o);
	}
	/* The checker's helpers die with it, whether it finished or overstayed. */
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	while (waitpid(pid, &o->status, 0) < 0) {
		if (errno != EINTR) {
			o->lost = true;
			break;
		}
	}
	if (cap[0] >= 0) {
		capture_read(&cap[0], o);
		if (cap[0] >= 0)
			close(cap[0]);
	}
	if (pidfd >= 0)
		close(pidfd);
	o->capture[o->capture_n] = '\0';
	return 0;

fail_pipes:
	for (int i = 0; i < 2; i++) {
		if (cap[i] >= 0)
			close(cap[i]);
		if (errp[i] >= 0)
			close(errp[i]);
	}
	if (in_fd >= 0)
		close(in_fd);
	free(o->capture);
	o->capture = NULL;
	return -1;
}

struct exit_code {
	int code;
	enum check_result r;
};

static const struct exit_code testlib_exit[] = {
	{ 0, CHECK_AC }, { 1, CHECK_WA }, { 2, CHECK_PE },
};

static const struct exit_code kattis_exit[] = {
	{ 42, CHECK_AC }, { 43, CHECK_WA },
};

/* The signals an rlimit sends, and which limit it was. */
static const struct {
	int sig;
	const char *note;
} signal_notes[] = {
	{ SIGXCPU, ": over its CPU time limit" },
	{ SIGXFSZ, ": wrote a file over 64 MiB" },
};

/*
 * Turns how the checker ended into a result; for CHECK_FAIL, `why` says what
 * went wrong in the words an operator needs.
 */
static enum check_result classify(const struct checker *c, const struct outcome *o,
				  char *why, size_t wl)
{
	const struct exit_code *t = c->kind == CHECKER_KATTIS ? kattis_exit : testlib_exit;
	size_t nt = c->kind == CHECKER_KATTIS ? ARRAY_SIZE(kattis_exit) : ARRAY_SIZE(testlib_exit);
	const char *note = "";
	int st = o->status, sig;

	why[0] = '\0';
	if (o->exec_errno) {
		snprintf(why, wl, "cannot run checker %s: %s", c->program, strerror(o->exec_errno));
		return CHECK_FAIL;
	}
	if (o->lost) {
		snprintf(why, wl, "lost the checker's exit status (is SIGCHLD ignored?)");
		return CHECK_FAIL;
	}
	if (o->timed_out) {
		snprintf(why, wl, "checker timed out after %lld ms", (long long)(2 * c->time_ms));
		return CHECK_FAIL;
	}
	if (WIFSIGNALED(st)) {
		sig = WTERMSIG(st);
		for (size_t i = 0; i < ARRAY_SIZE(signal_notes); i++)
			if (signal_notes[i].sig == sig)
				note = signal_notes[i].note;
		snprintf(why, wl, "checker killed by signal %d (SIG%s)%s", sig,
			 sigabbrev_np(sig) ? sigabbrev_np(sig) : "?", note);
		return CHECK_FAIL;
	}
	if (WIFEXITED(st)) {
		for (size_t i = 0; i < nt; i++)
			if (t[i].code == WEXITSTATUS(st))
				return t[i].r;
		snprintf(why, wl, "checker exited with status %d", WEXITSTATUS(st));
		return CHECK_FAIL;
	}
	snprintf(why, wl, "checker ended with wait status %#x", st);
	return CHECK_FAIL;
}

/* "why: text" (either may be empty), cleaned up for a verdict line. */
static void compose(char *fb, size_t fl, const char *why, const char *text, size_t n)
{
	size_t w;

	if (!fb || !fl)
		return;
	snprintf(fb, fl, "%s%s", why, why[0] && n ? ": " : "");
	w = strlen(fb);
	if (n)
		sanitize(fb + w, fl - w, text, n);
}

/* Reads up to CAPTURE_MAX bytes of dir/name; NULL when absent or empty. */
static char *read_feedback_file(const char *dir, const char *name, size_t *n)
{
	char path[PATH_MAX];
	char *buf;
	ssize_t r;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return NULL;
	buf = xmalloc(CAPTURE_MAX + 1);
	*n = 0;
	while (*n < CAPTURE_MAX) {
		r = read(fd, buf + *n, CAPTURE_MAX - *n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		*n += (size_t)r;
	}
	close(fd);
	if (*n == 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static enum check_result run_external(const struct checker *c, const char *input_path,
				      const char *output_path, const char *answer_path,
				      char *fb, size_t fl)
{
	char dir[PATH_MAX] = "", dir_arg[PATH_MAX + 1], why[PATH_MAX + 128];
	const char *tmp = getenv("TMPDIR");
	char **argv, *msg = NULL, *err_msg = NULL;
	size_t k = 0, msg_n = 0, err_n = 0;
	struct checker lim = *c;
	enum check_result r;
	struct outcome o;
	int in_fd;

	if (!input_path)
		input_path = "/dev/null";
	if (!answer_path)
		answer_path = "/dev/null";
	if (!output_path)
		output_path = "/dev/null";
	if (lim.time_ms <= 0)
		lim.time_ms = CHECKER_TIME_MS;

	argv = xcalloc(c->n_args + 5, sizeof(*argv));
	argv[k++] = lim.program;
	if (c->kind == CHECKER_KATTIS) {
		snprintf(dir, sizeof(dir), "%s/judge-feedback-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir)) {
			fb_printf(fb, fl, "cannot make a feedback directory in %s: %s",
				  tmp && *tmp ? tmp : "/tmp", strerror(errno));
			free(argv);
			return CHECK_FAIL;
		}
		/* Some validators append file names to feedback_dir without a slash. */
		snprintf(dir_arg, sizeof(dir_arg), "%s/", dir);
		argv[k++] = (char *)input_path;
		argv[k++] = (char *)answer_path;
		argv[k++] = dir_arg;
		in_fd = open(output_path, O_RDONLY | O_CLOEXEC);
	} else {
		argv[k++] = (char *)input_path;
		argv[k++] = (char *)output_path;
		argv[k++] = (char *)answer_path;
		in_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	}
	for (size_t i = 0; i < c->n_args; i++)
		argv[k++] = c->args[i];
	argv[k] = NULL;

	if (in_fd < 0) {
		fb_printf(fb, fl, "cannot open %s: %s",
			  c->kind == CHECKER_KATTIS ? output_path : "/dev/null", strerror(errno));
		r = CHECK_FAIL;
		goto out;
	}
	if (spawn_checker(&lim, argv, in_fd, &o, fb, fl) < 0) {
		r = CHECK_FAIL;
		goto out;
	}
	r = classify(&lim, &o, why, sizeof(why));
	if (c->kind == CHECKER_KATTIS) {
		msg = read_feedback_file(dir, "judgemessage.txt", &msg_n);
		err_msg = read_feedback_file(dir, "judgeerror.txt", &err_n);
	}
	if (r == CHECK_FAIL && err_msg)
		compose(fb, fl, why, err_msg, err_n);
	else if (msg)
		compose(fb, fl, why, msg, msg_n);
	else
		compose(fb, fl, why, o.capture, o.capture_n);
	free(o.capture);
	free(msg);
	free(err_msg);
out:
	if (dir[0])
		util_remove_tree(dir);
	free(argv);
	return r;
}

/* ==== Public ==== */

enum check_result checker_run(const struct checker *c, const char *input_path, const char *output_path,
			      const char *answer_path, char *feedback, size_t feedback_len)
{
	if (feedback && feedback_len)
		feedback[0] = '\0';
	switch (c->kind) {
	case CHECKER_TOKENS:
	case CHECKER_EXACT:
	case CHECKER_LINES:
	case CHECKER_FLOAT:
		return run_builtin(c, output_path, answer_path, feedback, feedback_len);
	case CHECKER_TESTLIB:
	case CHECKER_KATTIS:
		return run_external(c, input_path, output_path, answer_path, feedback, feedback_len);
	}
	fb_printf(feedback, feedback_len, "unknown checker kind %d", (int)c->kind);
	return CHECK_FAIL;
}

const char *checker_result_name(enum check_result r)
{
	static const char *const names[] = {
		[CHECK_AC] = "AC", [CHECK_WA] = "WA", [CHECK_PE] = "PE", [CHECK_FAIL] = "FAIL",
	};

	return (unsigned)r < ARRAY_SIZE(names) ? names[r] : "?";
}

static void checker_defaults(struct checker *c)
{
	memset(c, 0, sizeof(*c));
	c->kind = CHECKER_TOKENS;
	c->abs_eps = c->rel_eps = -1;
	c->case_sensitive = true;
	c->time_ms = CHECKER_TIME_MS;
	c->memory_kib = CHECKER_MEMORY_KIB;
}

/* A tolerance: a finite, non-negative number and nothing else. */
static int parse_eps(const char *s, double *v)
{
	char *end;

	if (!s || !*s)
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	if (*end || errno || !isfinite(*v) || *v < 0)
		return -1;
	return 0;
}

/* Checks that `path` is an executable file and stores its absolute path in out->program. */
static int set_program(struct checker *out, const char *path, char *why, size_t wl)
{
	char real[PATH_MAX];
	struct stat st;

	if (strlen(path) >= sizeof(out->program)) {
		snprintf(why, wl, "path too long");
		return -1;
	}
	if (stat(path, &st) < 0) {
		snprintf(why, wl, "%s", errno == ENOENT ? "no such file" : strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, wl, "not a regular file");
		return -1;
	}
	if (faccessat(AT_FDCWD, path, X_OK, AT_EACCESS) < 0) {
		snprintf(why, wl, "not executable");
		return -1;
	}
	/* Absolute, so that a later chdir() cannot change which program runs. */
	if (!realpath(path, real) || strlen(real) >= sizeof(out->program)) {
		snprintf(why, wl, "cannot resolve: %s", strerror(errno));
		return -1;
	}
	strcpy(out->program, real);
	return 0;
}

int checker_parse(const char *spec, struct checker *out, struct jerr *err)
{
	static const struct {
		const char *name;
		enum checker_kind kind;
	} builtins[] = {
		{ "tokens", CHECKER_TOKENS }, { "exact", CHECKER_EXACT }, { "lines", CHECKER_LINES },
	};
	enum checker_kind kind = CHECKER_TESTLIB;
	const char *path = spec;
	char why[128];

	checker_defaults(out);
	if (!spec || !*spec) {
		jerr_set(err, NULL, "--checker", "empty value: use tokens, exact, lines, float:EPS or a checker program");
		return -1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(builtins); i++) {
		if (strcmp(spec, builtins[i].name) == 0) {
			out->kind = builtins[i].kind;
			return 0;
		}
	}
	if (strcmp(spec, "float") == 0) {
		jerr_set(err, NULL, "--checker", "bad value '%s': float needs a tolerance, as in float:1e-6", spec);
		return -1;
	}
	if (strncmp(spec, "float:", 6) == 0) {
		if (parse_eps(spec + 6, &out->eps) < 0) {
			jerr_set(err, NULL, "--checker",
				 "bad value '%s': the tolerance must be a non-negative number, as in float:1e-6", spec);
			return -1;
		}
		out->kind = CHECKER_FLOAT;
		return 0;
	}
	if (strncmp(spec, "testlib:", 8) == 0) {
		path = spec + 8;
	} else if (strncmp(spec, "kattis:", 7) == 0) {
		path = spec + 7;
		kind = CHECKER_KATTIS;
	} else if (!strchr(spec, '/') && access(spec, F_OK) < 0) {
		jerr_set(err, NULL, "--checker",
			 "bad value '%s': not tokens, exact, lines, float:EPS or an existing checker program", spec);
		return -1;
	}
	if (set_program(out, path, why, sizeof(why)) < 0) {
		jerr_set(err, NULL, "--checker", "bad value '%s': %s", spec, why);
		return -1;
	}
	out->kind = kind;
	return 0;
}

int checker_from_kattis_flags(char *const *flags, size_t n, struct checker *out, struct jerr *err)
{
	checker_defaults(out);
	out->case_sensitive = false;
	out->eps = -1;
	for (size_t i = 0; i < n; i++) {
		double *eps1 = NULL, *eps2 = NULL, v;

		if (strcmp(flags[i], "case_sensitive") == 0) {
			out->case_sensitive = true;
			continue;
		}
		if (strcmp(flags[i], "space_change_sensitive") == 0) {
			out->space_sensitive = true;
			continue;
		}
		if (strcmp(flags[i], "float_tolerance") == 0) {
			eps1 = &out->abs_eps;
			eps2 = &out->rel_eps;
		} else if (strcmp(flags[i], "float_absolute_tolerance") == 0) {
			eps1 = &out->abs_eps;
		} else if (strcmp(flags[i], "float_relative_tolerance") == 0) {
			eps1 = &out->rel_eps;
		} else {
			jerr_set(err, NULL, "validator_flags", "unknown flag '%s'", flags[i]);
			return -1;
		}
		if (i + 1 == n || parse_eps(flags[i + 1], &v) < 0) {
			jerr_set(err, NULL, "validator_flags", "%s needs a non-negative number, got '%s'",
				 flags[i], i + 1 < n ? flags[i + 1] : "nothing");
			return -1;
		}
		*eps1 = v;
		if (eps2)
			*eps2 = v;
		i++;
	}
	if (out->abs_eps >= 0 || out->rel_eps >= 0)
		out->kind = CHECKER_FLOAT;
	return 0;
}

int checker_external(enum checker_kind kind, const char *program, char *const *args, size_t n,
		     struct checker *out, struct jerr *err)
{
	char why[128];

	checker_defaults(out);
	if (kind != CHECKER_TESTLIB && kind != CHECKER_KATTIS) {
		jerr_set(err, program, NULL, "not an external checker kind");
		return -1;
	}
	if (set_program(out, program, why, sizeof(why)) < 0) {
		jerr_set(err, program, NULL, "checker: %s", why);
		return -1;
	}
	out->kind = kind;
	if (n) {
		out->args = xcalloc(n, sizeof(*out->args));
		for (size_t i = 0; i < n; i++)
			out->args[i] = xstrdup(args[i]);
		out->n_args = n;
	}
	return 0;
}

void checker_free(struct checker *c)
{
	for (size_t i = 0; i < c->n_args; i++)
		free(c->args[i]);
	free(c->args);
	c->args = NULL;
	c->n_args = 0;
}
