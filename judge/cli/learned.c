#include "learned.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rules.h"
#include "syscalls.h"
#include "util.h"

/* Trees that hold other people's or the machine's state: only what was read, by name. */
static const char *const exact_roots[] = {
	"etc", "dev", "proc", "sys", "run", "tmp", "var", "root", "home",
};

static bool within_dir(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return n && !strncmp(path, dir, n) && (path[n] == '/' || !path[n]);
}

char *learned_collapse(const char *path, const char *workdir)
{
	const char *c[5];
	int depth = 0, keep;

	if (workdir && within_dir(path, workdir))
		return xstrdup("{dir}/");
	for (const char *p = path; *p && depth < 5; p++)
		if (*p == '/' && p[1])
			c[depth++] = p + 1;
	if (depth == 0)
		return xstrdup(path);
	for (size_t i = 0; i < ARRAY_SIZE(exact_roots); i++) {
		size_t n = strlen(exact_roots[i]);

		if (!strncmp(c[0], exact_roots[i], n) && (c[0][n] == '/' || !c[0][n]))
			return xstrdup(path);
	}
	keep = !strncmp(path, "/usr/local/", 11) ? 4 : 3;
	if (depth <= keep)
		return xstrdup(path);
	return xasprintf("%.*s", (int)(c[keep] - path), path);
}

static json_t *strlist_json(const struct strlist *l)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->v[i]));
	return a;
}

static bool in_strlist(const struct strlist *l, const char *s)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return true;
	return false;
}

/*** files ***/

struct entry {
	char *path;
	unsigned n;		/* paths it covers */
	const char *example;	/* one of them */
};

struct entries {
	struct entry *v;
	size_t n;
};

static void entry_add(struct entries *e, char *path, const char *example)
{
	for (size_t i = 0; i < e->n; i++)
		if (!strcmp(e->v[i].path, path)) {
			e->v[i].n++;
			free(path);
			return;
		}
	e->v = xrealloc(e->v, (e->n + 1) * sizeof(*e->v));
	e->v[e->n++] = (struct entry){ path, 1, example };
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->path, ((const struct entry *)b)->path);
}

static bool is_dir_entry(const char *p)
{
	size_t n = strlen(p);

	return n && p[n - 1] == '/';
}

/* Whether a directory entry other than e itself covers e. */
static bool covered(const struct entries *e, size_t k)
{
	struct strlist one = { 0 };
	bool hit = false;

	for (size_t i = 0; i < e->n && !hit; i++) {
		if (i == k || !is_dir_entry(e->v[i].path) || e->v[i].path[0] != '/')
			continue;
		one.v = &e->v[i].path;
		one.n = 1;
		hit = rules_path_within(&one, e->v[k].path) && strcmp(e->v[i].path, e->v[k].path);
	}
	return hit;
}

static void read_entry(struct entries *e, const struct learned_input *in, const char *path)
{
	struct stat st;
	char *entry;

	if (in_strlist(in->own, path) || rules_path_within(&in->l->base->files_read, path))
		return;
	entry = learned_collapse(path, in->workdir);
	/*
	 * A file that is not there (a runtime probing its search path) is
	 * named only inside a tree that is: elsewhere it is refused with
	 * EACCES, which a probe takes as it takes ENOENT.
	 */
	if (strcmp(entry, "{dir}/") && stat(is_dir_entry(entry) ? entry : path, &st) < 0) {
		free(entry);
		return;
	}
	entry_add(e, entry, path);
}

