#include "trusted.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "natsort.h"
#include "policy.h"
#include "safefile.h"

enum lang { L_NONE, L_C, L_CXX, L_PY, L_SH };

static const struct {
	const char *ext;
	enum lang lang;
} exts[] = {
	{ ".c", L_C }, { ".cpp", L_CXX }, { ".cc", L_CXX }, { ".cxx", L_CXX }, { ".C", L_CXX },
	{ ".py", L_PY }, { ".sh", L_SH },
};

static enum lang lang_of(const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < ARRAY_SIZE(exts); i++) {
		size_t e = strlen(exts[i].ext);

		if (n > e && strcmp(name + n - e, exts[i].ext) == 0)
			return exts[i].lang;
	}
	return L_NONE;
}

static bool is_exec_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111);
}

/* The first lines of the compiler's complaint, on one line, for a jerr message. */
static void first_lines(char *dst, size_t len, const char *src, size_t n)
{
	size_t k = 0;
	int lines = 0;

	for (size_t i = 0; i < n && k + 1 < len && lines < 4; i++) {
		unsigned char c = (unsigned char)src[i];

		if (c == '\n') {
			lines++;
			if (k && k + 3 < len) {
				dst[k++] = ' ';
				dst[k++] = '|';
				dst[k++] = ' ';
			}
		} else {
			dst[k++] = c < 0x20 ? ' ' : (char)c;
		}
	}
	while (k && (dst[k - 1] == ' ' || dst[k - 1] == '|'))
		k--;
	dst[k] = '\0';
}

