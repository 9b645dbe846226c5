#include "groupflags.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testdata.h"

static long find_set(const struct groupflags *g, char **args, size_t n)
{
	for (size_t s = 0; s < g->n_sets; s++) {
		size_t k;

		if (g->sets[s].n_args != n)
			continue;
		for (k = 0; k < n && !strcmp(g->sets[s].args[k], args[k]); k++)
			;
		if (k == n)
			return (long)s;
	}
	return -1;
}

/* problem.yaml's flags, then the group's words. */
static char **join(const struct problem *p, const char *words, size_t *n)
{
	char **v = xcalloc(p->n_validator_flags + strlen(words) / 2 + 2, sizeof(*v));
	const char *s = words;

	*n = 0;
	for (size_t i = 0; i < p->n_validator_flags; i++)
		v[(*n)++] = xstrdup(p->validator_flags[i]);
	for (;;) {
		size_t len;

		s += strspn(s, " \t\r\n");
		len = strcspn(s, " \t\r\n");
		if (!len)
			break;
		v[(*n)++] = xstrndup(s, len);
		s += len;
	}
	return v;
}

static void free_args(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int build_checker(const struct problem *p, const struct checker *base,
			 struct groupflags_set *set, const char *group, struct jerr *err)
{
	int r;

	if (p->interactive)
		return 0;
	if (base->kind == CHECKER_KATTIS)
		r = checker_external(CHECKER_KATTIS, base->program, set->args, set->n_args, &set->chk, err);
	else
		r = checker_from_kattis_flags(set->args, set->n_args, &set->chk, err);
	if (r < 0) {
		char *file = xasprintf("%s/data/%s%stestdata.yaml", p->root, group, *group ? "/" : "");

		/* the flag that is wrong came from the group's testdata.yaml (or problem.yaml) */
		snprintf(err->file, sizeof(err->file), "%s", file);
		snprintf(err->key, sizeof(err->key), "output_validator_flags");
		free(file);
	}
	return r;
}

int groupflags_build(const struct problem *p, const struct score_tree *tree,
		     const struct checker *base, struct groupflags *g, struct jerr *err)
{
	struct score_tree own = { 0 };
	int r = 0;

	memset(g, 0, sizeof(*g));
	if (p->format != PROBLEM_KATTIS)
		return 0;
	if (!tree) {
		if (testdata_load(p, &own, err) < 0) {
			scoring_tree_free(&own);
			return -1;
		}
		tree = &own;
	}
	g->n_tests = p->n_tests;
	g->of_test = xcalloc(p->n_tests + 1, sizeof(*g->of_test));
	for (size_t i = 0; i < p->n_tests && r == 0; i++) {
		const struct score_config *cfg = NULL;
		char **args;
		size_t n;
		long s;

		g->of_test[i] = -1;
		for (size_t k = 0; k < tree->n_groups && !cfg; k++)
			if (!strcmp(tree->groups[k].name, p->tests[i].group))
				cfg = &tree->groups[k].cfg;
		if (!cfg || !cfg->validator_flags[0])
			continue;
		args = join(p, cfg->validator_flags, &n);
		s = find_set(g, args, n);
		if (s >= 0) {
			free_args(args, n);
			g->of_test[i] = s;
			continue;
		}
		g->sets = xrealloc(g->sets, (g->n_sets + 1) * sizeof(*g->sets));
		memset(&g->sets[g->n_sets], 0, sizeof(*g->sets));
		g->sets[g->n_sets].args = args;
		g->sets[g->n_sets].n_args = n;
		g->of_test[i] = (long)g->n_sets++;
		r = build_checker(p, base, &g->sets[g->of_test[i]], p->tests[i].group, err);
	}
	scoring_tree_free(&own);
	return r;
}

void groupflags_free(struct groupflags *g)
{
	for (size_t s = 0; s < g->n_sets; s++) {
		free_args(g->sets[s].args, g->sets[s].n_args);
		checker_free(&g->sets[s].chk);
	}
	free(g->sets);
	free(g->of_test);
	memset(g, 0, sizeof(*g));
}

const struct checker *groupflags_checker(const struct groupflags *g, size_t i,
					 const struct checker *base)
{
	return i < g->n_tests && g->of_test[i] >= 0 ? &g->sets[g->of_test[i]].chk : base;
}

void groupflags_args(const struct groupflags *g, size_t i, const struct problem *p,
		     char *const **args, size_t *n)
{
	if (i < g->n_tests && g->of_test[i] >= 0) {
		*args = g->sets[g->of_test[i]].args;
		*n = g->sets[g->of_test[i]].n_args;
	} else {
		*args = p->validator_flags;
		*n = p->n_validator_flags;
	}
}
