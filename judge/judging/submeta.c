#include "submeta.h"

#include <errno.h>
#include <fnmatch.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "expect.h"
#include "jsonpos.h"
#include "problemyaml.h"

#define B(v) (1 << (v))
#define RTE (B(V_RE) | B(V_MLE) | B(V_OLE) | B(V_RF))

/* ==== Globs ==== */

/* fnmatch() has no {a,b}: expand the first group and try each alternative. */
static bool glob_one(const char *glob, const char *path)
{
	const char *open = strchr(glob, '{'), *close, *p, *start;
	int depth = 0;

	/* FNM_NOESCAPE: a backslash is no escape (globs with one are refused at load) */
	if (!open)
		return fnmatch(glob, path, FNM_PATHNAME | FNM_PERIOD | FNM_NOESCAPE) == 0;
	for (close = open; *close; close++) {
		depth += *close == '{';
		depth -= *close == '}';
		if (!depth)
			break;
	}
	if (!*close)	/* unbalanced: the brace is literal */
		return fnmatch(glob, path, FNM_PATHNAME | FNM_PERIOD | FNM_NOESCAPE) == 0;
	start = open + 1;
	depth = 0;
	for (p = start; p <= close; p++) {
		if (*p == '{')
			depth++;
		else if (*p == '}' && depth)
			depth--;
		else if ((*p == ',' && !depth) || p == close) {
			char *alt = xasprintf("%.*s%.*s%s", (int)(open - glob), glob, (int)(p - start),
					      start, close + 1);
			bool m = glob_one(alt, path);

			free(alt);
			if (m)
				return true;
			start = p + 1;
		}
	}
	return false;
}

bool submeta_glob_match(const char *glob, const char *path)
{
	char *p = xstrdup(path), *slash;
	bool m = false;

	/* the path itself, then each folder above it */
	for (;;) {
		if (glob_one(glob, p)) {
			m = true;
			break;
		}
		slash = strrchr(p, '/');
		if (!slash)
			break;
		*slash = '\0';
	}
	free(p);
	return m;
}

bool submeta_group_match(const char *glob, const char *group)
{
	return glob_one(glob, group);
}

/*
 * What the format's globs do not have: "**", "[xyz]" (2025-09 says both are
 * unsupported), and "?" and "\\", which it does not define.  fnmatch() would
 * give each a meaning, so a pattern would match paths the format says it
 * does not.  NULL when `glob` is fine, else the offending character.
 */
static const char *glob_unsupported(const char *glob)
{
	const char *p = strstr(glob, "**");
	size_t k = strcspn(glob, "[]?\\");

	if (glob[k] && (!p || glob + k < p))
		p = glob + k;
	return p;
}

/* ==== submissions.json (DOMjudge) ==== */

