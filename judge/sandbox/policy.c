#include "policy.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jsonpos.h"
#include "rules.h"

/*
 * Theory of operation.  A policy file is parsed whole by jansson (duplicate
 * keys rejected), then checked key by key.  "extends" is followed first, so
 * the parent's merged result is in place before the child's keys are applied
 * on top of it.  Syscalls are merged by name, not number: a child may admit
 * an ABI its parent did not, and the parent's names must then be resolved in
 * that ABI too.  Only when the whole chain is merged are the names turned
 * into (abi, nr) entries.
 *
 * Every error names the file, the JSON path of the bad value and, via
 * jsonpos.c, its line and column in that file's text.
 */

#define EXTENDS_MAX 16		/* chain length; deeper is surely a mistake */
#define LIMIT_MAX 65536		/* processes, threads */

/* One syscall as listed, before it is resolved to numbers. */
struct named_sys {
	char *name;
	struct sys_entry e;
};

struct loader {
	const char *policies_dir;
	struct policy *p;
	struct jerr *err;
	struct named_sys *sys;
	size_t n_sys;
	/* the files being loaded, outermost first: for cycle detection */
	char *chain_real[EXTENDS_MAX];
	const char *chain_shown[EXTENDS_MAX];
	int depth;
};

/* Names listed in the current file, and under which key, for "listed in both". */
struct seen_sys {
	const char *name;	/* points into the file's json */
	const char *list;	/* "allow", "deny", "errno", "rules" */
};

struct file_ctx {
	struct loader *ld;
	const char *path;
	char *text;
	size_t len;
	json_t *root;
	struct seen_sys *seen;
	size_t n_seen;
};

/*** Small lists ***/

void strlist_push(struct strlist *l, const char *s)
{
	/* kept NULL-terminated so that an argv template can go to execve */
	l->v = xrealloc(l->v, (l->n + 2) * sizeof(*l->v));
	l->v[l->n++] = xstrdup(s);
	l->v[l->n] = NULL;
}

void strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static bool strlist_has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

/*** Errno names ***/

static const struct {
	const char *name;
	int err;
} errno_names[] = {
	/* where two names share a value, the first is the one printed */
	{ "EPERM", EPERM }, { "ENOENT", ENOENT }, { "ESRCH", ESRCH },
	{ "EINTR", EINTR }, { "EIO", EIO }, { "ENXIO", ENXIO }, { "E2BIG", E2BIG },
	{ "ENOEXEC", ENOEXEC }, { "EBADF", EBADF }, { "ECHILD", ECHILD },
	{ "EAGAIN", EAGAIN }, { "EWOULDBLOCK", EWOULDBLOCK }, { "ENOMEM", ENOMEM },
	{ "EACCES", EACCES }, { "EFAULT", EFAULT }, { "EBUSY", EBUSY },
	{ "EEXIST", EEXIST }, { "EXDEV", EXDEV }, { "ENODEV", ENODEV },
	{ "ENOTDIR", ENOTDIR }, { "EISDIR", EISDIR }, { "EINVAL", EINVAL },
	{ "ENFILE", ENFILE }, { "EMFILE", EMFILE }, { "ENOTTY", ENOTTY },
	{ "EFBIG", EFBIG }, { "ENOSPC", ENOSPC }, { "ESPIPE", ESPIPE },
	{ "EROFS", EROFS }, { "EMLINK", EMLINK }, { "EPIPE", EPIPE },
	{ "ERANGE", ERANGE }, { "ENAMETOOLONG", ENAMETOOLONG }, { "ENOSYS", ENOSYS },
	{ "ENOTEMPTY", ENOTEMPTY }, { "ELOOP", ELOOP },
	{ "EOPNOTSUPP", EOPNOTSUPP }, { "ENOTSUP", ENOTSUP },
	{ "ENOTSOCK", ENOTSOCK }, { "EAFNOSUPPORT", EAFNOSUPPORT },
	{ "EPROTONOSUPPORT", EPROTONOSUPPORT }, { "EADDRNOTAVAIL", EADDRNOTAVAIL },
	{ "ENETUNREACH", ENETUNREACH }, { "ECONNREFUSED", ECONNREFUSED },
};

