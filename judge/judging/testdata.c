#include "testdata.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "natsort.h"
#include "problemyaml.h"

/* Keys testdata.yaml may hold in some format version; the ones read are handled in read_key(). */
static const char *const known_keys[] = {
	"on_reject", "grading", "grader_flags", "accept_score", "reject_score", "range",
	"input_validator_flags", "output_validator_flags", "output_validator_args",
	/* 2023-07 and later drafts: known, not read */
	"scoring", "max_score", "input_validator_args",
	"input_visualizer_args", "output_visualizer_args", "full_feedback", "static_validation",
	"args",
};

struct td_ctx {
	const char *file;
	struct jerr *err;
};

static int td_fail(struct td_ctx *y, const char *key, const yaml_node_t *at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int td_fail(struct td_ctx *y, const char *key, const yaml_node_t *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	yaml_vfail(y->err, y->file, key, at, fmt, ap);
	va_end(ap);
	return -1;
}

/* A finite number, or with `inf` also "inf", "+inf", "-inf". */
static bool number(const char *s, bool inf, double *v)
{
	char *end;

	if (inf && (!strcmp(s, "inf") || !strcmp(s, "+inf"))) {
		*v = INFINITY;
		return true;
	}
	if (inf && !strcmp(s, "-inf")) {
		*v = -INFINITY;
		return true;
	}
	errno = 0;
	*v = strtod(s, &end);
	return end != s && !*end && !errno && isfinite(*v);
}

/* Conflicting modes: the last one given wins, as the format says. */
static int read_flags(struct td_ctx *y, const yaml_node_t *v, struct score_config *c)
{
	static const struct {
		const char *word;
		int vmode, agg;		/* -1: not this kind of flag */
	} words[] = {
		{ "worst_error", SCORE_WORST_ERROR, -1 }, { "first_error", SCORE_FIRST_ERROR, -1 },
		{ "always_accept", SCORE_ALWAYS_ACCEPT, -1 },
		{ "sum", -1, SCORE_SUM }, { "avg", -1, SCORE_AVG },
		{ "min", -1, SCORE_MIN }, { "max", -1, SCORE_MAX },
	};
	const char *s = (const char *)v->data.scalar.value;

	while (*s) {
		size_t n, i;

		s += strspn(s, " \t\r\n");
		n = strcspn(s, " \t\r\n");
		if (!n)
			break;
		if (n == 13 && !strncmp(s, "ignore_sample", n)) {
			c->ignore_sample = true;
		} else if (n == 22 && !strncmp(s, "accept_if_any_accepted", n)) {
			c->accept_if_any = true;
		} else {
			for (i = 0; i < ARRAY_SIZE(words); i++)
				if (strlen(words[i].word) == n && !strncmp(words[i].word, s, n))
					break;
			if (i == ARRAY_SIZE(words))
				return td_fail(y, "grader_flags", v, "unknown flag \"%.*s\" (expected "
					       "worst_error, first_error, always_accept, sum, avg, min, "
					       "max, ignore_sample, accept_if_any_accepted)",
					       (int)(n > 40 ? 40 : n), s);
			if (words[i].vmode >= 0)
				c->vmode = (enum score_verdict_mode)words[i].vmode;
			if (words[i].agg >= 0)
				c->agg = (enum score_aggregate)words[i].agg;
		}
		s += n;
	}
	return 0;
}

/* output_validator_flags: a string of words; output_validator_args: that, or a list of words. */
static int read_validator_flags(struct td_ctx *y, yaml_document_t *doc, const char *key,
				const yaml_node_t *v, struct score_config *c)
{
	size_t k = 0;

	c->validator_flags[0] = '\0';
	if (v->type == YAML_SEQUENCE_NODE) {
		for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
			const yaml_node_t *e = yaml_document_get_node(doc, *it);

			if (e->type != YAML_SCALAR_NODE)
				return td_fail(y, key, e, "expected a word, got a %s",
					       e->type == YAML_MAPPING_NODE ? "mapping" : "list");
			if (k + e->data.scalar.length + 2 > sizeof(c->validator_flags))
				return td_fail(y, key, e, "too long (at most %zu characters)",
					       sizeof(c->validator_flags) - 1);
			k += (size_t)snprintf(c->validator_flags + k, sizeof(c->validator_flags) - k, "%s%s",
					      k ? " " : "", (const char *)e->data.scalar.value);
		}
		return 0;
	}
	if (v->type != YAML_SCALAR_NODE)
		return td_fail(y, key, v, "expected a string of flags");
	if (v->data.scalar.length >= sizeof(c->validator_flags))
		return td_fail(y, key, v, "too long (at most %zu characters)", sizeof(c->validator_flags) - 1);
	snprintf(c->validator_flags, sizeof(c->validator_flags), "%s", (const char *)v->data.scalar.value);
	return 0;
}