static int json_fail(struct jerr *err, const char *file, const char *text, size_t len,
		     const char *path, bool at_key, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

static int json_fail(struct jerr *err, const char *file, const char *text, size_t len,
		     const char *path, bool at_key, const char *fmt, ...)
{
	struct jsonpos pos;
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	jerr_set(err, file, path, "%s", msg);
	if ((at_key ? jsonpos_key : jsonpos_value)(text, len, path, &pos) == 0) {
		err->line = pos.line;
		err->col = pos.col;
	}
	return -1;
}

/* "submissions/accepted/multi/" -> "accepted/multi" */
static char *dj_rel(const char *key)
{
	size_t n;

	if (!strncmp(key, "./", 2))
		key += 2;
	if (!strncmp(key, "submissions/", strlen("submissions/")))
		key += strlen("submissions/");
	n = strlen(key);
	while (n && key[n - 1] == '/')
		n--;
	return xstrndup(key, n);
}

static int load_json(const char *root, struct submeta *m, struct jerr *err)
{
	char *file = xasprintf("%s/submissions.json", root), *text;
	json_error_t je;
	json_t *top;
	const char *key;
	json_t *val;
	size_t len;
	int r = util_read_optional(file, &text, &len, err);

	if (r <= 0) {
		free(file);
		return r;
	}
	r = 0;
	top = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!top) {
		jerr_set(err, file, "", "%s", je.text);
		err->line = je.line;
		err->col = je.column;
		r = -1;
	} else if (!json_is_object(top)) {
		r = json_fail(err, file, text, len, "", false,
			      "expected an object from submission paths to their settings");
	}
	json_object_foreach(r == 0 ? top : NULL, key, val) {
		char path[512] = "";
		const char *k;
		json_t *v;
		const char *entry = "", *lang = "";

		jsonpos_append_key(path, sizeof(path), key);
		if (!json_is_object(val)) {
			r = json_fail(err, file, text, len, path, false,
				      "expected an object (entry_point, langid, team)");
			break;
		}
		json_object_foreach(val, k, v) {
			char sub[600];

			snprintf(sub, sizeof(sub), "%s", path);
			jsonpos_append_key(sub, sizeof(sub), k);
			if (strcmp(k, "entry_point") && strcmp(k, "langid") && strcmp(k, "team")) {
				r = json_fail(err, file, text, len, sub, true,
					      "unknown key (entry_point, langid, team)");
				break;
			}
			if (!json_is_string(v)) {
				r = json_fail(err, file, text, len, sub, false, "expected a string");
				break;
			}
			if (!strcmp(k, "entry_point"))
				entry = json_string_value(v);
			else if (!strcmp(k, "langid"))
				lang = json_string_value(v);
		}
		if (r < 0)
			break;
		char *rel = dj_rel(key);

		strlist_push(&m->dj_path, rel);
		strlist_push(&m->dj_entry, entry);
		strlist_push(&m->dj_lang, lang);
		free(rel);
	}
	json_decref(top);
	free(text);
	free(file);
	return r;
}

/* ==== submissions/submissions.yaml (Kattis) ==== */

struct sy_ctx {
	const char *file;
	yaml_document_t *doc;
	struct jerr *err;
};

static int sy_fail(struct sy_ctx *y, const char *key, const yaml_node_t *at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int sy_fail(struct sy_ctx *y, const char *key, const yaml_node_t *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	yaml_vfail(y->err, y->file, key, at, fmt, ap);
	va_end(ap);
	return -1;
}

static const char *scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* A glob with what the format's globs do not have (glob_unsupported), at its key. */
static int refuse_glob(struct sy_ctx *y, const char *glob, const yaml_node_t *key)
{
	const char *bad = glob_unsupported(glob);

	if (!bad)
		return 0;
	return sy_fail(y, glob, key, "'%.*s' is not supported in a glob (only * within a name, and {a,b})",
		       bad[0] == '*' ? 2 : 1, bad);
}

static const struct {
	const char *dir;
	int permitted, required;
} folders[] = {
	{ "accepted", B(V_AC), SUBMETA_ANY },
	{ "rejected", SUBMETA_ANY, RTE | B(V_TLE) | B(V_WA) },
	{ "wrong_answer", B(V_AC) | B(V_WA), B(V_WA) },
	{ "time_limit_exceeded", B(V_AC) | B(V_TLE), B(V_TLE) },
	{ "run_time_error", B(V_AC) | RTE, RTE },
	{ "brute_force", B(V_AC) | RTE | B(V_TLE), RTE | B(V_TLE) },
};

static bool expects_any(const struct submeta_expect *e)
{
	return e->permitted != SUBMETA_ANY || e->required != SUBMETA_ANY || e->has_score ||
	       e->message || e->use != SUBMETA_USE_UNSET;
}

/* A default folder's rule: what the file's key for it leaves out, from the defaults. */
static void inherit(struct submeta_rule *r)
{
	for (size_t i = 0; i < ARRAY_SIZE(folders); i++) {
		if (strcmp(r->glob, folders[i].dir))
			continue;
		if (r->expect[0].permitted == SUBMETA_ANY)
			r->expect[0].permitted = folders[i].permitted;
		if (r->expect[0].required == SUBMETA_ANY)
			r->expect[0].required = folders[i].required;
	}
}

static int verdict_word(const char *w)
{
	int v;

	if (!strcasecmp(w, "RTE"))
		return RTE;
	v = verdict_from_name(w);
	return v >= 0 && v != V_OK ? B(v) : -1;
}

static int read_verdicts(struct sy_ctx *y, const char *key, const yaml_node_t *v, int *out)
{
	const char *s = scalar(v);

	*out = 0;
	if (s) {	/* one verdict alone */
		int b = verdict_word(s);

		if (b < 0)
			return sy_fail(y, key, v, "unknown verdict '%s' (AC, WA, TLE, RTE)", s);
		*out = b;
		return 0;
	}
	if (v->type != YAML_SEQUENCE_NODE)
		return sy_fail(y, key, v, "expected a list of verdicts such as [AC, WA]");
	for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		const yaml_node_t *e = yaml_document_get_node(y->doc, *it);
		const char *w = scalar(e);
		int b = w ? verdict_word(w) : -1;

		if (b < 0)
			return sy_fail(y, key, e, "unknown verdict '%s' (AC, WA, TLE, RTE)", w ? w : "?");
		*out |= b;
	}
	if (!*out)
		return sy_fail(y, key, v, "lists no verdict");
	return 0;
}

