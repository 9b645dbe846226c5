#include "policyload.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errnames.h"
#include "jsonpos.h"
#include "rulekinds.h"

/*
 * What each key of one policy file means (SPEC §4): its type, its range, and
 * how it merges into what the files it extends have already set.  Every
 * error names the JSON path of the bad value; jsonpos.c finds its line and
 * column in the file's text.
 */

#define LIMIT_MAX 65536		/* processes, threads */

static const char *closest(const char *name, const char *const *cands, size_t n)
{
	int i = util_closest(name, cands, n);

	return i < 0 ? NULL : cands[i];
}

/*** Errors ***/

int policy_fail_at(struct file_ctx *f, const char *path, bool at_key, const char *fmt, ...)
{
	char msg[sizeof(f->ld->err->msg)];
	struct jsonpos pos;
	va_list ap;
	int r;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	jerr_set(f->ld->err, f->path, path, "%s", msg);
	r = at_key ? jsonpos_key(f->text, f->len, path, &pos)
		   : jsonpos_value(f->text, f->len, path, &pos);
	if (r == 0) {
		f->ld->err->line = pos.line;
		f->ld->err->col = pos.col;
	}
	return -1;
}

#define fail(f, path, ...)	policy_fail_at(f, path, false, __VA_ARGS__)
#define fail_key(f, path, ...)	policy_fail_at(f, path, true, __VA_ARGS__)

/* Builds "base.key" / "base[i]" in a fixed buffer the size of jerr.key. */
struct jpath {
	char s[sizeof(((struct jerr *)0)->key)];
};

static struct jpath jp_key(const char *base, const char *key)
{
	struct jpath p;

	snprintf(p.s, sizeof(p.s), "%s", base);
	jsonpos_append_key(p.s, sizeof(p.s), key);
	return p;
}

static struct jpath jp_index(const char *base, size_t i)
{
	struct jpath p;

	snprintf(p.s, sizeof(p.s), "%s", base);
	jsonpos_append_index(p.s, sizeof(p.s), i);
	return p;
}

int policy_check_keys(struct file_ctx *f, json_t *obj, const char *base,
		      const char *const *known, size_t n_known)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v) {
		const char *near;
		size_t i;

		for (i = 0; i < n_known; i++)
			if (strcmp(key, known[i]) == 0)
				break;
		if (i < n_known)
			continue;
		near = closest(key, known, n_known);
		if (near)
			return fail_key(f, jp_key(base, key).s,
					"unknown key (did you mean \"%s\"?)", near);
		return fail_key(f, jp_key(base, key).s, "unknown key");
	}
	return 0;
}

/*** Typed values ***/

int policy_want_string(struct file_ctx *f, json_t *v, const char *path, const char **out)
{
	if (!json_is_string(v))
		return fail(f, path, "expected a string");
	*out = json_string_value(v);
	return 0;
}

static int want_string_array(struct file_ctx *f, json_t *v, const char *path)
{
	size_t i;
	json_t *e;

	if (!json_is_array(v))
		return fail(f, path, "expected an array of strings");
	json_array_foreach(v, i, e)
		if (!json_is_string(e))
			return fail(f, jp_index(path, i).s, "expected a string");
	return 0;
}

static int want_string_object(struct file_ctx *f, json_t *v, const char *path)
{
	const char *k;
	json_t *e;

	if (!json_is_object(v))
		return fail(f, path, "expected an object of strings");
	json_object_foreach(v, k, e)
		if (!json_is_string(e))
			return fail(f, jp_key(path, k).s, "expected a string");
	return 0;
}

static int want_int(struct file_ctx *f, json_t *v, const char *path, long long lo,
		    long long hi, long long *out)
{
	long long x;

	if (!json_is_integer(v))
		return fail(f, path, "expected an integer");
	x = json_integer_value(v);
	if (x < lo || x > hi)
		return fail(f, path, "must be between %lld and %lld", lo, hi);
	*out = x;
	return 0;
}

/* "kill" or an errno name, for "default" and "files.deny". */
static int want_deny(struct file_ctx *f, json_t *v, const char *path, struct deny_action *out)
{
	const char *s = NULL, *near;
	int e;

	if (policy_want_string(f, v, path, &s) < 0)
		return -1;
	if (strcmp(s, "kill") == 0) {
		out->kill = true;
		out->err = 0;
		return 0;
	}
	e = policy_errno_from_name(s);
	if (e > 0) {
		out->kill = false;
		out->err = e;
		return 0;
	}
	near = policy_errno_closest(s);
	if (near)
		return fail(f, path, "expected \"kill\" or an errno name (did you mean \"%s\"?)",
			    near);
	return fail(f, path, "expected \"kill\" or an errno name such as \"EACCES\"");
}