static int read_key(struct td_ctx *y, const char *key, const yaml_node_t *v, struct score_config *c)
{
	const char *s;
	double a, b;

	if (strcmp(key, "on_reject") && strcmp(key, "grading") && strcmp(key, "grader_flags") &&
	    strcmp(key, "accept_score") && strcmp(key, "reject_score") && strcmp(key, "range"))
		return 0;	/* known, not read: validator flags and the newer formats' keys */
	if (v->type != YAML_SCALAR_NODE)
		return td_fail(y, key, v, "expected a single value, got a %s",
			       v->type == YAML_MAPPING_NODE ? "mapping" : "list");
	s = (const char *)v->data.scalar.value;
	if (!strcmp(key, "on_reject")) {
		if (strcmp(s, "break") && strcmp(s, "continue"))
			return td_fail(y, key, v, "expected break or continue, got \"%.40s\"", s);
		c->on_reject_continue = !strcmp(s, "continue");
	} else if (!strcmp(key, "grading")) {
		if (strcmp(s, "default"))
			return td_fail(y, key, v, "\"%.40s\": only the default grader is supported "
				       "(no graders/ programs)", s);
	} else if (!strcmp(key, "grader_flags")) {
		return read_flags(y, v, c);
	} else if (!strcmp(key, "accept_score") || !strcmp(key, "reject_score")) {
		if (!number(s, false, &a))
			return td_fail(y, key, v, "expected a number, got \"%.40s\"", s);
		*(!strcmp(key, "accept_score") ? &c->accept_score : &c->reject_score) = a;
	} else {
		char lo[64], hi[64], extra;

		if (sscanf(s, "%63s %63s %c", lo, hi, &extra) != 2 || !number(lo, true, &a) ||
		    !number(hi, true, &b) || a > b)
			return td_fail(y, key, v, "expected two numbers MIN MAX such as \"0 100\" "
				       "(inf and -inf allowed), got \"%.40s\"", s);
		c->range_min = a;
		c->range_max = b;
	}
	return 0;
}

static bool is_empty(const yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	       (!n->data.scalar.length || !strcmp((const char *)n->data.scalar.value, "~") ||
		!strcmp((const char *)n->data.scalar.value, "null"));
}

static int read_mapping(struct td_ctx *y, yaml_document_t *doc, const yaml_node_t *top,
			struct score_config *c)
{
	const yaml_node_t *seen[ARRAY_SIZE(known_keys)] = { NULL };

	if (top->type != YAML_MAPPING_NODE)
		return td_fail(y, NULL, top, "expected a mapping of settings (on_reject, "
			       "grader_flags, accept_score, ...)");
	for (yaml_node_pair_t *pr = top->data.mapping.pairs.start; pr < top->data.mapping.pairs.top; pr++) {
		const yaml_node_t *k = yaml_document_get_node(doc, pr->key);
		const yaml_node_t *v = yaml_document_get_node(doc, pr->value);
		const char *key;
		size_t i;

		if (k->type != YAML_SCALAR_NODE)
			return td_fail(y, NULL, k, "expected a key name");
		key = (const char *)k->data.scalar.value;
		for (i = 0; i < ARRAY_SIZE(known_keys) && strcmp(known_keys[i], key); i++)
			;
		if (i == ARRAY_SIZE(known_keys)) {
			int near = util_closest(key, known_keys, ARRAY_SIZE(known_keys));

			return td_fail(y, key, k, "unknown key%s%s%s", near >= 0 ? " (did you mean " : "",
				       near >= 0 ? known_keys[near] : "", near >= 0 ? "?)" : "");
		}
		if (seen[i])
			return td_fail(y, key, k, "given twice (first at line %d)",
				       (int)seen[i]->start_mark.line + 1);
		seen[i] = k;
		if (!strcmp(key, "output_validator_flags") || !strcmp(key, "output_validator_args")) {
			if (!is_empty(v) && read_validator_flags(y, doc, key, v, c) < 0)
				return -1;
			continue;
		}
		if (!is_empty(v) && read_key(y, key, v, c) < 0)
			return -1;
	}
	return 0;
}