static bool number(const char *s, double *v)
{
	char *end;

	if (!s)
		return false;
	errno = 0;
	*v = strtod(s, &end);
	return end != s && !*end && !errno && isfinite(*v);
}

static int read_score(struct sy_ctx *y, const yaml_node_t *v, struct submeta_expect *e)
{
	const yaml_node_t *a, *b;

	e->has_score = true;
	if (number(scalar(v), &e->score_lo)) {
		e->score_hi = e->score_lo;
		return 0;
	}
	if (v->type != YAML_SEQUENCE_NODE || v->data.sequence.items.top - v->data.sequence.items.start != 2)
		return sy_fail(y, "score", v, "expected a number or [low, high]");
	a = yaml_document_get_node(y->doc, v->data.sequence.items.start[0]);
	b = yaml_document_get_node(y->doc, v->data.sequence.items.start[1]);
	if (!number(scalar(a), &e->score_lo) || !number(scalar(b), &e->score_hi) ||
	    e->score_lo > e->score_hi)
		return sy_fail(y, "score", v, "expected a number or [low, high] with low <= high");
	return 0;
}

/* Where a mapping's use_for_time_limit and required values are, for errors about them. */
struct expect_at {
	const yaml_node_t *use, *required;
};

/* YAML 1.1 and 1.2 booleans, as a YAML loader reads them */
static bool yaml_bool(const char *s, bool *b)
{
	static const char *const yes[] = { "true", "True", "TRUE", "yes", "Yes", "on", "On" };
	static const char *const no[] = { "false", "False", "FALSE", "no", "No", "off", "Off" };

	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		if (!strcmp(s, yes[i]))
			return (*b = true);
		if (!strcmp(s, no[i]))
			return !(*b = false);
	}
	return false;
}

/*
 * false opts out; lower and upper opt in.  true is read as lower: the
 * format leaves it undefined, and an accepted submission is the usual case.
 */
static int read_use(struct sy_ctx *y, const yaml_node_t *v, struct submeta_expect *e,
		    struct expect_at *at)
{
	const char *s = scalar(v);
	bool b;

	at->use = v;
	if (s && yaml_bool(s, &b))
		e->use = b ? SUBMETA_USE_LOWER : SUBMETA_USE_FALSE;
	else if (s && !strcmp(s, "lower"))
		e->use = SUBMETA_USE_LOWER;
	else if (s && !strcmp(s, "upper"))
		e->use = SUBMETA_USE_UPPER;
	else
		return sy_fail(y, "use_for_time_limit", v, "expected false, lower or upper");
	return 0;
}

#define ALL_VERDICTS (B(V_AC) | B(V_WA) | B(V_TLE) | RTE | B(V_CE))

/*
 * Once a mapping is read: lower stands for permitted [AC, WA, RTE] and
 * upper for required [TLE] (2025-09), an error when the mapping says
 * otherwise; and permitted and required must share a verdict.
 */
