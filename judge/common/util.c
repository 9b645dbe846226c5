#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <ftw.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void jerr_set(struct jerr *e, const char *file, const char *key, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return;
	memset(e, 0, sizeof(*e));
	snprintf(e->file, sizeof(e->file), "%s", file ? file : "");
	snprintf(e->key, sizeof(e->key), "%s", key ? key : "");
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
}

void jerr_format(const struct jerr *e, char *buf, size_t len)
{
	char where[300] = "";

	if (e->file[0] && e->line > 0)
		snprintf(where, sizeof(where), "%.255s:%d:%d: ", e->file, e->line, e->col);
	else if (e->file[0])
		snprintf(where, sizeof(where), "%.255s: ", e->file);
	snprintf(buf, len, "%s%s%s%s", where, e->key, e->key[0] ? ": " : "", e->msg);
}

void util_message(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	size_t end, p;
	int n;

	if (len == 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n < 0) {
		buf[0] = '\0';
		return;
	}
	if ((size_t)n < len)
		return;
	/* cut short: drop a last character the cut split */
	end = len - 1;
	p = end;
	while (p > 0 && end - p < 3 && ((unsigned char)buf[p - 1] & 0xc0) == 0x80)
		p--;
	if (p > 0 && (unsigned char)buf[p - 1] >= 0xc0) {
		unsigned char lead = (unsigned char)buf[p - 1];
		size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;

		if (end - (p - 1) < need)
			buf[p - 1] = '\0';
	}
}

void msg_error(const char *fmt, ...)
{
	va_list ap;

	fputs("judge: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void msg_perror(const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	fputs("judge: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(saved));
}

static void out_of_memory(void)
{
	static const char m[] = "judge: out of memory\n";

	if (write(2, m, sizeof(m) - 1) < 0)
		_exit(2);
	_exit(2);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		out_of_memory();
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *util_path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	if (!n)
		return xstrdup(name);
	return xasprintf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", name);
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (r < 0)
		out_of_memory();
	return p;
}

/* Parses "<digits><suffix>" where a suffix multiplies by 1024^k of `unit`. */
static int64_t parse_scaled(const char *s, int64_t bare_unit, int64_t k_unit)
{
	int64_t v = 0, mul;
	const char *p = s;

	if (!s || !*s)
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (p == s)
		return -1;
	switch (*p) {
	case '\0': mul = bare_unit; break;
	case 'k': case 'K': mul = k_unit; p++; break;
	case 'm': case 'M': mul = k_unit * 1024; p++; break;
	case 'g': case 'G': mul = k_unit * 1024 * 1024; p++; break;
	case 'b': case 'B': if (k_unit != 1024) return -1; mul = 1; p++; break;
	default: return -1;
	}
	if (*p == 'i' && p[1] == 'B')	/* accept MiB, GiB */
		p += 2;
	else if ((*p == 'B' || *p == 'b') && mul != 1)
		p++;
	if (*p)
		return -1;
	if (mul && v > INT64_MAX / mul)
		return -1;
	return v * mul;
}

int64_t util_parse_kib(const char *s)
{
	/* For KiB results the K suffix is 1 and M is 1024. */
	int64_t bytes = parse_scaled(s, 1024, 1024);

	return bytes < 0 ? -1 : bytes / 1024;
}

int64_t util_parse_bytes(const char *s)
{
	return parse_scaled(s, 1, 1024);
}

int64_t util_parse_ms(const char *s)
{
	int64_t v = 0, frac = 0, scale = 1;
	const char *p = s;

	if (!s || *s < '0' || *s > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*p - '0');
	}
	/* a fraction only of seconds, and only down to the millisecond */
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (scale == 1000)
				return -1;
			frac = frac * 10 + (*p - '0');
			scale *= 10;
		}
		if (scale == 1 || strcmp(p, "s") != 0)
			return -1;
	}
	if (*p == '\0' || strcmp(p, "ms") == 0)
		return v;
	if (strcmp(p, "s") != 0 || v > INT64_MAX / 1000 - 1000)
		return -1;
	return v * 1000 + frac * (1000 / scale);
}