int testdata_parse(const char *file, const char *text, size_t len, struct score_config *c,
		   struct jerr *err)
{
	struct td_ctx y = { file, err };
	yaml_document_t doc;
	yaml_node_t *top;
	int r = 0;

	scoring_defaults(c);
	if (yaml_load_doc(file, text, len, &doc, err) < 0)
		return -1;
	top = yaml_document_get_root_node(&doc);
	if (top && !is_empty(top))
		r = read_mapping(&y, &doc, top, c);
	yaml_document_delete(&doc);
	return r;
}

/* ==== The tree ==== */

static long find_group(const struct score_tree *t, const char *name)
{
	for (size_t i = 0; i < t->n_groups; i++)
		if (!strcmp(t->groups[i].name, name))
			return (long)i;
	return -1;
}

static void add_group(struct score_tree *t, const char *name, size_t len)
{
	char *n = xstrndup(name, len);

	if (find_group(t, n) >= 0) {
		free(n);
		return;
	}
	t->groups = xrealloc(t->groups, (t->n_groups + 1) * sizeof(*t->groups));
	t->groups[t->n_groups++] = (struct score_group){ .name = n, .parent = -1 };
}

static int cmp_group(const void *a, const void *b)
{
	/* a name sorts before the names it is a prefix of: parents come first */
	return natsort_cmp(((const struct score_group *)a)->name, ((const struct score_group *)b)->name);
}

/* dir/testdata.yaml into *c; 1 when there is one, 0 when not, -1 with err. */
static int load_file(const char *dir, struct score_config *c, struct jerr *err)
{
	char *file = util_path_join(dir, "testdata.yaml");
	size_t len;
	char *text;
	int r = util_read_optional(file, &text, &len, err);

	if (r <= 0) {
		free(file);
		return r;
	}
	r = testdata_parse(file, text, len, c, err) < 0 ? -1 : 1;
	free(text);
	free(file);
	return r;
}

int testdata_load(const struct problem *p, struct score_tree *t, struct jerr *err)
{
	char *data = util_path_join(p->root, "data");
	int r = 0;

	memset(t, 0, sizeof(*t));
	add_group(t, "", 0);
	for (size_t i = 0; i < p->n_tests; i++) {
		const char *g = p->tests[i].group;

		/* every folder on the way is a group: secret/a/b adds secret and secret/a */
		for (const char *slash = g; (slash = strchr(slash, '/')); slash++)
			add_group(t, g, (size_t)(slash - g));
		add_group(t, g, strlen(g));
	}
	qsort(t->groups, t->n_groups, sizeof(*t->groups), cmp_group);
	for (size_t i = 0; i < t->n_groups && r == 0; i++) {
		struct score_group *g = &t->groups[i];
		const char *slash = strrchr(g->name, '/');
		char *dir;

		if (i > 0) {
			char *parent = xstrndup(g->name, slash ? (size_t)(slash - g->name) : 0);

			g->parent = find_group(t, parent);
			free(parent);
		}
		if (g->parent >= 0)
			g->cfg = t->groups[g->parent].cfg;
		else
			scoring_defaults(&g->cfg);
		dir = *g->name ? util_path_join(data, g->name) : xstrdup(data);
		if (load_file(dir, &g->cfg, err) < 0)
			r = -1;
		free(dir);
	}
	free(data);
	return r;
}