static const char *const placeholders[] = { "source", "sources", "exe", "dir", "stem", "memory_mb",
					     "tmp" };

/*
 * Only "{word}" with a lowercase word is taken for a placeholder, so other
 * braces in an argument pass through; a misspelt one would otherwise reach
 * the program as literal text.  {tmp} exists only while a run does, which
 * its command line is written before: env and files may name it (tmp_ok),
 * compile and run may not.
 */
static int check_placeholders(struct file_ctx *f, const char *s, const char *path, bool tmp_ok)
{
	for (const char *p = strchr(s, '{'); p; p = strchr(p + 1, '{')) {
		size_t n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz_");
		bool ok = false;

		if (n == 0 || p[1 + n] != '}')
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(placeholders); i++)
			if (strlen(placeholders[i]) == n && strncmp(p + 1, placeholders[i], n) == 0)
				ok = true;
		if (!ok)
			return fail(f, path, "unknown placeholder {%.*s} (known: {source} {sources} {exe} "
				    "{dir} {stem} {memory_mb} {tmp})", (int)n, p + 1);
		if (!tmp_ok && n == 3 && strncmp(p + 1, "tmp", 3) == 0)
			return fail(f, path, "{tmp} can be named only in env and files: it is made "
				    "for each run, after the command line");
	}
	return 0;
}

/*** Syscall lists ***/

/* Whether `name` exists in some ABI of the file; an error otherwise. */
static int check_sys_name(struct file_ctx *f, const char *name, const char *path, bool at_key)
{
	const struct policy *p = f->ld->p;
	const char *near, *other = NULL;
	char listed[64] = "";

	if (!name[0])
		return policy_fail_at(f, path, at_key, "empty syscall name");
	for (int a = 0; a < ABI_COUNT; a++) {
		if (syscalls_lookup(a, name) < 0)
			continue;
		if (p->abis[a])
			return 0;
		other = abi_name(a);
	}
	if (other) {
		for (int a = 0; a < ABI_COUNT; a++)
			if (p->abis[a])
				snprintf(listed + strlen(listed), sizeof(listed) - strlen(listed),
					 "%s%s", listed[0] ? ", " : "", abi_name(a));
		return policy_fail_at(f, path, at_key, "\"%s\" is not a syscall of %s (it is one of %s; "
			       "add that to \"abis\")", name, listed, other);
	}
	near = syscalls_closest(name);
	if (near)
		return policy_fail_at(f, path, at_key, "unknown syscall \"%s\" (did you mean \"%s\"?)",
			       name, near);
	return policy_fail_at(f, path, at_key, "unknown syscall \"%s\"", name);
}

/* FNV-1a: the names are short and few; any spread will do. */
static size_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/*
 * The index of `name` among the n records of `base` (each `stride` bytes,
 * starting with its name), or n.  With `add`, a name not there is entered as
 * index n, which the caller then fills in.
 */
static size_t index_find(struct name_index *ix, const void *base, size_t stride, size_t n,
			 const char *name, bool add)
{
	size_t i;

	if (add && 2 * (n + 1) > ix->cap) {
		struct name_index grown = { xcalloc(ix->cap ? 2 * ix->cap : 256, sizeof(uint32_t)),
					    ix->cap ? 2 * ix->cap : 256 };

		for (size_t k = 0; k < ix->cap; k++) {
			const char *old;

			if (!ix->slot[k])
				continue;
			old = *(const char *const *)((const char *)base + (ix->slot[k] - 1) * stride);
			for (i = name_hash(old) & (grown.cap - 1); grown.slot[i];
			     i = (i + 1) & (grown.cap - 1))
				;
			grown.slot[i] = ix->slot[k];
		}
		free(ix->slot);
		*ix = grown;
	}
	if (!ix->cap)
		return n;
	for (i = name_hash(name) & (ix->cap - 1); ix->slot[i]; i = (i + 1) & (ix->cap - 1)) {
		size_t at = ix->slot[i] - 1;

		if (strcmp(*(const char *const *)((const char *)base + at * stride), name) == 0)
			return at;
	}
	if (add)
		ix->slot[i] = (uint32_t)n + 1;
	return n;
}

