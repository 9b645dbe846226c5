#include "problemyaml.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "yamlkeys.h"

/*
 * A package's settings: problem.yaml and .timelimit (SPEC §5).
 *
 * problem.yaml is read with libyaml's document API because its nodes carry
 * start marks: every complaint about a key we read can point at the line and
 * column.  Keys we do not read are ignored, as Kattis defines many.
 */

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
	unsigned warned;	/* warnings seen, kept or not (add_warning) */
};

static int yaml_fail(struct yaml_ctx *y, const char *key, const yaml_node_t *at,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

int yaml_vfail(struct jerr *err, const char *file, const char *key, const yaml_node_t *at,
	       const char *fmt, va_list ap)
{
	char msg[sizeof(err->msg)];

	if (!err)
		return -1;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	jerr_set(err, file, key, "%s", msg);
	if (at) {
		/* libyaml counts from 0; editors and SPEC §2 count from 1. */
		err->line = (int)at->start_mark.line + 1;
		err->col = (int)at->start_mark.column + 1;
	}
	return -1;
}

static int yaml_fail(struct yaml_ctx *y, const char *key, const yaml_node_t *at,
		     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	yaml_vfail(y->err, y->file, key, at, fmt, ap);
	va_end(ap);
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
	bool custom, interactive, multi_pass, scoring;
} judging_words[] = {
	{ "default", false, false, false, false },
	{ "pass-fail", false, false, false, false },
	{ "scoring", false, false, false, true },
	/* legacy "validation: custom score": the validator writes score.txt, always read */
	{ "score", false, false, false, false },
	{ "submit-answer", false, false, false, false },
	{ "custom", true, false, false, false },
	{ "multi-pass", true, false, true, false },
	{ "multi_pass", true, false, true, false },
	{ "interactive", true, true, false, false },
};

static int apply_judging_word(struct yaml_ctx *y, const char *key, const yaml_node_t *at,
			      const char *word, size_t len, struct problem *p)
{
	for (size_t i = 0; i < ARRAY_SIZE(judging_words); i++) {
		if (strlen(judging_words[i].word) != len || strncmp(word, judging_words[i].word, len))
			continue;
		p->custom_validation |= judging_words[i].custom;
		p->interactive |= judging_words[i].interactive;
		p->multi_pass |= judging_words[i].multi_pass;
		p->scoring |= judging_words[i].scoring;
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
	p->validator_flags[p->n_validator_flags++] = xstrndup(word, len);
	return 0;
}

static int read_validator_flags(struct yaml_ctx *y, const char *key, yaml_node_t *v,
				struct problem *p)
{
	return for_each_word(y, key, v, p, push_flag);
}

/* A file of the program's work directory: one plain name, nothing that leads elsewhere. */
static int read_io_name(struct yaml_ctx *y, const char *key, yaml_node_t *v, char **out)
{
	const char *s;

	if (want_plain(y, key, v, "a file name such as input.txt") < 0)
		return -1;
	s = scalar(v);
	if (!*s || strchr(s, '/') || !strcmp(s, ".") || !strcmp(s, "..") || strlen(s) > 255)
		return yaml_fail(y, key, v, "expected a file name such as input.txt, without '/', "
				 "got \"%.40s\"", s);
	free(*out);
	*out = xstrdup(s);
	return 0;
}

static int read_io_input(struct yaml_ctx *y, const char *key, yaml_node_t *v, struct problem *p)
{
	return read_io_name(y, key, v, &p->io_input);
}

static int read_io_output(struct yaml_ctx *y, const char *key, yaml_node_t *v, struct problem *p)
{
	if (read_io_name(y, key, v, &p->io_output) < 0)
		return -1;
	if (p->io_input && !strcmp(p->io_input, p->io_output))
		return yaml_fail(y, key, v, "the output file cannot be the input file");
	return 0;
}

/* A positive number (multipliers, margins): "5", "1.5". */
static int read_factor(struct yaml_ctx *y, const char *key, yaml_node_t *v, double *out)
{
	char buf[64], *end;
	double d;

	if (want_plain(y, key, v, "a positive number such as 2 or 1.5") < 0)
		return -1;
	errno = 0;
	d = strtod(scalar(v), &end);
	if (*end || errno || !(d > 0) || d > 1000)
		return yaml_fail(y, key, v, "expected a positive number such as 2 or 1.5, got %s",
				 describe(v, buf, sizeof(buf)));
	*out = d;
	return 0;
}

static int read_multiplier(struct yaml_ctx *y, const char *key, yaml_node_t *v, struct problem *p)
{
	return read_factor(y, key, v, &p->time_multiplier);
}

static int read_margin(struct yaml_ctx *y, const char *key, yaml_node_t *v, struct problem *p)
{
	return read_factor(y, key, v, &p->time_safety_margin);
}

static int read_resolution(struct yaml_ctx *y, const char *key, yaml_node_t *v, struct problem *p)
{
	return read_factor(y, key, v, &p->time_resolution);
}

static int read_passes(struct yaml_ctx *y, const char *key, yaml_node_t *v, struct problem *p)
{
	char buf[64], *end;
	long n;

	if (want_plain(y, key, v, "a whole number of passes, at least 2") < 0)
		return -1;
	errno = 0;
	n = strtol(scalar(v), &end, 10);
	if (*end || errno || n < 2 || n > 100)
		return yaml_fail(y, key, v, "expected a whole number of passes from 2 to 100, got %s",
				 describe(v, buf, sizeof(buf)));
	p->validation_passes = (int)n;
	return 0;
}

/* "2023-07", "2023-07-draft", "draft": the 2023 format; "legacy", "1.0", absent: the old one. */
static int read_format(struct yaml_ctx *y, const char *key, yaml_node_t *v, struct problem *p)
{
	char buf[64];

	if (v->type != YAML_SCALAR_NODE)
		return yaml_fail(y, key, v, "expected a version such as 2023-07, got %s",
				 describe(v, buf, sizeof(buf)));
	p->format_2023 = strncmp(scalar(v), "legacy", 6) != 0 && strcmp(scalar(v), "1.0") != 0;
	return 0;
}

/* Legacy grading.objective: whether a higher or a lower score is better. */
static int read_objective(struct yaml_ctx *y, const char *key, yaml_node_t *v, struct problem *p)
{
	char buf[64];

	if (want_plain(y, key, v, "min or max") < 0)
		return -1;
	if (strcmp(scalar(v), "min") && strcmp(scalar(v), "max"))
		return yaml_fail(y, key, v, "expected min or max, got %s", describe(v, buf, sizeof(buf)));
	p->score_min = !strcmp(scalar(v), "min");
	return 0;
}

/* Keys one mapping of problem.yaml may have that we read. */
#define MAX_KEYS 12

struct yaml_key {
	const char *name;
	int (*read)(struct yaml_ctx *, const char *key, yaml_node_t *v, struct problem *);
	const struct yaml_key *sub;	/* a mapping whose keys are these */
};

static const struct yaml_key multipliers_keys[] = {
	{ "ac_to_time_limit", read_multiplier, NULL },
	{ "time_limit_to_tle", read_margin, NULL },
	{ NULL, NULL, NULL },
};

static const struct yaml_key limits_keys[] = {
	{ "time_limit", read_time_limit, NULL },
	{ "memory", read_memory, NULL },
	{ "output", read_output, NULL },
	{ "time_multiplier", read_multiplier, NULL },
	{ "time_safety_margin", read_margin, NULL },
	{ "time_multipliers", NULL, multipliers_keys },
	{ "time_resolution", read_resolution, NULL },
	{ "validation_passes", read_passes, NULL },
	{ NULL, NULL, NULL },
};

static const struct yaml_key grading_keys[] = {
	{ "objective", read_objective, NULL },
	{ NULL, NULL, NULL },
};

static const struct yaml_key file_io_keys[] = {
	{ "input", read_io_input, NULL },
	{ "output", read_io_output, NULL },
	{ NULL, NULL, NULL },
};

static const struct yaml_key top_keys[] = {
	{ "problem_format_version", read_format, NULL },
	{ "name", read_name, NULL },
	{ "limits", NULL, limits_keys },
	{ "validation", read_judging, NULL },
	{ "type", read_judging, NULL },
	{ "validator_flags", read_validator_flags, NULL },
	{ "file_io", NULL, file_io_keys },
	{ "grading", NULL, grading_keys },
	{ NULL, NULL, NULL },
};

_Static_assert(ARRAY_SIZE(top_keys) <= MAX_KEYS && ARRAY_SIZE(limits_keys) <= MAX_KEYS,
	       "read_mapping() tracks at most MAX_KEYS keys");

/*
 * Warnings kept in p->warnings.  Each one copies the text so far, so an
 * unbounded list would make a long file of repeated keys cost time
 * quadratic in its size; past this many only a count is kept.
 */
#define MAX_WARNINGS 20

static void add_warning(struct yaml_ctx *y, struct problem *p, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void add_warning(struct yaml_ctx *y, struct problem *p, const char *fmt, ...)
{
	char line[320];
	va_list ap;
	char *w;

	if (y->warned++ >= MAX_WARNINGS)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	w = xasprintf("%s%s%s", p->warnings ? p->warnings : "", p->warnings ? "\n" : "", line);
	free(p->warnings);
	p->warnings = w;
}

/*
 * Any key: fine when the file's format version has it, a warning when only
 * the other version has it, an error (a typo) when no version does and the
 * judge does not read it either.
 */
static int problem_yaml_check_key(struct yaml_ctx *y, const char *path, const yaml_node_t *k,
				  bool read, struct problem *p)
{
	const char *name = scalar(k), *near;
	char key[160];
	int line = (int)k->start_mark.line + 1, col = (int)k->start_mark.column + 1;

	if (!yamlkey_checked(path))
		return 0;
	snprintf(key, sizeof(key), "%s%s%s", path, *path ? "." : "", name);
	switch (yamlkey_lookup(path, name)) {
	case YAMLKEY_BOTH:
		return 0;
	case YAMLKEY_LEGACY:
		if (p->format_2023)
			add_warning(y, p, "%s:%d:%d: %s: a key of the legacy format, ignored in a "
				    "2023-07 problem.yaml", y->file, line, col, key);
		return 0;
	case YAMLKEY_2023:
		if (!p->format_2023)
			add_warning(y, p, "%s:%d:%d: %s: a key of the 2023-07 format, ignored without "
				    "problem_format_version: 2023-07", y->file, line, col, key);
		return 0;
	case YAMLKEY_UNKNOWN:
		break;
	}
	if (read)
		return 0;
	near = yamlkey_closest(path, name);
	return yaml_fail(y, key, k, "unknown key%s%s%s", near ? " (did you mean " : "",
			 near ? near : "", near ? "?)" : "");
}

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
		if (problem_yaml_check_key(y, path, k, keys[i].name != NULL, p) < 0)
			return -1;
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

int yaml_load_doc(const char *file, const char *text, size_t len, yaml_document_t *doc,
		  struct jerr *err)
{
	yaml_parser_t parser;
	int r = 0;

	if (!yaml_parser_initialize(&parser)) {
		jerr_set(err, file, NULL, "out of memory");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, doc)) {
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
		r = -1;
	}
	yaml_parser_delete(&parser);
	return r;
}

/* Reads root/problem.yaml into p if it exists. */
int problem_read_yaml(const char *root, struct problem *p, struct jerr *err)
{
	char *file = util_path_join(root, "problem.yaml");
	yaml_document_t doc;
	yaml_node_t *top;
	struct yaml_ctx y = { &doc, file, err, 0 };
	char *text;
	size_t len;
	int r = util_read_optional(file, &text, &len, err);

	if (r <= 0 || yaml_load_doc(file, text, len, &doc, err) < 0) {
		free(text);
		free(file);
		return r <= 0 ? r : -1;
	}
	r = 0;
	top = yaml_document_get_root_node(&doc);
	/* The version decides which keys are only warned about: read it first, wherever it is. */
	if (top && top->type == YAML_MAPPING_NODE)
		for (yaml_node_pair_t *pr = top->data.mapping.pairs.start;
		     pr < top->data.mapping.pairs.top; pr++) {
			yaml_node_t *k = yaml_document_get_node(&doc, pr->key);

			if (k->type == YAML_SCALAR_NODE && !strcmp(scalar(k), "problem_format_version"))
				read_format(&y, "problem_format_version",
					    yaml_document_get_node(&doc, pr->value), p);
		}
	if (top && !is_null(top))
		r = read_mapping(&y, "", top, top_keys, p);
	if (y.warned > MAX_WARNINGS) {
		char *w = xasprintf("%s\n%s: %u more keys of the other format version, not listed",
				    p->warnings, file, y.warned - MAX_WARNINGS);

		free(p->warnings);
		p->warnings = w;
	}
	yaml_document_delete(&doc);
	free(text);
	free(file);
	return r;
}

/* DOMjudge and Kattis tooling leave the time limit in root/.timelimit. */
int problem_read_timelimit(const char *root, struct problem *p, struct jerr *err)
{
	char *file = util_path_join(root, ".timelimit");
	char *text, *s, *e;
	int r = util_read_optional(file, &text, NULL, err);

	if (r <= 0) {
		free(file);
		return r;
	}
	r = 0;
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