/* Runs argv with stdout and stderr captured; 0 when it exited 0. */
static int run_compiler(char *const argv[], char *msg, size_t len)
{
	int p[2], status;
	char buf[4096];
	size_t n = 0;
	ssize_t r;
	pid_t pid;

	msg[0] = '\0';
	if (pipe2(p, O_CLOEXEC) < 0) {
		snprintf(msg, len, "pipe: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(msg, len, "fork: %s", strerror(errno));
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		if (null < 0 || dup2(null, 0) < 0 || dup2(p[1], 1) < 0 || dup2(p[1], 2) < 0)
			_exit(127);
		execvp(argv[0], argv);
		dprintf(2, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(p[1]);
	for (;;) {
		r = read(p[0], n < sizeof(buf) ? buf + n : buf, n < sizeof(buf) ? sizeof(buf) - n : sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (n < sizeof(buf))
			n += (size_t)r;
	}
	close(p[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	first_lines(msg, len, buf, n);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int compile(enum lang lang, const struct strlist *srcs, const char *inc_dir,
		   const char *out, const char *what, struct jerr *err)
{
	char *argv[64 + 16];
	char msg[384];
	size_t k = 0;

	if (srcs->n > 64) {
		jerr_set(err, what, "", "too many sources (%zu)", srcs->n);
		return -1;
	}
	argv[k++] = (char *)(lang == L_C ? "cc" : "c++");
	argv[k++] = (char *)"-O2";
	argv[k++] = (char *)(lang == L_C ? "-std=gnu17" : "-std=gnu++20");
	argv[k++] = (char *)"-I";
	argv[k++] = (char *)inc_dir;
	argv[k++] = (char *)"-o";
	argv[k++] = (char *)out;
	for (size_t i = 0; i < srcs->n; i++)
		argv[k++] = srcs->v[i];
	argv[k++] = (char *)"-lm";
	argv[k] = NULL;
	if (run_compiler(argv, msg, sizeof(msg)) < 0) {
		jerr_set(err, what, "", "does not compile: %s", msg[0] ? msg : "compiler failed");
		return -1;
	}
	return 0;
}

/* A script that runs `src` with `interp`, so the caller has one executable to exec. */
static int wrap(const char *interp, const char *src, const char *out, struct jerr *err)
{
	struct safefile sf;
	FILE *f;
	bool bad;

	if (safefile_create(&sf, out, 0755) < 0) {
		jerr_set(err, out, "", "%s", sf.why);
		return -1;
	}
	if (!(f = fdopen(sf.fd, "w"))) {
		jerr_set(err, out, "", "cannot write: %s", strerror(errno));
		safefile_abort(&sf);
		return -1;
	}
	sf.fd = -1;	/* fclose closes it */
	fprintf(f, "#!/bin/sh\nexec %s '", interp);
	for (const char *p = src; *p; p++)
		if (*p == '\'')
			fputs("'\\''", f);
		else
			fputc(*p, f);
	fputs("' \"$@\"\n", f);
	bad = fchmod(fileno(f), 0755) < 0;
	if (fclose(f) != 0 || bad) {
		jerr_set(err, out, "", "cannot write: %s", strerror(errno));
		safefile_abort(&sf);
		return -1;
	}
	if (safefile_commit(&sf) < 0) {
		jerr_set(err, out, "", "%s", sf.why);
		return -1;
	}
	return 0;
}

static int build_files(enum lang lang, const struct strlist *srcs, const char *inc_dir,
		       const char *out, const char *what, struct jerr *err)
{
	switch (lang) {
	case L_C:
	case L_CXX:
		return compile(lang, srcs, inc_dir, out, what, err);
	case L_PY:
		return wrap("python3", srcs->v[0], out, err);
	case L_SH:
		return wrap("sh", srcs->v[0], out, err);
	default:
		jerr_set(err, what, "", "not executable, and not a C, C++, Python or shell source");
		return -1;
	}
}

static int cmp_names(const void *a, const void *b)
{
	return natsort_cmp(*(char *const *)a, *(char *const *)b);
}

/* A Kattis validator directory: which of its files make the program. */
static int build_dir_program(const char *dir, const char *out, struct jerr *err)
{
	struct strlist by[L_SH + 1] = { { 0 } };
	static const enum lang pick[] = { L_CXX, L_C, L_PY, L_SH };
	struct dirent *de;
	int r = -1;
	DIR *d;

	d = opendir(dir);
	if (!d) {
		jerr_set(err, dir, "", "cannot read directory: %s", strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		enum lang l = lang_of(de->d_name);
		char *p;

		if (de->d_name[0] == '.' || l == L_NONE)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		strlist_push(&by[l], p);
		free(p);
	}
	closedir(d);
	for (size_t i = 0; i < ARRAY_SIZE(pick); i++) {
		struct strlist *s = &by[pick[i]];

		if (!s->n)
			continue;
		qsort(s->v, s->n, sizeof(*s->v), cmp_names);
		if ((pick[i] == L_PY || pick[i] == L_SH) && s->n > 1) {
			jerr_set(err, dir, "", "holds %zu scripts (%s, ...); expected one", s->n, s->v[0]);
			goto out;
		}
		r = build_files(pick[i], s, dir, out, dir, err);
		goto out;
	}
	jerr_set(err, dir, "", "no executable 'run' and no C, C++, Python or shell source in it");
out:
	for (size_t i = 0; i < ARRAY_SIZE(by); i++)
		strlist_free(&by[i]);
	return r;
}

int trusted_prepare(const char *path, const char *build_dir, const char *name,
		    char *exe, size_t len, struct jerr *err)
{
	char real[PATH_MAX], dir[PATH_MAX], run[PATH_MAX + 8];
	struct strlist one = { 0 };
	struct stat st;
	char *slash;
	int r;

	if (!realpath(path, real) || stat(real, &st) < 0) {
		jerr_set(err, path, "", "cannot use: %s", strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(run, sizeof(run), "%s/run", real);
		if (is_exec_file(run)) {
			snprintf(exe, len, "%s", run);
			return 0;
		}
		snprintf(exe, len, "%s/%s", build_dir, name);
		return build_dir_program(real, exe, err);
	}
	if (lang_of(real) == L_NONE && is_exec_file(real)) {
		snprintf(exe, len, "%s", real);
		return 0;
	}
	snprintf(dir, sizeof(dir), "%s", real);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	snprintf(exe, len, "%s/%s", build_dir, name);
	strlist_push(&one, real);
	r = build_files(lang_of(real), &one, dir, exe, path, err);
	strlist_free(&one);
	return r;
}