static int settle(struct sy_ctx *y, struct submeta_expect *e, const struct expect_at *at,
		  const yaml_node_t *map)
{
	const yaml_node_t *use_at = at->use ? at->use : map;

	if (e->use == SUBMETA_USE_LOWER) {
		if (e->permitted == SUBMETA_ANY)
			e->permitted = ALL_VERDICTS & ~B(V_TLE);
		else if (e->permitted & B(V_TLE))
			return sy_fail(y, "use_for_time_limit", use_at,
				       "lower cannot go with a permitted list that holds TLE");
	} else if (e->use == SUBMETA_USE_UPPER) {
		if (e->required == SUBMETA_ANY)
			e->required = B(V_TLE);
		else if (e->required != B(V_TLE))
			return sy_fail(y, "use_for_time_limit", use_at,
				       "upper needs required [TLE], not another list");
		if (e->permitted != SUBMETA_ANY && !(e->permitted & B(V_TLE)))
			return sy_fail(y, "use_for_time_limit", use_at,
				       "upper cannot go with a permitted list without TLE");
	}
	if (e->permitted != SUBMETA_ANY && e->required != SUBMETA_ANY && !(e->permitted & e->required))
		return sy_fail(y, "required", at->required ? at->required : map,
			       "no verdict is both permitted and required");
	return 0;
}

/* permitted, required, score, message (and use_for_time_limit) of one mapping. */
static int read_expect_key(struct sy_ctx *y, const char *k, const yaml_node_t *v,
			   struct submeta_expect *e, struct expect_at *at, bool *set)
{
	*set = true;
	if (!strcmp(k, "permitted"))
		return read_verdicts(y, k, v, &e->permitted);
	if (!strcmp(k, "required")) {
		at->required = v;
		return read_verdicts(y, k, v, &e->required);
	}
	if (!strcmp(k, "score"))
		return read_score(y, v, e);
	if (!strcmp(k, "message")) {
		if (!scalar(v))
			return sy_fail(y, k, v, "expected a string");
		free(e->message);
		e->message = xstrdup(scalar(v));
		return 0;
	}
	if (!strcmp(k, "use_for_time_limit"))
		return read_use(y, v, e, at);
	*set = false;
	return 0;
}

static struct submeta_expect *add_expect(struct submeta_rule *r, const char *tests)
{
	struct submeta_expect *e;

	r->expect = xrealloc(r->expect, (r->n_expect + 1) * sizeof(*r->expect));
	e = &r->expect[r->n_expect++];
	memset(e, 0, sizeof(*e));
	e->tests = tests ? xstrdup(tests) : NULL;
	e->permitted = e->required = SUBMETA_ANY;
	return e;
}

/* A test glob: relative to data/, so it starts at sample, secret or a wildcard. */
static bool test_glob(const char *k)
{
	return !strncmp(k, "sample", 6) || !strncmp(k, "secret", 6) || k[0] == '*' || k[0] == '{';
}