static void files_json(const struct learned_input *in, json_t *files, json_t *comments)
{
	const struct learn *l = in->l;
	struct entries rd = { 0 }, ex = { 0 };
	char real[PATH_MAX];
	struct stat st;

	for (size_t i = 0; i < l->read.n; i++) {
		read_entry(&rd, in, l->read.v[i]);
		/* the path and the file it leads to must both be within the lists */
		if (realpath(l->read.v[i], real) && strcmp(real, l->read.v[i]))
			read_entry(&rd, in, real);
	}
	for (size_t i = 0; i < l->exec.n; i++) {
		const char *p = l->exec.v[i];

		if (!in_strlist(in->own, p))
			entry_add(&ex, xstrdup(p), p);
		if (realpath(p, real) && strcmp(real, p) && !in_strlist(in->own, real))
			entry_add(&ex, xstrdup(real), p);
	}
	if (rd.n > 1)
		qsort(rd.v, rd.n, sizeof(*rd.v), entry_cmp);
	if (rd.n) {
		json_t *a = json_array();

		for (size_t i = 0; i < rd.n; i++) {
			char *why;

			if (covered(&rd, i))
				continue;
			json_array_append_new(a, json_string(rd.v[i].path));
			if (!strcmp(rd.v[i].path, "{dir}/"))
				why = xasprintf("The reference program read %u path%s in its work "
						"directory, e.g. {dir}%s.", rd.v[i].n,
						rd.v[i].n == 1 ? "" : "s",
						rd.v[i].example + strlen(in->workdir));
			else if (is_dir_entry(rd.v[i].path))
				why = xasprintf("The reference program read %u path%s in this tree, "
						"e.g. %s.", rd.v[i].n, rd.v[i].n == 1 ? "" : "s",
						rd.v[i].example);
			else if (stat(rd.v[i].path, &st) == 0 && S_ISDIR(st.st_mode))
				why = xasprintf("The reference program looked at this directory "
						"itself, not into it.");
			else
				why = xasprintf("The reference program read this file.");
			json_object_set_new(comments, rd.v[i].path, json_string(why));
			free(why);
		}
		json_object_set_new(files, "read", a);
	}
	if (l->wrote) {
		json_object_set_new(files, "write", json_pack("[s]", "{dir}/"));
		json_object_set_new(comments, "write", json_string(
			"The reference program created or changed files in its work directory; "
			"anywhere else was refused while learning."));
	}
	if (ex.n) {
		json_t *a = json_array();

		for (size_t i = 0; i < ex.n; i++) {
			char *why = xasprintf("The reference program executed %s.", ex.v[i].example);

			json_array_append_new(a, json_string(ex.v[i].path));
			json_object_set_new(comments, ex.v[i].path, json_string(why));
			free(why);
		}
		json_object_set_new(files, "exec", a);
	}
	for (size_t i = 0; i < rd.n; i++)
		free(rd.v[i].path);
	for (size_t i = 0; i < ex.n; i++)
		free(ex.v[i].path);
	free(rd.v);
	free(ex.v);
}

/*** syscalls ***/

static const char *rule_for(const char *name)
{
	static const enum rule_kind kinds[] = { RULE_EXEC, RULE_PATH, RULE_CLONE, RULE_SELF };

	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (rules_applies(kinds[i], name))
			return rules_kind_name(kinds[i]);
	return NULL;
}

static void syscalls_json(const struct learned_input *in, json_t *allow, json_t *errnos,
			  json_t *rules, json_t *comments)
{
	const struct learn *l = in->l;

	for (int a = 0; a < ABI_COUNT; a++)
		for (long nr = 0; nr < SYSCALLS_MAX; nr++) {
			const char *name = syscalls_name((enum abi)a, nr);
			struct sys_entry b = policy_lookup(l->base, (enum abi)a, nr);
			unsigned n = l->count[a][nr];
			const char *ex = l->example[a][nr], *rule;
			char *why = NULL;

			if (!n || !name || json_object_get(comments, name))
				continue;
			if (l->refused[a][nr]) {
				if (b.action == SYS_ERRNO && b.err == l->refused[a][nr])
					continue;
				json_object_set_new(errnos, name,
						    json_string(policy_errno_name(l->refused[a][nr])));
				why = xasprintf("The reference program tried it %u time%s and went on "
						"without it: learning refuses it (%s), and so does "
						"this policy.", n, n == 1 ? "" : "s",
						!strcmp(name, "socket") ? "no network" :
						!strcmp(name, "clone3") ? "glibc then uses clone, whose "
						"flags a rule can check" : "it reaches beyond the program");
			} else if (l->arg_refused[a][nr]) {
				json_array_append_new(allow, json_string(name));
				why = xasprintf("Base's argument rule refuses what the reference program "
						"passed (%s), %u call%s.", ex ? ex : "?", n,
						n == 1 ? "" : "s");
			} else if (b.action == SYS_ALLOW || b.action == SYS_ERRNO ||
				   b.action == SYS_RULE) {
				continue;	/* base has it already */
			} else if ((rule = rule_for(name)) != NULL) {
				json_object_set_new(rules, name, json_string(rule));
				why = xasprintf("Made %u time%s by the reference program%s%s; the %s "
						"rule checks every call.", n, n == 1 ? "" : "s",
						ex ? ", e.g. on " : "", ex ? ex : "", rule);
			} else {
				json_array_append_new(allow, json_string(name));
				why = xasprintf("Made %u time%s by the reference program.", n,
						n == 1 ? "" : "s");
			}
			json_object_set_new(comments, name, json_string(why));
			free(why);
		}
}

