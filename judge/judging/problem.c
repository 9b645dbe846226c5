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
 *
 * problem.yaml is read with libyaml's document API because its nodes carry
 * start marks: every complaint about a key we read can point at the line and
 * column.  Keys we do not read are ignored, as Kattis defines many.
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

/* "a" + "b" -> "a/b"; an empty `dir` gives `name` alone. */
static char *path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	if (!n)
		return xstrdup(name);
	return xasprintf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", name);
}

static char *dup_n(const char *s, size_t n)
{
	char *r = xmalloc(n + 1);

	memcpy(r, s, n);
	r[n] = '\0';
	return r;
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

/*
 * "2.5" seconds -> 2500 ms, exactly: no floating point, and a fraction finer
 * than a millisecond rounds up so that a tiny positive limit never becomes 0.
 */
static int parse_seconds(const char *s, int64_t *ms)
{
	int64_t whole = 0, frac = 0, v;
	int nfrac = 0;
	bool digits = false, finer = false;

	for (; *s >= '0' && *s <= '9'; s++, digits = true) {
		if (whole > 1000000000)
			return -1;
		whole = whole * 10 + (*s - '0');
	}
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, digits = true) {
			if (nfrac < 3) {
				frac = frac * 10 + (*s - '0');
				nfrac++;
			} else if (*s != '0') {
				finer = true;
			}
		}
	if (*s || !digits)
		return -1;
	for (; nfrac < 3; nfrac++)
		frac *= 10;
	v = whole * 1000 + frac + finer;
	if (v <= 0)
		return -1;
	*ms = v;
	return 0;
}

/* A positive whole number of MiB, scaled by `unit` bytes per output unit. */
static int parse_mib(const char *s, int64_t unit, int64_t *out)
{
	int64_t v = 0, max = INT64_MAX / (1024 * 1024 / unit);

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (max - 9) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (v <= 0)
		return -1;
	*out = v * (1024 * 1024 / unit);
	return 0;
}

/*** problem.yaml ***/

struct yaml_ctx {
	yaml_document_t *doc;
	const char *file;
	struct jerr *err;
};