/*
 * Records `name` under `list` for the current file, rejecting a name the
 * file already listed: one file saying both "allow" and "deny" is a mistake,
 * whereas a child overriding its parent is the point of "extends".
 */
static int add_sys(struct file_ctx *f, const char *name, const char *list, const char *path,
		   bool at_key, struct sys_entry e)
{
	struct loader *ld = f->ld;
	size_t i;

	if (check_sys_name(f, name, path, at_key) < 0)
		return -1;
	i = index_find(&f->seen_index, f->seen, sizeof(*f->seen), f->n_seen, name, false);
	if (i < f->n_seen) {
		if (strcmp(f->seen[i].list, list) == 0)
			return policy_fail_at(f, path, at_key, "\"%s\" is listed twice in %s", name, list);
		return policy_fail_at(f, path, at_key, "\"%s\" is listed in both %s and %s", name,
			       f->seen[i].list, list);
	}
	/* grown by half each time: one realloc per name copied the array over fresh pages */
	if (f->n_seen == f->cap_seen) {
		f->cap_seen = f->cap_seen ? f->cap_seen * 3 / 2 : 64;
		f->seen = xrealloc(f->seen, f->cap_seen * sizeof(*f->seen));
	}
	f->seen[f->n_seen] = (struct seen_sys){ name, list };
	index_find(&f->seen_index, f->seen, sizeof(*f->seen), f->n_seen, name, true);
	f->n_seen++;

	i = index_find(&ld->sys_index, ld->sys, sizeof(*ld->sys), ld->n_sys, name, false);
	if (i == ld->n_sys) {
		if (ld->n_sys == ld->cap_sys) {
			ld->cap_sys = ld->cap_sys ? ld->cap_sys * 3 / 2 : 64;
			ld->sys = xrealloc(ld->sys, ld->cap_sys * sizeof(*ld->sys));
		}
		ld->sys[i].name = xstrdup(name);
		index_find(&ld->sys_index, ld->sys, sizeof(*ld->sys), ld->n_sys, name, true);
		ld->n_sys++;
	}
	ld->sys[i].e = e;
	return 0;
}

static int parse_sys_array(struct file_ctx *f, json_t *v, const char *key, enum sys_action act)
{
	struct sys_entry e = { .action = act };
	size_t i;
	json_t *name;

	if (want_string_array(f, v, key) < 0)
		return -1;
	json_array_foreach(v, i, name)
		if (add_sys(f, json_string_value(name), key, jp_index(key, i).s, false, e) < 0)
			return -1;
	return 0;
}

/* An errno name ("ENOTTY") at path: its value in *out, or a message naming the closest. */
static int want_errno(struct file_ctx *f, json_t *v, const char *path, int *out)
{
	const char *s = NULL, *near;

	if (policy_want_string(f, v, path, &s) < 0)
		return -1;
	*out = policy_errno_from_name(s);
	if (*out >= 0)
		return 0;
	near = policy_errno_closest(s);
	if (near)
		return fail(f, path, "unknown errno name \"%s\" (did you mean \"%s\"?)", s, near);
	return fail(f, path, "unknown errno name \"%s\"", s);
}

static int parse_errno(struct file_ctx *f, json_t *v)
{
	const char *name;
	json_t *val;

	if (!json_is_object(v))
		return fail(f, "errno", "expected an object of syscall: errno name");
	json_object_foreach(v, name, val) {
		struct jpath path = jp_key("errno", name);
		int e;

		if (want_errno(f, val, path.s, &e) < 0)
			return -1;
		if (add_sys(f, name, "errno", path.s, true,
			    (struct sys_entry){ .action = SYS_ERRNO, .err = e }) < 0)
			return -1;
	}
	return 0;
}

/* A number for "mask": an integer, or a hex string because masks read better so. */
static int want_mask(struct file_ctx *f, json_t *v, const char *path, uint64_t *out)
{
	const char *s = NULL;

	if (json_is_integer(v)) {
		if (json_integer_value(v) < 0)
			return fail(f, path, "must not be negative");
		*out = (uint64_t)json_integer_value(v);
		return 0;
	}
	if (!json_is_string(v))
		return fail(f, path, "expected an integer or a hex string \"0x...\"");
	s = json_string_value(v);
	if ((s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) || !s[2] ||
	    strspn(s + 2, "0123456789abcdefABCDEF") != strlen(s + 2) || strlen(s + 2) > 16)
		return fail(f, path, "expected an integer or a hex string \"0x...\" of at "
			    "most 16 digits");
	*out = strtoull(s + 2, NULL, 16);
	return 0;
}