int policy_errno_from_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(errno_names); i++)
		if (strcmp(errno_names[i].name, name) == 0)
			return errno_names[i].err;
	return -1;
}

const char *policy_errno_name(int err)
{
	for (size_t i = 0; i < ARRAY_SIZE(errno_names); i++)
		if (errno_names[i].err == err)
			return errno_names[i].name;
	return NULL;
}

static const char *closest(const char *name, const char *const *cands, size_t n)
{
	int i = util_closest(name, cands, n);

	return i < 0 ? NULL : cands[i];
}

static const char *closest_errno(const char *name)
{
	const char *names[ARRAY_SIZE(errno_names)];

	for (size_t i = 0; i < ARRAY_SIZE(errno_names); i++)
		names[i] = errno_names[i].name;
	return closest(name, names, ARRAY_SIZE(names));
}

/*** Errors ***/

/*
 * Fills the error and returns -1.  `at_key` points at the member's key rather
 * than its value: right for "unknown key", or a syscall name used as a key.
 */
static int __attribute__((format(printf, 4, 5)))
fail_at(struct file_ctx *f, const char *path, bool at_key, const char *fmt, ...)
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

#define fail(f, path, ...)	fail_at(f, path, false, __VA_ARGS__)
#define fail_key(f, path, ...)	fail_at(f, path, true, __VA_ARGS__)

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

static int check_keys(struct file_ctx *f, json_t *obj, const char *base,
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

static int want_string(struct file_ctx *f, json_t *v, const char *path, const char **out)
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

	if (want_string(f, v, path, &s) < 0)
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
	near = closest_errno(s);
	if (near)
		return fail(f, path, "expected \"kill\" or an errno name (did you mean \"%s\"?)",
			    near);
	return fail(f, path, "expected \"kill\" or an errno name such as \"EACCES\"");
}

static const char *const placeholders[] = { "source", "exe", "dir", "stem", "memory_mb" };

/*
 * Only "{word}" with a lowercase word is taken for a placeholder, so other
 * braces in an argument pass through; a misspelt one would otherwise reach
 * the program as literal text.
 */