static int read_rule(struct sy_ctx *y, const char *glob, const yaml_node_t *key,
		     const yaml_node_t *map, struct submeta_rule *r)
{
	struct expect_at at = { NULL, NULL };

	memset(r, 0, sizeof(*r));
	r->glob = xstrdup(glob);
	for (size_t i = 0; i < ARRAY_SIZE(folders); i++)
		r->folder |= !strcmp(glob, folders[i].dir);
	if (refuse_glob(y, glob, key) < 0)
		return -1;
	if (map->type != YAML_MAPPING_NODE)
		return sy_fail(y, glob, map, "expected a mapping (permitted, required, score, ...)");
	add_expect(r, NULL);
	for (yaml_node_pair_t *pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top; pr++) {
		const yaml_node_t *kn = yaml_document_get_node(y->doc, pr->key);
		const yaml_node_t *v = yaml_document_get_node(y->doc, pr->value);
		const char *k = scalar(kn);
		bool set;

		if (!k)
			return sy_fail(y, glob, kn, "expected a key");
		if (read_expect_key(y, k, v, &r->expect[0], &at, &set) < 0)
			return -1;
		if (set)
			continue;
		if (!strcmp(k, "language") || !strcmp(k, "entrypoint")) {
			char **to = k[0] == 'l' ? &r->language : &r->entry;

			if (!scalar(v))
				return sy_fail(y, k, v, "expected a string");
			free(*to);
			*to = xstrdup(scalar(v));
		} else if (!strcmp(k, "authors") || !strcmp(k, "author") || !strcmp(k, "model_solution")) {
			continue;	/* about people and publishing, not judging */
		} else if (test_glob(k)) {
			struct submeta_expect *e = add_expect(r, k);
			struct expect_at group_at = { NULL, NULL };

			if (refuse_glob(y, k, kn) < 0)
				return -1;
			if (v->type != YAML_MAPPING_NODE)
				return sy_fail(y, k, v, "expected a mapping (permitted, required, score, message)");
			for (yaml_node_pair_t *q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
				const yaml_node_t *kk = yaml_document_get_node(y->doc, q->key);
				const char *ks = scalar(kk);

				if (!ks)
					return sy_fail(y, k, kk, "expected a key");
				if (read_expect_key(y, ks, yaml_document_get_node(y->doc, q->value), e,
						    &group_at, &set) < 0)
					return -1;
				if (!set)
					return sy_fail(y, ks, kk, "unknown key (permitted, required, score, "
						       "message, use_for_time_limit)");
			}
			if (settle(y, e, &group_at, v) < 0)
				return -1;
		} else {
			return sy_fail(y, k, kn, "unknown key (language, entrypoint, permitted, required, "
				       "score, message, use_for_time_limit, or a test group such as secret/group1)");
		}
	}
	/*
	 * A default folder's key inherits what it leaves out (2025-09 "Default
	 * directories"); one that only names a language or entry point leaves
	 * the folder's rule as it is.
	 */
	r->replaces = r->folder && expects_any(&r->expect[0]);
	if (r->replaces)
		inherit(r);
	return settle(y, &r->expect[0], &at, map);
}

static int load_yaml(const char *root, struct submeta *m, struct jerr *err)
{
	char *file = xasprintf("%s/submissions/submissions.yaml", root), *text;
	struct sy_ctx y = { file, NULL, err };
	yaml_document_t doc;
	yaml_node_t *top;
	size_t len;
	int r = util_read_optional(file, &text, &len, err);
	if (r <= 0 || yaml_load_doc(file, text, len, &doc, err) < 0) {
		free(text);
		free(file);
		return r <= 0 ? r : -1;
	}
	r = 0;
	y.doc = &doc;
	top = yaml_document_get_root_node(&doc);
	if (top && top->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *pr = top->data.mapping.pairs.start;
		     pr < top->data.mapping.pairs.top && r == 0; pr++) {
			const yaml_node_t *kn = yaml_document_get_node(&doc, pr->key);
			const char *k = scalar(kn);

			if (!k) {
				r = sy_fail(&y, "", kn, "expected a submission glob such as accepted/*.py");
				break;
			}
			m->rules = xrealloc(m->rules, (m->n_rules + 1) * sizeof(*m->rules));
			r = read_rule(&y, k, kn, yaml_document_get_node(&doc, pr->value),
				      &m->rules[m->n_rules++]);
		}
	} else if (top && !(top->type == YAML_SCALAR_NODE && !top->data.scalar.length)) {
		r = sy_fail(&y, "", top, "expected a mapping from submission globs to their expectations");
	}
	yaml_document_delete(&doc);
	free(text);
	free(file);
	return r;
}

void submeta_defaults(struct submeta *m, bool format_2023)
{
	for (size_t i = 0; i < ARRAY_SIZE(folders); i++) {
		struct submeta_rule *r;
		bool given = false;

		if (!format_2023 && strcmp(folders[i].dir, "brute_force"))
			continue;
		for (size_t k = 0; k < m->n_rules; k++)
			given |= m->rules[k].folder && !strcmp(m->rules[k].glob, folders[i].dir) &&
				 expects_any(&m->rules[k].expect[0]);
		if (given)
			continue;
		m->rules = xrealloc(m->rules, (m->n_rules + 1) * sizeof(*m->rules));
		r = &m->rules[m->n_rules++];
		memset(r, 0, sizeof(*r));
		r->glob = xstrdup(folders[i].dir);
		r->folder = r->builtin = r->replaces = true;
		add_expect(r, NULL);
		inherit(r);
	}
}