int util_closest(const char *name, const char *const *cands, size_t n)
{
	int best = -1, best_d = 3;	/* at most two edits away */

	for (size_t i = 0; i < n; i++) {
		int d = util_distance(name, cands[i]);

		/* one letter against one letter is always "one edit": no hint there */
		if (d < best_d && d < (int)strlen(name)) {
			best_d = d;
			best = (int)i;
		}
	}
	return best;
}

int util_distance(const char *s, const char *t)
{
	int ls = (int)strlen(s), lt = (int)strlen(t);
	int row[64];

	if (ls > 63 || lt > 63)
		return 1000;
	for (int j = 0; j <= lt; j++)
		row[j] = j;
	for (int i = 1; i <= ls; i++) {
		int diag = row[0];

		row[0] = i;
		for (int j = 1; j <= lt; j++) {
			int up = row[j];
			int best = diag + (s[i - 1] != t[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lt];
}

volatile sig_atomic_t util_interrupted;

static void on_interrupt(int sig)
{
	util_interrupted = sig;
}

void util_catch_interrupts(void)
{
	/* no SA_RESTART: a blocking wait must return and see the flag */
	struct sigaction sa = { .sa_handler = on_interrupt };
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };

	sigemptyset(&sa.sa_mask);
	for (unsigned i = 0; i < ARRAY_SIZE(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
}

size_t util_utf8_char(const unsigned char *s, size_t n)
{
	size_t len;
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
	for (size_t i = 1; i < len; i++) {
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

size_t util_utf8_len(const unsigned char *s)
{
	return util_utf8_char(s, strnlen((const char *)s, 4));
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	remove(path);
	return 0;
}

void util_remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Removes everything below the directory `fd` names, without following links; takes `fd`. */
static void remove_below(int fd)
{
	DIR *d = fdopendir(fd);
	struct dirent *de;

	if (!d) {
		close(fd);
		return;
	}
	while ((de = readdir(d))) {
		int sub;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(d), de->d_name, 0) == 0)
			continue;
		/* a directory the compiler made read-only still has to go */
		sub = openat(dirfd(d), de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0)
			continue;
		fchmod(sub, 0700);
		remove_below(sub);
		unlinkat(dirfd(d), de->d_name, AT_REMOVEDIR);
	}
	closedir(d);
}

void util_empty_dir(int fd)
{
	/* a duplicate shares the offset: read from the start, whoever read last */
	int d = fcntl(fd, F_DUPFD_CLOEXEC, 0);

	if (d < 0)
		return;
	lseek(d, 0, SEEK_SET);
	remove_below(d);
}

DIR *util_opendir_at(int at, const char *name, int flags)
{
	int fd = openat(at, name, flags);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;

	if (!d && fd >= 0)
		close(fd);
	return d;
}

void util_reset_signals(void)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigset_t none;

	for (int s = 1; s < NSIG; s++)
		sigaction(s, &dfl, NULL);	/* EINVAL for SIGKILL, SIGSTOP: fine */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

int64_t util_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

char *util_read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t cap = 4096, n = 0;
	char *buf;
	ssize_t r;

	if (fd < 0)
		return NULL;
	buf = xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap)
			buf = xrealloc(buf, cap *= 2);
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int saved = errno;
			free(buf);
			close(fd);
			errno = saved;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

int util_read_optional(const char *path, char **text, size_t *len, struct jerr *err)
{
	*text = util_read_file(path, len);
	if (*text)
		return 1;
	if (errno == ENOENT)
		return 0;
	jerr_set(err, path, NULL, "cannot read: %s", strerror(errno));
	return -1;
}

/* The k-th CPU this process may run on, wrapping around; -1 if unknown. */
int util_nth_cpu(int k)
{
	cpu_set_t set;
	int n = 0, count;

	if (sched_getaffinity(0, sizeof(set), &set) < 0 || !(count = CPU_COUNT(&set)))
		return -1;
	k %= count;
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &set) && n++ == k)
			return c;
	return -1;
}

void util_pin_cpu(int cpu)
{
	cpu_set_t one;

	if (cpu < 0)
		return;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	sched_setaffinity(0, sizeof(one), &one);
}