static int parse_arg_rule(struct file_ctx *f, json_t *v, const char *path, int16_t *index)
{
	static const char *const keys[] = { "arg", "in", "mask", "else" };
	struct policy *p = f->ld->p;
	struct arg_rule r = { 0 };
	json_t *arg = json_object_get(v, "arg");
	json_t *in = json_object_get(v, "in");
	json_t *mask = json_object_get(v, "mask");
	json_t *otherwise = json_object_get(v, "else");
	long long x;

	if (policy_check_keys(f, v, path, keys, ARRAY_SIZE(keys)) < 0)
		return -1;
	if (!arg)
		return fail(f, path, "an argument rule needs \"arg\" (0 to 5)");
	if (want_int(f, arg, jp_key(path, "arg").s, 0, 5, &x) < 0)
		return -1;
	r.arg = (int)x;
	if (!in && !mask)
		return fail(f, path, "an argument rule needs \"in\" or \"mask\"");
	if (in) {
		struct jpath ipath = jp_key(path, "in");
		size_t i;
		json_t *e;

		if (!json_is_array(in))
			return fail(f, ipath.s, "expected an array of integers");
		if (json_array_size(in) > ARRAY_SIZE(r.values))
			return fail(f, ipath.s, "at most %zu values", ARRAY_SIZE(r.values));
		json_array_foreach(in, i, e) {
			if (!json_is_integer(e))
				return fail(f, jp_index(ipath.s, i).s, "expected an integer");
			/* negative values are the 64-bit register image: -100 is AT_FDCWD */
			r.values[r.n_values++] = (uint64_t)json_integer_value(e);
		}
	}
	if (mask) {
		if (want_mask(f, mask, jp_key(path, "mask").s, &r.mask) < 0)
			return -1;
		r.has_mask = true;
	}
	if (otherwise && want_errno(f, otherwise, jp_key(path, "else").s, &r.else_err) < 0)
		return -1;
	if (p->n_arg_rules >= INT16_MAX)
		return fail(f, path, "too many argument rules");
	p->arg_rules = xrealloc(p->arg_rules, (p->n_arg_rules + 1) * sizeof(*p->arg_rules));
	p->arg_rules[p->n_arg_rules] = r;
	*index = (int16_t)p->n_arg_rules++;
	return 0;
}

static int parse_rules(struct file_ctx *f, json_t *v)
{
	const char *name;
	json_t *val;

	if (!json_is_object(v))
		return fail(f, "rules", "expected an object of syscall: rule");
	json_object_foreach(v, name, val) {
		struct jpath path = jp_key("rules", name);
		struct sys_entry e = { .action = SYS_RULE };

		/* name first: a rule on a misspelt syscall is best reported as that */
		if (check_sys_name(f, name, path.s, true) < 0)
			return -1;
		if (json_is_string(val)) {
			const char *kind = json_string_value(val);

			e.rule = (uint8_t)rules_kind_from_name(kind);
			if (e.rule == RULE_NONE)
				return fail(f, path.s, "unknown rule \"%s\" (expected \"path\", "
					    "\"exec\", \"clone\", \"self\" or {\"arg\": N, ...})", kind);
			if (!rules_applies(e.rule, name))
				return fail(f, path.s, "a \"%s\" rule cannot apply to %s", kind, name);
		} else if (json_is_object(val)) {
			e.rule = RULE_ARG;
			if (parse_arg_rule(f, val, path.s, &e.arg_rule) < 0)
				return -1;
		} else {
			return fail(f, path.s, "expected a rule name or an {\"arg\": N, ...} object");
		}
		if (add_sys(f, name, "rules", path.s, true, e) < 0)
			return -1;
	}
	return 0;
}

/*** Other keys ***/

static void set_string(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
}

/* Appends what is not there yet: lists merge as ordered unions. */
static void union_into(struct strlist *dst, json_t *arr)
{
	size_t i;
	json_t *e;

	json_array_foreach(arr, i, e)
		if (!strlist_has(dst, json_string_value(e)))
			strlist_push(dst, json_string_value(e));
}

static int parse_argv(struct file_ctx *f, json_t *v, const char *key, struct strlist *dst,
		      bool may_be_empty)
{
	size_t i;
	json_t *e;

	if (want_string_array(f, v, key) < 0)
		return -1;
	if (!may_be_empty && json_array_size(v) == 0)
		return fail(f, key, "must not be empty");
	json_array_foreach(v, i, e)
		if (check_placeholders(f, json_string_value(e), jp_index(key, i).s, false) < 0)
			return -1;
	strlist_free(dst);
	json_array_foreach(v, i, e)
		strlist_push(dst, json_string_value(e));
	return 0;
}

