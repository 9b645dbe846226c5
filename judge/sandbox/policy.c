#include "policyload.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

#define fail(f, path, ...)	policy_fail_at(f, path, false, __VA_ARGS__)

/*** Files and "extends" ***/

static bool is_regular(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* is_regular, remembered: its answers are inputs of the load (policycache.c) */
static bool check_regular(struct loader *ld, const char *path)
{
	bool r = is_regular(path);

	if (ld->rec)
		policycache_rec_check(ld->rec, path, r);
	return r;
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

static int load_file(struct loader *ld, const char *path, char *real);

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

	if (policy_want_string(f, v, "extends", &target) < 0)
		goto out;
	if (!target[0]) {
		fail(f, "extends", "must not be empty");
		goto out;
	}
	if (names_a_path(target)) {
		cand = target[0] == '/' ? xstrdup(target) : xasprintf("%s/%s", dir, target);
		if (!check_regular(ld, cand)) {
			fail(f, "extends", "cannot find policy \"%s\" (no file %s)", target, cand);
			goto out;
		}
	} else {
		cand = xasprintf("%s/%s.json", dir, target);
		if (!check_regular(ld, cand)) {
			cand2 = xasprintf("%s/%s.json", ld->policies_dir, target);
			if (!check_regular(ld, cand2)) {
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
	if (ld->depth >= EXTENDS_MAX) {
		free(real);
		fail(f, "extends", "more than %d levels of \"extends\"", EXTENDS_MAX);
		goto out;
	}
	/* resolved once: the loader keeps it for the next level's check */
	r = load_file(ld, cand, real);
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
	if (policy_check_keys(f, f->root, "", policy_top_keys, policy_n_top_keys) < 0)
		return -1;
	v = json_object_get(f->root, "extends");
	if (v && follow_extends(f, v) < 0)
		return -1;
	/*
	 * A policy's extensions are its own, never inherited: compile-lisp
	 * extends lisp, and sorting first it would otherwise claim .lisp and
	 * run programs with a compiler's rights; elixir would claim .erl.
	 */
	if (v)
		strlist_free(&f->ld->p->extensions);
	/* names are resolved in the file's own ABIs, so those come first */
	v = json_object_get(f->root, "abis");
	if (v && policy_parse_abis(f, v) < 0)
		return -1;
	/* then in file order, so "listed in both" points at the later place */
	json_object_foreach(f->root, key, v)
		if (policy_parse_key(f, key, v) < 0)
			return -1;
	return 0;
}

/* real: the file's resolved path when the caller has it (taken over), or NULL */
static int load_file(struct loader *ld, const char *path, char *real)
{
	struct file_ctx f = { .ld = ld, .path = path };
	json_error_t jerror;
	struct stat st;
	int r = -1;

	if (stat(path, &st) < 0) {
		jerr_set(ld->err, path, "", "%s", strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		jerr_set(ld->err, path, "", "is a directory, not a policy file");
		goto out;
	}
	f.text = util_read_file(path, &f.len);
	if (!f.text) {
		jerr_set(ld->err, path, "", "%s", strerror(errno));
		goto out;
	}
	if (ld->rec)
		policycache_rec_read(ld->rec, path, f.text, f.len, &st);
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
	if (!real)
		real = realpath(path, NULL);
	ld->chain_real[ld->depth] = real ? real : xstrdup(path);
	real = NULL;
	ld->chain_shown[ld->depth] = path;
	ld->depth++;
	r = parse_file(&f);
	ld->depth--;
	free(ld->chain_real[ld->depth]);
out:
	free(real);
	json_decref(f.root);
	free(f.seen);
	free(f.seen_index.slot);
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
	struct policycache_rec rec = { 0 };
	struct policycache_key key;
	bool cached;
	char *path;
	int r;

	policy_defaults(out);
	memset(ld.err, 0, sizeof(*ld.err));
	/* a policy some earlier judge loaded from these same bytes: no parsing */
	cached = policycache_key(&key, name_or_path, ld.policies_dir);
	if (cached) {
		r = policycache_get(&key, out);
		if (r == 1) {
			policycache_key_free(&key);
			sysprops_init();
			return 0;
		}
		if (r < 0)
			policy_defaults(out);
		ld.rec = &rec;
	}
	if (names_a_path(name_or_path))
		path = xstrdup(name_or_path);
	else
		path = xasprintf("%s/%s.json", ld.policies_dir, name_or_path);
	r = load_file(&ld, path, NULL);
	if (r == 0) {
		resolve(&ld);
		sysprops_init();
		out->file = path;
		out->name = name_of(path);
		/* errors are never stored: each load of a bad policy says why itself */
		if (cached)
			policycache_put(&key, &rec, out);
	} else {
		policy_free(out);
		free(path);
	}
	for (size_t i = 0; i < ld.n_sys; i++)
		free(ld.sys[i].name);
	free(ld.sys);
	free(ld.sys_index.slot);
	if (cached) {
		policycache_rec_free(&rec);
		policycache_key_free(&key);
	}
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
	/*
	 * Everything but the syscall table, which holds no pointers: clearing
	 * its 24 KiB too cost six page faults at the end of every run.
	 */
	memset(p, 0, offsetof(struct policy, sys));
	memset((char *)p + offsetof(struct policy, default_action), 0,
	       sizeof(*p) - offsetof(struct policy, default_action));
}

static bool list_names_tmp(const struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (strstr(l->v[i], "{tmp}"))
			return true;
	return false;
}

bool policy_uses_tmp(const struct policy *p)
{
	return list_names_tmp(&p->env) || list_names_tmp(&p->files_read) ||
	       list_names_tmp(&p->files_write) || list_names_tmp(&p->files_exec);
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