/*** the policy ***/

static void skeleton_json(const struct policy *s, json_t *p)
{
	if (s->description)
		json_object_set_new(p, "description", json_string(s->description));
	if (s->extensions.n)
		json_object_set_new(p, "extensions", strlist_json(&s->extensions));
	if (s->compile.n) {
		json_object_set_new(p, "compile", strlist_json(&s->compile));
		if (s->compile_policy)
			json_object_set_new(p, "compile_policy", json_string(s->compile_policy));
	}
	if (s->run.n)
		json_object_set_new(p, "run", strlist_json(&s->run));
	if (s->env.n) {
		json_t *env = json_object();

		for (size_t i = 0; i < s->env.n; i++) {
			const char *eq = strchr(s->env.v[i], '=');
			char *key = eq ? xasprintf("%.*s", (int)(eq - s->env.v[i]), s->env.v[i]) :
				    xstrdup(s->env.v[i]);

			json_object_set_new(env, key, json_string(eq ? eq + 1 : ""));
			free(key);
		}
		json_object_set_new(p, "env", env);
	}
	if (s->mem_rlimit == MEM_RLIMIT_DATA)
		json_object_set_new(p, "memory_rlimit", json_string("data"));
	if (s->runtime_memory_kib) {
		char *v = xasprintf("%lldK", (long long)s->runtime_memory_kib);

		json_object_set_new(p, "runtime_memory", json_string(v));
		free(v);
	}
	if (s->memory_exit_code)
		json_object_set_new(p, "memory_exit_code", json_integer(s->memory_exit_code));
}

static void set_if_any(json_t *p, const char *key, json_t *v)
{
	if (json_object_size(v) || json_array_size(v))
		json_object_set(p, key, v);
	json_decref(v);
}

json_t *learned_policy(const struct learned_input *in)
{
	const struct learn *l = in->l;
	json_t *p = json_object(), *allow = json_array(), *errnos = json_object();
	json_t *rules = json_object(), *files = json_object(), *comments = json_object();

	json_object_set_new(p, "extends", json_string(l->base->name ? l->base->name : "base"));
	if (in->skeleton)
		skeleton_json(in->skeleton, p);
	else if (in->description)
		json_object_set_new(p, "description", json_string(in->description));
	syscalls_json(in, allow, errnos, rules, comments);
	files_json(in, files, comments);
	set_if_any(p, "allow", allow);
	set_if_any(p, "errno", errnos);
	set_if_any(p, "rules", rules);
	set_if_any(p, "files", files);
	if (l->processes > l->base->processes) {
		char *why = xasprintf("The reference program had %d processes alive at once.",
				      l->processes);

		json_object_set_new(p, "processes", json_integer(l->processes));
		json_object_set_new(comments, "processes", json_string(why));
		free(why);
	}
	if (l->threads > l->base->threads) {
		char *why = xasprintf("The reference program had %d tasks (threads, in all its "
				      "processes) alive at once.", l->threads);

		json_object_set_new(p, "threads", json_integer(l->threads));
		json_object_set_new(comments, "threads", json_string(why));
		free(why);
	}
	set_if_any(p, "comments", comments);
	return p;
}

/*** text ***/

static void put_value(FILE *f, const json_t *v, int indent)
{
	char *s;

	if (json_is_object(v) && json_object_size(v) > 1) {
		const char *k;
		json_t *m;
		size_t i = 0, n = json_object_size(v);

		fputs("{\n", f);
		json_object_foreach((json_t *)v, k, m) {
			json_t *ks = json_string(k);
			char *key = json_dumps(ks, JSON_ENCODE_ANY);

			json_decref(ks);
			for (int t = 0; t < indent + 1; t++)
				fputc('\t', f);
			fprintf(f, "%s: ", key);
			free(key);
			put_value(f, m, indent + 1);
			fputs(++i < n ? ",\n" : "\n", f);
		}
		for (int t = 0; t < indent; t++)
			fputc('\t', f);
		fputc('}', f);
		return;
	}
	s = json_dumps(v, JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
	fputs(s ? s : "null", f);
	free(s);
}

char *learned_format(const json_t *policy)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	put_value(f, policy, 0);
	fputc('\n', f);
	fclose(f);
	return buf;
}