static int yaml_fail(struct yaml_ctx *y, const char *key, const yaml_node_t *at,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int yaml_fail(struct yaml_ctx *y, const char *key, const yaml_node_t *at,
		     const char *fmt, ...)
{
	char msg[sizeof(y->err->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	jerr_set(y->err, y->file, key, "%s", msg);
	if (at && y->err) {
		/* libyaml counts from 0; editors and SPEC §2 count from 1. */
		y->err->line = (int)at->start_mark.line + 1;
		y->err->col = (int)at->start_mark.column + 1;
	}
	return -1;
}

static const char *scalar(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

static bool is_plain(const yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

/* `key:` with nothing after it, or `~` / `null`: the key is left unset. */
static bool is_null(const yaml_node_t *n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };

	if (!is_plain(n))
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(nulls); i++)
		if (!strcmp(scalar(n), nulls[i]))
			return true;
	return false;
}

/* What a node is, for "expected X, got Y". */
static const char *describe(const yaml_node_t *n, char *buf, size_t len)
{
	switch (n->type) {
	case YAML_MAPPING_NODE:
		return "a mapping";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_SCALAR_NODE:
		snprintf(buf, len, "%s\"%.40s\"", is_plain(n) ? "" : "the string ", scalar(n));
		return buf;
	default:
		return "nothing";
	}
}

static int want_plain(struct yaml_ctx *y, const char *key, const yaml_node_t *v,
		      const char *what)
{
	char buf[64];

	if (is_plain(v))
		return 0;
	return yaml_fail(y, key, v, "expected %s, got %s", what, describe(v, buf, sizeof(buf)));
}

static int read_time_limit(struct yaml_ctx *y, const char *key, yaml_node_t *v, struct problem *p)
{
	static const char what[] = "a positive number of seconds such as 2 or 0.5";
	char buf[64];
	int64_t ms;

	if (want_plain(y, key, v, what) < 0)
		return -1;
	if (parse_seconds(scalar(v), &ms) < 0)
		return yaml_fail(y, key, v, "bad time limit %s: expected %s",
				 describe(v, buf, sizeof(buf)), what);
	/* .timelimit, read before this file, takes precedence. */
	if (p->time_ms < 0)
		p->time_ms = ms;
	return 0;
}

static int read_mib(struct yaml_ctx *y, const char *key, yaml_node_t *v, int64_t unit,
		    int64_t *out)
{
	static const char what[] = "a positive whole number of MiB";
	char buf[64];

	if (want_plain(y, key, v, what) < 0)
		return -1;
	if (parse_mib(scalar(v), unit, out) < 0)
		return yaml_fail(y, key, v, "expected %s, got %s", what,
				 describe(v, buf, sizeof(buf)));
	return 0;
}

static int read_memory(struct yaml_ctx *y, const char *key, yaml_node_t *v, struct problem *p)
{
	return read_mib(y, key, v, 1024, &p->memory_kib);
}

static int read_output(struct yaml_ctx *y, const char *key, yaml_node_t *v, struct problem *p)
{
	return read_mib(y, key, v, 1, &p->output_bytes);
}

/* The legacy format's name is a string; the 2023 one maps language -> name. */
static int read_name(struct yaml_ctx *y, const char *key, yaml_node_t *v, struct problem *p)
{
	yaml_node_t *pick = v;
	char buf[64];

	if (v->type == YAML_MAPPING_NODE) {
		pick = NULL;
		for (yaml_node_pair_t *pr = v->data.mapping.pairs.start;
		     pr < v->data.mapping.pairs.top; pr++) {
			yaml_node_t *k = yaml_document_get_node(y->doc, pr->key);
			yaml_node_t *val = yaml_document_get_node(y->doc, pr->value);

			if (!pick || (k->type == YAML_SCALAR_NODE && !strcmp(scalar(k), "en")))
				pick = val;
		}
		if (!pick)
			return 0;
	}
	if (pick->type != YAML_SCALAR_NODE)
		return yaml_fail(y, key, pick, "expected a string, got %s",
				 describe(pick, buf, sizeof(buf)));
	free(p->name);
	p->name = xstrdup(scalar(pick));
	return 0;
}

/*
 * Words that may appear in `validation` (legacy) or `type` (2023 format), and
 * what each implies for how output is judged.
 */
static const struct {
	const char *word;
	bool custom, interactive;
} judging_words[] = {
	{ "default", false, false },
	{ "pass-fail", false, false },
	{ "scoring", false, false },
	{ "score", false, false },
	{ "submit-answer", false, false },
	{ "custom", true, false },
	{ "multi-pass", true, false },
	{ "interactive", true, true },
};

static int apply_judging_word(struct yaml_ctx *y, const char *key, const yaml_node_t *at,
			      const char *word, size_t len, struct problem *p)
{
	for (size_t i = 0; i < ARRAY_SIZE(judging_words); i++) {
		if (strlen(judging_words[i].word) != len || strncmp(word, judging_words[i].word, len))
			continue;
		p->custom_validation |= judging_words[i].custom;
		p->interactive |= judging_words[i].interactive;
		return 0;
	}
	return yaml_fail(y, key, at, "unknown mode \"%.*s\" (expected default, custom, "
			 "custom interactive, interactive, multi-pass, ...)", (int)(len > 40 ? 40 : len), word);
}

/*
 * Calls fn on each whitespace-separated word of a scalar, or on each item of a
 * list taken whole (a list is how to pass a word that holds a space).
 */
static int for_each_word(struct yaml_ctx *y, const char *key, yaml_node_t *v, struct problem *p,
			 int (*fn)(struct yaml_ctx *, const char *, const yaml_node_t *,
				   const char *, size_t, struct problem *))
{
	char buf[64];

	if (v->type == YAML_SEQUENCE_NODE) {
		for (yaml_node_item_t *it = v->data.sequence.items.start;
		     it < v->data.sequence.items.top; it++) {
			yaml_node_t *item = yaml_document_get_node(y->doc, *it);

			if (item->type != YAML_SCALAR_NODE)
				return yaml_fail(y, key, item, "expected a string, got %s",
						 describe(item, buf, sizeof(buf)));
			if (fn(y, key, item, scalar(item), strlen(scalar(item)), p) < 0)
				return -1;
		}
		return 0;
	}
	if (v->type != YAML_SCALAR_NODE)
		return yaml_fail(y, key, v, "expected a string or a list of strings, got %s",
				 describe(v, buf, sizeof(buf)));
	for (const char *s = scalar(v); *s;) {
		size_t n;

		s += strspn(s, " \t\r\n");
		n = strcspn(s, " \t\r\n");
		if (n && fn(y, key, v, s, n, p) < 0)
			return -1;
		s += n;
	}
	return 0;
}

static int read_judging(struct yaml_ctx *y, const char *key, yaml_node_t *v, struct problem *p)
{
	return for_each_word(y, key, v, p, apply_judging_word);
}

static int push_flag(struct yaml_ctx *y UNUSED, const char *key UNUSED,
		     const yaml_node_t *at UNUSED, const char *word, size_t len, struct problem *p)
{
	p->validator_flags = xrealloc(p->validator_flags,
				      (p->n_validator_flags + 1) * sizeof(*p->validator_flags));
	p->validator_flags[p->n_validator_flags++] = dup_n(word, len);
	return 0;
}

static int read_validator_flags(struct yaml_ctx *y, const char *key, yaml_node_t *v,
				struct problem *p)
{
	return for_each_word(y, key, v, p, push_flag);
}

/* Keys one mapping of problem.yaml may have that we read. */
#define MAX_KEYS 8

struct yaml_key {
	const char *name;
	int (*read)(struct yaml_ctx *, const char *key, yaml_node_t *v, struct problem *);
	const struct yaml_key *sub;	/* a mapping whose keys are these */
};

static const struct yaml_key limits_keys[] = {
	{ "time_limit", read_time_limit, NULL },
	{ "memory", read_memory, NULL },
	{ "output", read_output, NULL },
	{ NULL, NULL, NULL },
};

static const struct yaml_key top_keys[] = {
	{ "name", read_name, NULL },
	{ "limits", NULL, limits_keys },
	{ "validation", read_judging, NULL },
	{ "type", read_judging, NULL },
	{ "validator_flags", read_validator_flags, NULL },
	{ NULL, NULL, NULL },
};

_Static_assert(ARRAY_SIZE(top_keys) <= MAX_KEYS && ARRAY_SIZE(limits_keys) <= MAX_KEYS,
	       "read_mapping() tracks at most MAX_KEYS keys");

/*
 * Reads the keys of mapping `map` that `keys` lists, `path` being the dotted
 * key of the mapping itself ("" at the top).  A key we read given twice is an
 * error: YAML leaves the meaning open and libyaml does not check.
 */
static int read_mapping(struct yaml_ctx *y, const char *path, yaml_node_t *map,
			const struct yaml_key *keys, struct problem *p)
{
	const yaml_node_t *seen[MAX_KEYS] = { NULL };
	char buf[64];

	if (map->type != YAML_MAPPING_NODE)
		return yaml_fail(y, path, map, "expected a mapping, got %s",
				 describe(map, buf, sizeof(buf)));
	for (yaml_node_pair_t *pr = map->data.mapping.pairs.start;
	     pr < map->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = yaml_document_get_node(y->doc, pr->key);
		yaml_node_t *v = yaml_document_get_node(y->doc, pr->value);
		char key[128];
		size_t i;
		int r;

		if (k->type != YAML_SCALAR_NODE)
			continue;
		for (i = 0; keys[i].name && strcmp(keys[i].name, scalar(k)); i++)
			;
		if (!keys[i].name)
			continue;
		snprintf(key, sizeof(key), "%s%s%s", path, *path ? "." : "", keys[i].name);
		if (seen[i])
			return yaml_fail(y, key, k, "given twice (first at line %d)",
					 (int)seen[i]->start_mark.line + 1);
		seen[i] = k;
		if (is_null(v))
			continue;
		r = keys[i].sub ? read_mapping(y, key, v, keys[i].sub, p) : keys[i].read(y, key, v, p);
		if (r < 0)
			return -1;
	}
	return 0;
}

/* Reads root/problem.yaml into p if it exists. */
static int load_yaml(const char *root, struct problem *p, struct jerr *err)
{
	char *file = path_join(root, "problem.yaml");
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *top;
	struct yaml_ctx y = { &doc, file, err };
	char *text;
	size_t len;
	int r = 0;

	text = util_read_file(file, &len);
	if (!text) {
		if (errno != ENOENT)
			r = yaml_fail(&y, NULL, NULL, "cannot read: %s", strerror(errno));
		free(file);
		return r;
	}
	if (!yaml_parser_initialize(&parser)) {
		jerr_set(err, file, NULL, "out of memory");
		free(text);
		free(file);
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		const char *problem = parser.problem ? parser.problem : "malformed document";

		if (parser.error == YAML_READER_ERROR) {
			/* The reader knows only a byte offset, not a line. */
			jerr_set(err, file, NULL, "not valid YAML text: %s at byte %zu",
				 problem, parser.problem_offset);
		} else {
			char ctx[128] = "";

			/* The context says where the construct left open began. */
			if (parser.context)
				snprintf(ctx, sizeof(ctx), " (%s at %zu:%zu)", parser.context,
					 parser.context_mark.line + 1, parser.context_mark.column + 1);
			jerr_set(err, file, NULL, "YAML syntax error: %s%s", problem, ctx);
			if (err) {
				err->line = (int)parser.problem_mark.line + 1;
				err->col = (int)parser.problem_mark.column + 1;
			}
		}
		yaml_parser_delete(&parser);
		free(text);
		free(file);
		return -1;
	}
	top = yaml_document_get_root_node(&doc);
	if (top && !is_null(top))
		r = read_mapping(&y, "", top, top_keys, p);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	free(text);
	free(file);
	return r;
}

/* DOMjudge and Kattis tooling leave the time limit in root/.timelimit. */
static int load_timelimit(const char *root, struct problem *p, struct jerr *err)
{
	char *file = path_join(root, ".timelimit");
	char *text = util_read_file(file, NULL);
	char *s, *e;
	int r = 0;

	if (!text) {
		if (errno != ENOENT) {
			jerr_set(err, file, NULL, "cannot read: %s", strerror(errno));
			r = -1;
		}
		free(file);
		return r;
	}
	s = text + strspn(text, " \t\r\n");
	for (e = s + strlen(s); e > s && strchr(" \t\r\n", e[-1]); e--)
		;
	*e = '\0';
	if (parse_seconds(s, &p->time_ms) < 0) {
		jerr_set(err, file, NULL, "bad time limit \"%.40s\": expected a positive number "
			 "of seconds such as 2 or 0.5", s);
		r = -1;
	}
	free(text);
	free(file);
	return r;
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
			sub_shown = path_join(shown, n);
			jerr_set(err, sub_shown, NULL, "cannot stat: %s", strerror(errno));
			free(sub_shown);
			r = -1;
		} else if (S_ISDIR(st.st_mode)) {
			int sub = openat(dirfd(d), n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			char *sub_prefix = path_join(prefix, n);

			sub_shown = path_join(shown, n);
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
			stem = dup_n(n, strlen(n) - 3);
			strv_push(names, path_join(prefix, stem));
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
		t->group = dup_n(t->name, slash ? (size_t)(slash - names->v[i]) : 0);
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
 * output_validators/ holds one program, as a directory or a single file; the
 * 2023 format calls the directory output_validator/ and it is the program.
 */
static int find_validator(struct problem *p, struct jerr *err)
{
	char *dir = path_join(p->root, "output_validators");
	struct strv ents = { 0 };
	int r = 0;

	if (exists(dir) && !is_dir(dir)) {
		jerr_set(err, dir, NULL, "not a directory");
		r = -1;
	} else if (list_dir(dir, NULL, &ents, err) < 0) {
		r = -1;
	} else if (ents.n == 1) {
		p->validator_dir = path_join(dir, ents.v[0]);
	} else if (ents.n > 1) {
		jerr_set(err, dir, NULL, "holds %zu entries (%s, %s%s); expected one validator",
			 ents.n, ents.v[0], ents.v[1], ents.n > 2 ? ", ..." : "");
		r = -1;
	}
	strv_free(&ents);
	free(dir);
	if (r == 0 && !p->validator_dir) {
		dir = path_join(p->root, "output_validator");
		if (is_dir(dir))
			p->validator_dir = dir;
		else
			free(dir);
	}
	if (r == 0 && p->custom_validation && !p->validator_dir) {
		dir = path_join(p->root, "problem.yaml");
		jerr_set(err, dir, "validation", "%s validation, but output_validators/ holds no validator",
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
	char *exe = path_join(p->root, "checker");
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
		p->checker = path_join(p->root, srcs.v[0]);
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
	char *yaml = path_join(root, "problem.yaml");
	char *sample = path_join(root, "data/sample");
	char *secret = path_join(root, "data/secret");
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
	char *data = path_join(p->root, "data");
	char *sample = path_join(data, "sample");
	char *secret = path_join(data, "secret");
	int r = -1;

	if (load_timelimit(p->root, p, err) < 0 || load_yaml(p->root, p, err) < 0)
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

/* A folder of pairs has no problem.yaml; DOMjudge's .timelimit still gives its time limit. */
static int load_dir(struct problem *p, struct strv *names, struct jerr *err)
{
	if (load_timelimit(p->root, p, err) < 0)
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
	free(p->root);
	free(p->name);
	free(p->validator_dir);
	free(p->checker);
	memset(p, 0, sizeof(*p));
	p->time_ms = p->memory_kib = p->output_bytes = -1;
}