static int parse_extensions(struct file_ctx *f, json_t *v)
{
	size_t i;
	json_t *e;

	if (want_string_array(f, v, "extensions") < 0)
		return -1;
	json_array_foreach(v, i, e) {
		const char *s = json_string_value(e);

		if (!s[0] || strpbrk(s, "./"))
			return fail(f, jp_index("extensions", i).s,
				    "expected an extension without the dot, such as \"c\"");
	}
	union_into(&f->ld->p->extensions, v);
	return 0;
}

static int parse_env(struct file_ctx *f, json_t *v)
{
	struct strlist *env = &f->ld->p->env;
	const char *k;
	json_t *e;

	if (want_string_object(f, v, "env") < 0)
		return -1;
	json_object_foreach(v, k, e) {
		struct jpath path = jp_key("env", k);
		size_t klen = strlen(k), i;
		char *kv;

		if (!k[0] || strchr(k, '='))
			return fail_key(f, path.s, "an environment variable name must be "
					"non-empty and without '='");
		if (check_placeholders(f, json_string_value(e), path.s, true) < 0)
			return -1;
		kv = xasprintf("%s=%s", k, json_string_value(e));
		for (i = 0; i < env->n; i++)
			if (strncmp(env->v[i], k, klen) == 0 && env->v[i][klen] == '=')
				break;
		if (i < env->n) {
			free(env->v[i]);
			env->v[i] = kv;
		} else {
			strlist_push(env, kv);
			free(kv);
		}
	}
	return 0;
}

int policy_parse_abis(struct file_ctx *f, json_t *v)
{
	bool abis[ABI_COUNT] = { false };
	size_t i;
	json_t *e;

	if (want_string_array(f, v, "abis") < 0)
		return -1;
	if (json_array_size(v) == 0)
		return fail(f, "abis", "must name at least one ABI");
	json_array_foreach(v, i, e) {
		int a = abi_from_name(json_string_value(e));

		if (a < 0)
			return fail(f, jp_index("abis", i).s, "unknown ABI \"%s\" (expected "
				    "\"x86_64\", \"i386\" or \"x32\")", json_string_value(e));
		abis[a] = true;
	}
	memcpy(f->ld->p->abis, abis, sizeof(abis));
	return 0;
}

/*
 * A files entry is matched as a prefix, so it must be anchored: an absolute
 * path, "{dir}/...", "{tmp}/..." or exactly "{exe}" / "{source}".  "{dir}"
 * alone would also match "{dir}2", and "." or ".." components would let a
 * prefix reach out of its directory.
 */
static int check_file_entry(struct file_ctx *f, const char *s, const char *path)
{
	const char *rest;

	if (strcmp(s, "{exe}") == 0 || strcmp(s, "{source}") == 0)
		return 0;
	if (strncmp(s, "{dir}/", 6) == 0 || strncmp(s, "{tmp}/", 6) == 0)
		rest = s + 5;
	else if (s[0] == '/')
		rest = s;
	else
		return fail(f, path, "expected an absolute path or one starting with {dir}/ or {tmp}/");
	/* every absolute path starts with "/": as a prefix it would be the whole host */
	if (strcmp(s, "/") == 0)
		return fail(f, path, "\"/\" would match every path; name the files or "
			    "directories themselves");
	for (const char *c = rest; *c; c++) {
		size_t n;

		if (*c != '/')
			continue;
		n = strcspn(c + 1, "/");
		if ((n == 0 && c[1]) || (n == 1 && c[1] == '.') ||
		    (n == 2 && c[1] == '.' && c[2] == '.'))
			return fail(f, path, "a path with an empty, \".\" or \"..\" component "
				    "cannot be matched as a prefix");
	}
	return check_placeholders(f, s, path, true);
}