int submeta_load(const char *root, bool format_2023, struct submeta *m, struct jerr *err)
{
	memset(m, 0, sizeof(*m));
	if (load_json(root, m, err) < 0 || load_yaml(root, m, err) < 0) {
		submeta_free(m);
		return -1;
	}
	submeta_defaults(m, format_2023);
	return 0;
}

void submeta_free(struct submeta *m)
{
	strlist_free(&m->dj_path);
	strlist_free(&m->dj_entry);
	strlist_free(&m->dj_lang);
	for (size_t i = 0; i < m->n_rules; i++) {
		struct submeta_rule *r = &m->rules[i];

		for (size_t k = 0; k < r->n_expect; k++) {
			free(r->expect[k].tests);
			free(r->expect[k].message);
		}
		free(r->expect);
		free(r->glob);
		free(r->language);
		free(r->entry);
	}
	free(m->rules);
	memset(m, 0, sizeof(*m));
}

/* ==== Lookups ==== */

static const char *dj_field(const struct submeta *m, const struct strlist *field, const char *rel)
{
	for (size_t i = 0; i < m->dj_path.n; i++)
		if (!strcmp(m->dj_path.v[i], rel) && field->v[i][0])
			return field->v[i];
	return NULL;
}

static const char *yaml_field(const struct submeta *m, const char *rel, bool entry)
{
	const char *found = NULL;

	for (size_t i = 0; i < m->n_rules; i++) {
		const char *f = entry ? m->rules[i].entry : m->rules[i].language;

		if (f && submeta_glob_match(m->rules[i].glob, rel))
			found = f;
	}
	return found;
}

const char *submeta_entry(const struct submeta *m, const char *rel)
{
	const char *f = dj_field(m, &m->dj_entry, rel);

	return f ? f : yaml_field(m, rel, true);
}

const char *submeta_language(const struct submeta *m, const char *rel)
{
	const char *f = dj_field(m, &m->dj_lang, rel);

	return f ? f : yaml_field(m, rel, false);
}

/* A rule that only names a language or an entry point expects nothing. */
static bool expects(const struct submeta_rule *r)
{
	for (size_t k = 0; k < r->n_expect; k++) {
		const struct submeta_expect *e = &r->expect[k];

		if (e->permitted != SUBMETA_ANY || e->required != SUBMETA_ANY || e->has_score || e->message)
			return true;
	}
	return false;
}

size_t submeta_rules_for(const struct submeta *m, const char *rel,
			 const struct submeta_rule **rules, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < m->n_rules && n < max; i++)
		if (expects(&m->rules[i]) && submeta_glob_match(m->rules[i].glob, rel))
			rules[n++] = &m->rules[i];
	return n;
}

/* ==== Checking ==== */

/* "AC,RTE": the verdicts of a set, Kattis's RTE for all four run-time errors. */
static void set_text(int set, char *buf, size_t len)
{
	size_t k;

	if (set == SUBMETA_ANY) {
		snprintf(buf, len, "any");
		return;
	}
	expect_text(set & ~((set & RTE) == RTE ? RTE : 0), buf, len);
	k = strlen(buf);
	if ((set & RTE) == RTE && k < len)
		snprintf(buf + k, len - k, "%sRTE", k ? "," : "");
}

static bool score_in(const struct submeta_expect *e, double s, const char *group, char *why,
		     size_t len)
{
	const char *in = group ? " for " : "";

	if (s >= e->score_lo - 1e-6 * fmax(1, fabs(e->score_lo)) &&
	    s <= e->score_hi + 1e-6 * fmax(1, fabs(e->score_hi)))
		return true;
	if (e->score_lo == e->score_hi)
		snprintf(why, len, "score %g%s%s, expected %g", s, in, group ? group : "", e->score_lo);
	else
		snprintf(why, len, "score %g%s%s, expected %g to %g", s, in, group ? group : "", e->score_lo,
			 e->score_hi);
	return false;
}