static int check_placeholders(struct file_ctx *f, const char *s, const char *path)
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
			return fail(f, path, "unknown placeholder {%.*s} (known: {source} {exe} "
				    "{dir} {stem} {memory_mb})", (int)n, p + 1);
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
		return fail_at(f, path, at_key, "empty syscall name");
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
		return fail_at(f, path, at_key, "\"%s\" is not a syscall of %s (it is one of %s; "
			       "add that to \"abis\")", name, listed, other);
	}
	near = syscalls_closest(name);
	if (near)
		return fail_at(f, path, at_key, "unknown syscall \"%s\" (did you mean \"%s\"?)",
			       name, near);
	return fail_at(f, path, at_key, "unknown syscall \"%s\"", name);
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
	for (i = 0; i < f->n_seen; i++) {
		if (strcmp(f->seen[i].name, name) != 0)
			continue;
		if (strcmp(f->seen[i].list, list) == 0)
			return fail_at(f, path, at_key, "\"%s\" is listed twice in %s", name, list);
		return fail_at(f, path, at_key, "\"%s\" is listed in both %s and %s", name,
			       f->seen[i].list, list);
	}
	f->seen = xrealloc(f->seen, (f->n_seen + 1) * sizeof(*f->seen));
	f->seen[f->n_seen++] = (struct seen_sys){ name, list };

	for (i = 0; i < ld->n_sys; i++)
		if (strcmp(ld->sys[i].name, name) == 0)
			break;
	if (i == ld->n_sys) {
		ld->sys = xrealloc(ld->sys, (ld->n_sys + 1) * sizeof(*ld->sys));
		ld->sys[ld->n_sys++].name = xstrdup(name);
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

	if (want_string(f, v, path, &s) < 0)
		return -1;
	*out = policy_errno_from_name(s);
	if (*out >= 0)
		return 0;
	near = closest_errno(s);
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

	if (check_keys(f, v, path, keys, ARRAY_SIZE(keys)) < 0)
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
		if (check_placeholders(f, json_string_value(e), jp_index(key, i).s) < 0)
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
		if (check_placeholders(f, json_string_value(e), path.s) < 0)
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

static int parse_abis(struct file_ctx *f, json_t *v)
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
 * path, "{dir}/..." or exactly "{exe}" / "{source}".  "{dir}" alone would also
 * match "{dir}2", and "." or ".." components would let a prefix reach out of
 * its directory.
 */
static int check_file_entry(struct file_ctx *f, const char *s, const char *path)
{
	const char *rest;

	if (strcmp(s, "{exe}") == 0 || strcmp(s, "{source}") == 0)
		return 0;
	if (strncmp(s, "{dir}/", 6) == 0)
		rest = s + 5;
	else if (s[0] == '/')
		rest = s;
	else
		return fail(f, path, "expected an absolute path or one starting with {dir}/");
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
	return check_placeholders(f, s, path);
}

static int parse_files(struct file_ctx *f, json_t *v)
{
	static const char *const keys[] = { "read", "write", "exec", "deny" };
	struct policy *p = f->ld->p;
	struct strlist *lists[] = { &p->files_read, &p->files_write, &p->files_exec };
	json_t *d;

	if (!json_is_object(v))
		return fail(f, "files", "expected an object");
	if (check_keys(f, v, "files", keys, ARRAY_SIZE(keys)) < 0)
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
		if (want_string(f, v, key, &s) < 0)
			return -1;
		set_string(&p->description, s);
	} else if (strcmp(key, "compile_policy") == 0) {
		if (want_string(f, v, key, &s) < 0)
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
		if (want_string(f, v, key, &s) < 0)
			return -1;
		if (strcmp(s, "as") == 0)
			p->mem_rlimit = MEM_RLIMIT_AS;
		else if (strcmp(s, "data") == 0)
			p->mem_rlimit = MEM_RLIMIT_DATA;
		else
			return fail(f, key, "expected \"as\" or \"data\"");
	} else if (strcmp(key, "runtime_memory") == 0) {
		int64_t kib;

		if (want_string(f, v, key, &s) < 0)
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

static int parse_key(struct file_ctx *f, const char *key, json_t *v)
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

static const char *const top_keys[] = {
	"extends", "description", "comments", "extensions", "compile", "compile_policy",
	"run", "env", "abis", "allow", "deny", "errno", "rules", "default", "files",
	"processes", "threads", "memory_rlimit", "runtime_memory", "memory_exit_code",
};

/*** Files and "extends" ***/

static bool is_regular(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static bool names_a_path(const char *s)
{
	size_t n = strlen(s);

	return strchr(s, '/') || (n > 5 && strcmp(s + n - 5, ".json") == 0);
}

static int load_file(struct loader *ld, const char *path);

/*
 * A name is looked up beside the extending file, then in policies_dir, so a
 * set of policies can be moved together; a path is relative to the extending
 * file.
 */
static int follow_extends(struct file_ctx *f, json_t *v)
{
	struct loader *ld = f->ld;
	const char *target = NULL;
	char *dir = dir_of(f->path), *cand = NULL, *cand2 = NULL, *real;
	int r = -1;

	if (want_string(f, v, "extends", &target) < 0)
		goto out;
	if (!target[0]) {
		fail(f, "extends", "must not be empty");
		goto out;
	}
	if (names_a_path(target)) {
		cand = target[0] == '/' ? xstrdup(target) : xasprintf("%s/%s", dir, target);
		if (!is_regular(cand)) {
			fail(f, "extends", "cannot find policy \"%s\" (no file %s)", target, cand);
			goto out;
		}
	} else {
		cand = xasprintf("%s/%s.json", dir, target);
		if (!is_regular(cand)) {
			cand2 = xasprintf("%s/%s.json", ld->policies_dir, target);
			if (!is_regular(cand2)) {
				if (strcmp(cand, cand2) == 0)
					fail(f, "extends", "cannot find policy \"%s\" (no file %s)",
					     target, cand);
				else
					fail(f, "extends", "cannot find policy \"%s\" (looked for "
					     "%s and %s)", target, cand, cand2);
				goto out;
			}
			free(cand);
			cand = cand2;
			cand2 = NULL;
		}
	}
	real = realpath(cand, NULL);
	if (!real) {
		fail(f, "extends", "%s: %s", cand, strerror(errno));
		goto out;
	}
	for (int i = 0; i < ld->depth; i++) {
		if (strcmp(ld->chain_real[i], real) == 0) {
			char chain[256] = "";

			for (int j = i; j < ld->depth; j++)
				snprintf(chain + strlen(chain), sizeof(chain) - strlen(chain),
					 "%s -> ", base_of(ld->chain_shown[j]));
			snprintf(chain + strlen(chain), sizeof(chain) - strlen(chain), "%s",
				 base_of(cand));
			free(real);
			fail(f, "extends", "cycle: %s", chain);
			goto out;
		}
	}
	free(real);
	if (ld->depth >= EXTENDS_MAX) {
		fail(f, "extends", "more than %d levels of \"extends\"", EXTENDS_MAX);
		goto out;
	}
	r = load_file(ld, cand);
out:
	free(dir);
	free(cand);
	free(cand2);
	return r;
}

static int parse_file(struct file_ctx *f)
{
	const char *key;
	json_t *v;

	if (!json_is_object(f->root))
		return fail(f, "", "expected a JSON object at the top level");
	if (check_keys(f, f->root, "", top_keys, ARRAY_SIZE(top_keys)) < 0)
		return -1;
	v = json_object_get(f->root, "extends");
	if (v && follow_extends(f, v) < 0)
		return -1;
	/* names are resolved in the file's own ABIs, so those come first */
	v = json_object_get(f->root, "abis");
	if (v && parse_abis(f, v) < 0)
		return -1;
	/* then in file order, so "listed in both" points at the later place */
	json_object_foreach(f->root, key, v)
		if (parse_key(f, key, v) < 0)
			return -1;
	return 0;
}

static int load_file(struct loader *ld, const char *path)
{
	struct file_ctx f = { .ld = ld, .path = path };
	json_error_t jerror;
	struct stat st;
	int r = -1;

	if (stat(path, &st) < 0) {
		jerr_set(ld->err, path, "", "%s", strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		jerr_set(ld->err, path, "", "is a directory, not a policy file");
		return -1;
	}
	f.text = util_read_file(path, &f.len);
	if (!f.text) {
		jerr_set(ld->err, path, "", "%s", strerror(errno));
		return -1;
	}
	if (strspn(f.text, " \t\r\n") == f.len) {
		jerr_set(ld->err, path, "", "empty file, expected a JSON object");
		goto out;
	}
	f.root = json_loadb(f.text, f.len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerror);
	if (!f.root) {
		jerr_set(ld->err, path, "", "%s", jerror.text);
		ld->err->line = jerror.line > 0 ? jerror.line : 0;
		ld->err->col = jerror.line > 0 && jerror.column > 0 ? jerror.column : 0;
		goto out;
	}
	/*
	 * The real path only serves cycle detection; a file without one (a pipe,
	 * a memory file under /proc/self/fd) is known by the name it was given.
	 */
	ld->chain_real[ld->depth] = realpath(path, NULL);
	if (!ld->chain_real[ld->depth])
		ld->chain_real[ld->depth] = xstrdup(path);
	ld->chain_shown[ld->depth] = path;
	ld->depth++;
	r = parse_file(&f);
	ld->depth--;
	free(ld->chain_real[ld->depth]);
out:
	json_decref(f.root);
	free(f.seen);
	free(f.text);
	return r;
}

/*** Public ***/

static void policy_defaults(struct policy *p)
{
	memset(p, 0, sizeof(*p));
	p->abis[ABI_X86_64] = true;
	p->default_action = (struct deny_action){ .kill = true };
	p->files_deny = (struct deny_action){ .kill = false, .err = EACCES };
	p->processes = 1;
	p->threads = 1;
	p->mem_rlimit = MEM_RLIMIT_AS;
}

static char *name_of(const char *path)
{
	const char *b = base_of(path);
	size_t n = strlen(b);

	if (n > 5 && strcmp(b + n - 5, ".json") == 0)
		n -= 5;
	return xstrndup(b, n);
}

/*
 * Turns the merged names into (abi, nr) entries, and drops the argument
 * rules a child's override left unused, so that arg_rules holds only rules
 * some entry points to.
 */
static void resolve(struct loader *ld)
{
	struct policy *p = ld->p;
	struct arg_rule *used = NULL;
	size_t n_used = 0;

	for (size_t i = 0; i < ld->n_sys; i++) {
		struct sys_entry *e = &ld->sys[i].e;

		if (e->action != SYS_RULE || e->rule != RULE_ARG)
			continue;
		used = xrealloc(used, (n_used + 1) * sizeof(*used));
		used[n_used] = p->arg_rules[e->arg_rule];
		e->arg_rule = (int16_t)n_used++;
	}
	free(p->arg_rules);
	p->arg_rules = used;
	p->n_arg_rules = n_used;

	for (int a = 0; a < ABI_COUNT; a++) {
		if (!p->abis[a])
			continue;
		for (size_t i = 0; i < ld->n_sys; i++) {
			long nr = syscalls_lookup(a, ld->sys[i].name);

			/* a name missing from this ABI applies where it exists */
			if (nr >= 0 && nr < SYSCALLS_MAX)
				p->sys[a][nr] = ld->sys[i].e;
		}
	}
}

int policy_load(const char *name_or_path, const char *policies_dir,
		struct policy *out, struct jerr *err)
{
	struct jerr scratch;
	struct loader ld = {
		.policies_dir = policies_dir ? policies_dir : ".",
		.p = out,
		.err = err ? err : &scratch,
	};
	char *path;
	int r;

	policy_defaults(out);
	memset(ld.err, 0, sizeof(*ld.err));
	if (names_a_path(name_or_path))
		path = xstrdup(name_or_path);
	else
		path = xasprintf("%s/%s.json", ld.policies_dir, name_or_path);
	r = load_file(&ld, path);
	if (r == 0) {
		resolve(&ld);
		out->file = path;
		out->name = name_of(path);
	} else {
		policy_free(out);
		free(path);
	}
	for (size_t i = 0; i < ld.n_sys; i++)
		free(ld.sys[i].name);
	free(ld.sys);
	return r;
}

void policy_free(struct policy *p)
{
	if (!p)
		return;
	free(p->name);
	free(p->file);
	free(p->description);
	free(p->compile_policy);
	strlist_free(&p->extensions);
	strlist_free(&p->compile);
	strlist_free(&p->run);
	strlist_free(&p->env);
	strlist_free(&p->files_read);
	strlist_free(&p->files_write);
	strlist_free(&p->files_exec);
	free(p->arg_rules);
	memset(p, 0, sizeof(*p));
}

struct sys_entry policy_lookup(const struct policy *p, enum abi a, long nr)
{
	struct sys_entry e = { .action = SYS_DEFAULT };

	/* the filter kills any ABI the policy does not admit; say the same here */
	if ((unsigned)a >= ABI_COUNT || !p->abis[a])
		return (struct sys_entry){ .action = SYS_KILL };
	if (nr >= 0 && nr < SYSCALLS_MAX)
		e = p->sys[a][nr];
	if (e.action != SYS_DEFAULT)
		return e;
	if (p->default_action.kill)
		return (struct sys_entry){ .action = SYS_KILL };
	return (struct sys_entry){ .action = SYS_ERRNO, .err = p->default_action.err };
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int policy_list(const char *policies_dir, struct strlist *names)
{
	DIR *d = opendir(policies_dir);
	struct dirent *de;

	names->v = NULL;
	names->n = 0;
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		char *path, *name;

		if (de->d_name[0] == '.' || n <= 5 || strcmp(de->d_name + n - 5, ".json") != 0)
			continue;
		path = xasprintf("%s/%s", policies_dir, de->d_name);
		if (is_regular(path)) {
			name = name_of(path);
			strlist_push(names, name);
			free(name);
		}
		free(path);
	}
	closedir(d);
	if (names->n)
		qsort(names->v, names->n, sizeof(*names->v), cmp_str);
	return 0;
}