static int parse_files(struct file_ctx *f, json_t *v)
{
	static const char *const keys[] = { "read", "write", "exec", "deny" };
	struct policy *p = f->ld->p;
	struct strlist *lists[] = { &p->files_read, &p->files_write, &p->files_exec };
	json_t *d;

	if (!json_is_object(v))
		return fail(f, "files", "expected an object");
	if (policy_check_keys(f, v, "files", keys, ARRAY_SIZE(keys)) < 0)
		return -1;
	for (size_t k = 0; k < ARRAY_SIZE(lists); k++) {
		struct jpath path = jp_key("files", keys[k]);
		json_t *arr = json_object_get(v, keys[k]);
		size_t i;
		json_t *e;

		if (!arr)
			continue;
		if (want_string_array(f, arr, path.s) < 0)
			return -1;
		json_array_foreach(arr, i, e)
			if (check_file_entry(f, json_string_value(e), jp_index(path.s, i).s) < 0)
				return -1;
		union_into(lists[k], arr);
	}
	d = json_object_get(v, "deny");
	if (d && want_deny(f, d, "files.deny", &p->files_deny) < 0)
		return -1;
	return 0;
}

static int parse_comments(struct file_ctx *f, json_t *v)
{
	return want_string_object(f, v, "comments");
}

static int parse_scalar(struct file_ctx *f, const char *key, json_t *v)
{
	struct policy *p = f->ld->p;
	const char *s = NULL;
	long long x;

	if (strcmp(key, "description") == 0) {
		if (policy_want_string(f, v, key, &s) < 0)
			return -1;
		set_string(&p->description, s);
	} else if (strcmp(key, "compile_policy") == 0) {
		if (policy_want_string(f, v, key, &s) < 0)
			return -1;
		if (!s[0])
			return fail(f, key, "must not be empty");
		set_string(&p->compile_policy, s);
	} else if (strcmp(key, "default") == 0) {
		return want_deny(f, v, key, &p->default_action);
	} else if (strcmp(key, "processes") == 0) {
		if (want_int(f, v, key, 1, LIMIT_MAX, &x) < 0)
			return -1;
		p->processes = (int)x;
	} else if (strcmp(key, "threads") == 0) {
		if (want_int(f, v, key, 1, LIMIT_MAX, &x) < 0)
			return -1;
		p->threads = (int)x;
	} else if (strcmp(key, "memory_rlimit") == 0) {
		if (policy_want_string(f, v, key, &s) < 0)
			return -1;
		if (strcmp(s, "as") == 0)
			p->mem_rlimit = MEM_RLIMIT_AS;
		else if (strcmp(s, "data") == 0)
			p->mem_rlimit = MEM_RLIMIT_DATA;
		else
			return fail(f, key, "expected \"as\" or \"data\"");
	} else if (strcmp(key, "runtime_memory") == 0) {
		int64_t kib;

		if (policy_want_string(f, v, key, &s) < 0)
			return -1;
		kib = util_parse_kib(s);
		if (kib < 0 || kib > (1LL << 30))
			return fail(f, key, "expected a size like \"128M\"");
		p->runtime_memory_kib = kib;
	} else if (strcmp(key, "memory_exit_code") == 0) {
		if (want_int(f, v, key, 1, 255, &x) < 0)
			return -1;
		p->memory_exit_code = (int)x;
	}
	return 0;
}

int policy_parse_key(struct file_ctx *f, const char *key, json_t *v)
{
	struct policy *p = f->ld->p;

	if (strcmp(key, "allow") == 0)
		return parse_sys_array(f, v, key, SYS_ALLOW);
	if (strcmp(key, "deny") == 0)
		return parse_sys_array(f, v, key, SYS_KILL);
	if (strcmp(key, "errno") == 0)
		return parse_errno(f, v);
	if (strcmp(key, "rules") == 0)
		return parse_rules(f, v);
	if (strcmp(key, "files") == 0)
		return parse_files(f, v);
	if (strcmp(key, "extensions") == 0)
		return parse_extensions(f, v);
	if (strcmp(key, "compile") == 0)
		return parse_argv(f, v, key, &p->compile, true);
	if (strcmp(key, "run") == 0)
		return parse_argv(f, v, key, &p->run, false);
	if (strcmp(key, "env") == 0)
		return parse_env(f, v);
	if (strcmp(key, "comments") == 0)
		return parse_comments(f, v);
	if (strcmp(key, "extends") == 0 || strcmp(key, "abis") == 0)
		return 0;	/* done before everything else */
	return parse_scalar(f, key, v);
}

const char *const policy_top_keys[] = {
	"extends", "description", "comments", "extensions", "compile", "compile_policy",
	"run", "env", "abis", "allow", "deny", "errno", "rules", "default", "files",
	"processes", "threads", "memory_rlimit", "runtime_memory", "memory_exit_code",
};
const size_t policy_n_top_keys = ARRAY_SIZE(policy_top_keys);
