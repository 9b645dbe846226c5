/*
 * Problem loader: turns a directory into an ordered list of tests plus the
 * limits and checker that come with it (SPEC §5).
 *
 * Two layouts are recognised.  A Kattis package has problem.yaml, or data/
 * with sample/ or secret/ in it; its tests are data/sample/ then data/secret/
 * (nested groups allowed), each NAME.in answered by NAME.ans.  Anything else is
 * a plain folder: every NAME.in below the root, answered by NAME.ans or
 * NAME.out beside it.  Either way the tests are found first as bare names,
 * sorted in natural order, and only then paired with their answers, so the
 * first error reported does not depend on readdir() order.
 */
#include "problem.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "natsort.h"
#include "problemyaml.h"

/* Bounds the open directory fds of one walk; real test trees are shallow. */
#define MAX_DEPTH 64

struct strv {
	char **v;
	size_t n, cap;
};

static void strv_push(struct strv *s, char *x)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n++] = x;
}

static void strv_free(struct strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static int strv_natcmp(const void *a, const void *b)
{
	return natsort_cmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts s->v[first..] naturally; qsort() must not see the NULL of an empty list. */
static void strv_sort(struct strv *s, size_t first)
{
	if (s->n > first + 1)
		qsort(s->v + first, s->n - first, sizeof(*s->v), strv_natcmp);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*** Finding tests ***/

/*
 * Adds "prefix/NAME" for every NAME.in below the directory open as `fd` (which
 * this takes over).  `shown` names that directory in errors.  Directory
 * symlinks are not followed: a link to an ancestor would otherwise loop.
 */
static int walk(int fd, const char *shown, const char *prefix, int depth,
		struct strv *names, struct jerr *err)
{
	struct dirent *de;
	DIR *d;
	int r = 0;

	if (depth > MAX_DEPTH) {
		close(fd);
		jerr_set(err, shown, NULL, "directories nested more than %d deep", MAX_DEPTH);
		return -1;
	}
	d = fdopendir(fd);
	if (!d) {
		jerr_set(err, shown, NULL, "cannot read directory: %s", strerror(errno));
		close(fd);
		return -1;
	}
	while (r == 0 && (errno = 0, de = readdir(d))) {
		const char *n = de->d_name;
		struct stat st;
		char *sub_shown;

		if (n[0] == '.')
			continue;
		if (fstatat(dirfd(d), n, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			sub_shown = util_path_join(shown, n);
			jerr_set(err, sub_shown, NULL, "cannot stat: %s", strerror(errno));
			free(sub_shown);
			r = -1;
		} else if (S_ISDIR(st.st_mode)) {
			int sub = openat(dirfd(d), n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			char *sub_prefix = util_path_join(prefix, n);

			sub_shown = util_path_join(shown, n);
			if (sub < 0) {
				jerr_set(err, sub_shown, NULL, "cannot open directory: %s", strerror(errno));
				r = -1;
			} else {
				r = walk(sub, sub_shown, sub_prefix, depth + 1, names, err);
			}
			free(sub_shown);
			free(sub_prefix);
		} else if (ends_with(n, ".in") && strlen(n) > 3) {
			char *stem;

			/* A dangling link stays in, so that pairing reports it. */
			if (S_ISLNK(st.st_mode) && fstatat(dirfd(d), n, &st, 0) == 0 &&
			    S_ISDIR(st.st_mode))
				continue;
			stem = xstrndup(n, strlen(n) - 3);
			strv_push(names, util_path_join(prefix, stem));
			free(stem);
		}
	}
	if (r == 0 && errno) {
		jerr_set(err, shown, NULL, "cannot read directory: %s", strerror(errno));
		r = -1;
	}
	closedir(d);
	return r;
}

/*
 * Walks `dir` (reported as `dir` too) and appends the names found, in natural
 * order, each under `prefix`.  A missing directory adds nothing when
 * `optional`.
 */
static int collect(const char *dir, const char *prefix, bool optional, struct strv *names,
		   struct jerr *err)
{
	size_t first = names->n;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0) {
		if (optional && errno == ENOENT)
			return 0;
		if (errno == ENOENT)
			jerr_set(err, dir, NULL, "does not exist");
		else if (errno == ENOTDIR)
			jerr_set(err, dir, NULL, "not a directory");
		else
			jerr_set(err, dir, NULL, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (walk(fd, dir, prefix, 0, names, err) < 0)
		return -1;
	strv_sort(names, first);
	return 0;
}

/* Whether `path` is a readable regular file; fills err when it is not. */
static int check_file(const char *path, struct jerr *err)
{
	struct stat st;
	int fd;

	/* O_NONBLOCK: a FIFO named like a test must not hang the loader. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		jerr_set(err, path, NULL, "cannot read: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		jerr_set(err, path, NULL, "not a regular file");
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/*
 * Turns names into tests: base/NAME.in with base/NAME.ans, or NAME.out when
 * `allow_out` and there is no .ans.
 */
static int pair_tests(const char *base, struct strv *names, bool allow_out,
		      struct problem *p, struct jerr *err)
{
	p->tests = xcalloc(names->n, sizeof(*p->tests));
	for (size_t i = 0; i < names->n; i++) {
		struct problem_test *t = &p->tests[p->n_tests++];
		const char *slash = strrchr(names->v[i], '/');
		const char *leaf = slash ? slash + 1 : names->v[i];
		char *ans, *out;

		t->name = xstrdup(names->v[i]);
		t->group = xstrndup(t->name, slash ? (size_t)(slash - names->v[i]) : 0);
		t->input = xasprintf("%s/%s.in", base, t->name);
		ans = xasprintf("%s/%s.ans", base, t->name);
		out = xasprintf("%s/%s.out", base, t->name);
		if (exists(ans)) {
			t->answer = ans;
			free(out);
		} else if (allow_out && exists(out)) {
			t->answer = out;
			free(ans);
		} else {
			free(ans);
			free(out);
			if (allow_out)
				jerr_set(err, t->input, NULL, "has no %s.ans or %s.out", leaf, leaf);
			else
				jerr_set(err, t->input, NULL, "has no %s.ans", leaf);
			return -1;
		}
		if (check_file(t->input, err) < 0 || check_file(t->answer, err) < 0)
			return -1;
	}
	return 0;
}

/*** Validators and checkers ***/

/*
 * Non-hidden entries of `dir`, in natural order, whose names pass `keep`
 * (NULL keeps all).  ENOENT gives an empty list.
 */
static int list_dir(const char *dir, bool (*keep)(const char *), struct strv *out,
		    struct jerr *err)
{
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d) {
		if (errno == ENOENT)
			return 0;
		jerr_set(err, dir, NULL, "cannot read directory: %s", strerror(errno));
		return -1;
	}
	while ((errno = 0, de = readdir(d)))
		if (de->d_name[0] != '.' && (!keep || keep(de->d_name)))
			strv_push(out, xstrdup(de->d_name));
	if (errno) {
		jerr_set(err, dir, NULL, "cannot read directory: %s", strerror(errno));
		closedir(d);
		return -1;
	}
	closedir(d);
	strv_sort(out, 0);
	return 0;
}

/*
 * The 2023-07 output_validator/ is the program itself; problemtools' own
 * examples nest it one level deeper (output_validator/<name>/), which is
 * taken when the folder holds nothing but that one directory.
 */
static int singular_validator(struct problem *p, const char *dir, struct jerr *err)
{
	struct strv ents = { 0 };
	bool only_dirs = true;

	if (list_dir(dir, NULL, &ents, err) < 0)
		return -1;
	for (size_t i = 0; i < ents.n && only_dirs; i++) {
		char *sub = util_path_join(dir, ents.v[i]);

		only_dirs = is_dir(sub);
		free(sub);
	}
	p->validator_dir = ents.n == 1 && only_dirs ? util_path_join(dir, ents.v[0]) : xstrdup(dir);
	strv_free(&ents);
	return 0;
}

/*
 * output_validators/ holds one program, as a directory or a single file; the
 * 2023 format calls the directory output_validator/ and it is the program.
 */
static int find_validator(struct problem *p, struct jerr *err)
{
	char *dir = util_path_join(p->root, "output_validators");
	struct strv ents = { 0 };
	int r = 0;

	if (exists(dir) && !is_dir(dir)) {
		jerr_set(err, dir, NULL, "not a directory");
		r = -1;
	} else if (list_dir(dir, NULL, &ents, err) < 0) {
		r = -1;
	} else if (ents.n == 1) {
		p->validator_dir = util_path_join(dir, ents.v[0]);
	} else if (ents.n > 1) {
		jerr_set(err, dir, NULL, "holds %zu entries (%s, %s%s); expected one validator",
			 ents.n, ents.v[0], ents.v[1], ents.n > 2 ? ", ..." : "");
		r = -1;
	}
	strv_free(&ents);
	free(dir);
	if (r == 0 && !p->validator_dir) {
		dir = util_path_join(p->root, "output_validator");
		if (is_dir(dir))
			r = singular_validator(p, dir, err);
		free(dir);
	}
	if (r == 0 && p->custom_validation && !p->validator_dir) {
		dir = util_path_join(p->root, "problem.yaml");
		jerr_set(err, dir, "validation", "%s validation, but neither output_validators/ nor output_validator/ holds a validator",
			 p->interactive ? "interactive" : "custom");
		free(dir);
		r = -1;
	}
	return r;
}

static bool is_checker_source(const char *name)
{
	return !strncmp(name, "checker.", 8) && name[8] &&
	       !ends_with(name, ".in") && !ends_with(name, ".ans") && !ends_with(name, ".out");
}

/* A plain folder's checker: an executable "checker", else one checker.<ext>. */
static int find_checker(struct problem *p, struct jerr *err)
{
	char *exe = util_path_join(p->root, "checker");
	struct strv srcs = { 0 };
	struct stat st;
	int r = 0;

	if (stat(exe, &st) == 0 && S_ISREG(st.st_mode)) {
		if (st.st_mode & 0111) {
			p->checker = exe;
			return 0;
		}
		jerr_set(err, exe, NULL, "not executable (chmod +x it, or keep its source as checker.<ext>)");
		free(exe);
		return -1;
	}
	free(exe);
	if (list_dir(p->root, is_checker_source, &srcs, err) < 0) {
		r = -1;
	} else if (srcs.n == 1) {
		p->checker = util_path_join(p->root, srcs.v[0]);
	} else if (srcs.n > 1) {
		jerr_set(err, p->root, NULL, "both %s and %s look like the checker; keep one",
			 srcs.v[0], srcs.v[1]);
		r = -1;
	}
	strv_free(&srcs);
	return r;
}

/*** Loading ***/

static bool is_kattis(const char *root)
{
	char *yaml = util_path_join(root, "problem.yaml");
	char *sample = util_path_join(root, "data/sample");
	char *secret = util_path_join(root, "data/secret");
	bool r = exists(yaml) || is_dir(sample) || is_dir(secret);

	free(yaml);
	free(sample);
	free(secret);
	return r;
}

static char *dir_basename(const char *root)
{
	char *real = realpath(root, NULL);
	const char *base;
	char *r;

	if (!real)
		real = xstrdup(root);
	base = strrchr(real, '/');
	base = base && base[1] ? base + 1 : real;
	r = xstrdup(base);
	free(real);
	return r;
}

static int load_kattis(struct problem *p, struct strv *names, struct jerr *err)
{
	char *data = util_path_join(p->root, "data");
	char *sample = util_path_join(data, "sample");
	char *secret = util_path_join(data, "secret");
	int r = -1;

	if (problem_read_timelimit(p->root, p, err) < 0 || problem_read_yaml(p->root, p, err) < 0)
		goto out;
	if (collect(sample, "sample", true, names, err) < 0 ||
	    collect(secret, "secret", true, names, err) < 0)
		goto out;
	if (!names->n) {
		jerr_set(err, data, NULL, "no NAME.in files under %s or %s", sample, secret);
		goto out;
	}
	if (pair_tests(data, names, false, p, err) < 0 || find_validator(p, err) < 0)
		goto out;
	r = 0;
out:
	free(data);
	free(sample);
	free(secret);
	return r;
}

/*
 * A folder of pairs says that its program reads and writes files, as
 * problem.yaml's file_io does, in root/.file_io: the same keys, one a line,
 * blank lines and # comments allowed.
 *
 *     input: input.txt
 *     output: output.txt
 */
static int read_file_io(struct problem *p, struct jerr *err)
{
	static const char *const keys[] = { "input", "output" };
	char *file = util_path_join(p->root, ".file_io");
	char *text, *line, *next;
	int n = 0, r = util_read_optional(file, &text, NULL, err);

	if (r <= 0) {
		free(file);
		return r;
	}
	r = 0;
	for (line = text; line && r == 0; line = next) {
		char *start = line, *colon, *name, *end, **slot;
		int k, col;

		n++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		line += strspn(line, " \t\r");
		if (!*line || *line == '#')
			continue;
		colon = strchr(line, ':');
		for (end = colon ? colon : line + strlen(line); end > line && strchr(" \t\r", end[-1]); end--)
			;
		*end = '\0';
		k = util_closest(line, keys, ARRAY_SIZE(keys));
		if (!colon || (k >= 0 && strcmp(line, keys[k])) || k < 0) {
			jerr_set(err, file, line, !colon ? "expected \"input: NAME\" or \"output: NAME\"" :
				 k >= 0 ? "unknown key (did you mean %s?)" : "unknown key (input or output)",
				 k >= 0 ? keys[k] : "");
			err->line = n;
			err->col = 1 + (int)(line - start);
			r = -1;
			break;
		}
		name = colon + 1;
		name += strspn(name, " \t");
		for (end = name + strlen(name); end > name && strchr(" \t\r", end[-1]); end--)
			;
		*end = '\0';
		slot = k == 0 ? &p->io_input : &p->io_output;
		col = 1 + (int)(line - start);
		if (*slot) {
			jerr_set(err, file, keys[k], "given twice");
			r = -1;
		} else if (!*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..") ||
			   strlen(name) > 255) {
			jerr_set(err, file, keys[k], "expected a file name such as input.txt, without "
				 "'/', got \"%.40s\"", name);
			col = 1 + (int)(name - start);
			r = -1;
		} else {
			*slot = xstrdup(name);
		}
		if (r == 0 && p->io_input && p->io_output && !strcmp(p->io_input, p->io_output)) {
			jerr_set(err, file, "output", "the output file cannot be the input file");
			r = -1;
		}
		if (r < 0) {
			err->line = n;
			err->col = col;
		}
	}
	free(text);
	free(file);
	return r;
}

/*
 * A folder of pairs has no problem.yaml; DOMjudge's .timelimit still gives
 * its time limit, and .file_io its files.
 */
static int load_dir(struct problem *p, struct strv *names, struct jerr *err)
{
	if (problem_read_timelimit(p->root, p, err) < 0 || read_file_io(p, err) < 0)
		return -1;
	if (collect(p->root, "", false, names, err) < 0)
		return -1;
	if (!names->n) {
		jerr_set(err, p->root, NULL, "no NAME.in files under %s", p->root);
		return -1;
	}
	if (pair_tests(p->root, names, true, p, err) < 0)
		return -1;
	return find_checker(p, err);
}

int problem_load(const char *path, struct problem *out, struct jerr *err)
{
	struct strv names = { 0 };
	struct stat st;
	size_t n;
	int r;

	memset(out, 0, sizeof(*out));
	if (stat(path, &st) < 0) {
		if (errno == ENOENT)
			jerr_set(err, path, NULL, "no such problem directory");
		else
			jerr_set(err, path, NULL, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		jerr_set(err, path, NULL, "not a directory (a problem is a folder of tests "
			 "or a Kattis package)");
		return -1;
	}
	out->root = xstrdup(path);
	for (n = strlen(out->root); n > 1 && out->root[n - 1] == '/'; n--)
		out->root[n - 1] = '\0';
	out->time_ms = out->memory_kib = out->output_bytes = -1;
	out->format = is_kattis(out->root) ? PROBLEM_KATTIS : PROBLEM_DIR;
	if (out->format == PROBLEM_KATTIS)
		r = load_kattis(out, &names, err);
	else
		r = load_dir(out, &names, err);
	strv_free(&names);
	if (r == 0 && !out->name)
		out->name = dir_basename(out->root);
	if (r < 0)
		problem_free(out);
	return r;
}

void problem_free(struct problem *p)
{
	for (size_t i = 0; i < p->n_tests; i++) {
		free(p->tests[i].name);
		free(p->tests[i].input);
		free(p->tests[i].answer);
		free(p->tests[i].group);
	}
	free(p->tests);
	for (size_t i = 0; i < p->n_validator_flags; i++)
		free(p->validator_flags[i]);
	free(p->validator_flags);
	free(p->warnings);
	free(p->root);
	free(p->name);
	free(p->validator_dir);
	free(p->checker);
	free(p->io_input);
	free(p->io_output);
	memset(p, 0, sizeof(*p));
	p->time_ms = p->memory_kib = p->output_bytes = -1;
}