static bool met_one(const struct submeta_expect *e, const struct submeta_test *t, size_t n,
		    bool scored, double score, const struct submeta_group *groups, size_t n_groups,
		    char *why, size_t len)
{
	bool any_required = false, any_message = false, any_test = false;
	char set[64];

	for (size_t i = 0; i < n; i++) {
		if (e->tests && !submeta_glob_match(e->tests, t[i].name))
			continue;
		any_test = true;
		if (e->permitted != SUBMETA_ANY && !((e->permitted >> t[i].verdict) & 1)) {
			set_text(e->permitted, set, sizeof(set));
			snprintf(why, len, "%s on %s, permitted %s", verdict_name(t[i].verdict), t[i].name,
				 set);
			return false;
		}
		any_required |= e->required == SUBMETA_ANY || ((e->required >> t[i].verdict) & 1);
		any_message |= e->message && t[i].message && strstr(t[i].message, e->message);
	}
	if (!any_test && e->tests) {
		snprintf(why, len, "no test matches %s", e->tests);
		return false;
	}
	if (!any_required) {
		set_text(e->required, set, sizeof(set));
		snprintf(why, len, "no test%s%s got %s (required)", e->tests ? " in " : "",
			 e->tests ? e->tests : "", set);
		return false;
	}
	if (e->message && !any_message) {
		snprintf(why, len, "no judge message holds \"%s\"", e->message);
		return false;
	}
	if (e->has_score) {
		double s = score;
		bool have = scored && !e->tests;

		/* under a group glob: every group it names itself (not the groups inside them) */
		for (size_t g = 0; e->tests && g < n_groups; g++) {
			if (!submeta_group_match(e->tests, groups[g].name))
				continue;
			have = true;
			if (!score_in(e, groups[g].score, groups[g].name, why, len))
				return false;
		}
		if (!have) {
			snprintf(why, len, "no score%s%s to compare", e->tests ? " for group " : "",
				 e->tests ? e->tests : "");
			return false;
		}
		if (!e->tests && !score_in(e, s, NULL, why, len))
			return false;
	}
	return true;
}

bool submeta_met(const struct submeta_rule *r, const struct submeta_test *tests, size_t n,
		 bool scored, double score, const struct submeta_group *groups, size_t n_groups,
		 char *why, size_t len)
{
	for (size_t k = 0; k < r->n_expect; k++)
		if (!met_one(&r->expect[k], tests, n, scored, score, groups, n_groups, why, len))
			return false;
	return true;
}

void submeta_text(const struct submeta_rule *r, char *buf, size_t len)
{
	const struct submeta_expect *e = &r->expect[0];
	size_t k = 0;
	char set[64];

	buf[0] = '\0';
	if (e->permitted != SUBMETA_ANY && k < len) {
		set_text(e->permitted, set, sizeof(set));
		k += (size_t)snprintf(buf + k, len - k, "only %s", set);
	}
	if (e->required != SUBMETA_ANY && k < len) {
		set_text(e->required, set, sizeof(set));
		k += (size_t)snprintf(buf + k, len - k, "%ssome %s", k ? ", " : "", set);
	}
	if (e->has_score && k < len)
		k += (size_t)snprintf(buf + k, len - k, "%sscore %g", k ? ", " : "", e->score_lo);
	if (r->n_expect > 1 && k < len)
		snprintf(buf + k, len - k, "%s+%zu group rule%s", k ? ", " : "", r->n_expect - 1,
			 r->n_expect > 2 ? "s" : "");
}

/* ==== Time-limit bounds ==== */

enum submeta_bound submeta_bound(const struct submeta_expect *e)
{
	if (e->use == SUBMETA_USE_FALSE)
		return SUBMETA_BOUND_NONE;
	if (e->use == SUBMETA_USE_UPPER || e->required == B(V_TLE))
		return SUBMETA_BOUND_UPPER;
	if (e->use == SUBMETA_USE_LOWER || (e->permitted != SUBMETA_ANY && !(e->permitted & B(V_TLE))))
		return SUBMETA_BOUND_LOWER;
	return SUBMETA_BOUND_NONE;
}

int64_t submeta_slowest_ms(const struct submeta_expect *e, const struct submeta_test *tests, size_t n)
{
	int64_t slowest = -1;

	for (size_t i = 0; i < n; i++)
		if (tests[i].cpu_ms > slowest && (!e->tests || submeta_glob_match(e->tests, tests[i].name)))
			slowest = tests[i].cpu_ms;
	return slowest;
}
