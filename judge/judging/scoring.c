#include "scoring.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "natsort.h"
#include "util.h"

void scoring_defaults(struct score_config *c)
{
	*c = (struct score_config){
		.on_reject_continue = false, .vmode = SCORE_WORST_ERROR, .agg = SCORE_SUM,
		.accept_score = 1, .reject_score = 0, .range_min = -INFINITY, .range_max = INFINITY,
	};
}

/* Kattis's worst_error order: JE, IF, RTE, MLE, TLE, OLE, WA (IF is our RF). */
static const enum verdict worst_first[] = { V_IE, V_RF, V_RE, V_MLE, V_TLE, V_OLE, V_WA };

int scoring_badness(enum verdict v)
{
	for (size_t i = 0; i < ARRAY_SIZE(worst_first); i++)
		if (worst_first[i] == v)
			return (int)(ARRAY_SIZE(worst_first) - i);
	/* CE never reaches a group; an unknown non-AC verdict is still an error */
	return v == V_AC || v == V_OK ? 0 : 1;
}

/* One item of a group: a test of its own or a subgroup. */
struct item {
	const char *leaf;	/* the last part of its name: items are ordered by it */
	long test, group;	/* exactly one is >= 0 */
};

static int cmp_item(const void *a, const void *b)
{
	return natsort_cmp(((const struct item *)a)->leaf, ((const struct item *)b)->leaf);
}

static const char *leaf_of(const char *name)
{
	const char *slash = strrchr(name, '/');

	return slash ? slash + 1 : name;
}

struct grading {
	const struct score_tree *t;
	const struct score_input *in;
	size_t n;
	struct score_group_result *out;
	bool ideal;		/* as if every test were accepted without a score of its own */
};

static void grade_group(struct grading *g, size_t gi)
{
	const struct score_config *cfg = &g->t->groups[gi].cfg;
	struct score_group_result *res = &g->out[gi];
	struct item *items = xcalloc(g->n + g->t->n_groups + 1, sizeof(*items));
	size_t n = 0, counted = 0, accepted = 0;
	enum verdict first = V_AC, worst = V_AC;
	double agg = 0;

	for (size_t i = 0; i < g->n; i++)
		if (!strcmp(g->in[i].group, g->t->groups[gi].name))
			items[n++] = (struct item){ leaf_of(g->in[i].name), (long)i, -1 };
	for (size_t k = 0; k < g->t->n_groups; k++)
		if (g->t->groups[k].parent == (long)gi)
			items[n++] = (struct item){ leaf_of(g->t->groups[k].name), -1, (long)k };
	if (n > 1)
		qsort(items, n, sizeof(*items), cmp_item);
	res->judged = false;
	for (size_t i = 0; i < n; i++) {
		enum verdict v;
		double sc;

		if (items[i].group >= 0) {
			const struct score_group_result *sub = &g->out[items[i].group];

			grade_group(g, (size_t)items[i].group);
			/* ignore_sample: the root's result is secret's, sample's counts for nothing */
			if (cfg->ignore_sample && !strcmp(items[i].leaf, "sample") && gi == 0)
				continue;
			if (!sub->judged)
				continue;
			v = sub->verdict;
			sc = sub->score;
		} else {
			const struct score_input *t = &g->in[items[i].test];

			if (g->ideal) {
				v = V_AC;
				sc = cfg->accept_score;
			} else if (!t->judged) {
				continue;
			} else {
				v = t->verdict;
				sc = v != V_AC ? cfg->reject_score : t->has_score ? t->score : cfg->accept_score;
			}
		}
		res->judged = true;
		counted++;
		accepted += v == V_AC;
		if (counted == 1)
			agg = sc;
		else if (cfg->agg == SCORE_MIN)
			agg = fmin(agg, sc);
		else if (cfg->agg == SCORE_MAX)
			agg = fmax(agg, sc);
		else
			agg += sc;
		if (v != V_AC && first == V_AC)
			first = v;
		if (scoring_badness(v) > scoring_badness(worst))
			worst = v;
		if (v != V_AC && !cfg->on_reject_continue)
			break;
	}
	free(items);
	if (cfg->agg == SCORE_AVG && counted)
		agg /= (double)counted;
	res->score = counted ? agg : 0;
	if (cfg->vmode == SCORE_ALWAYS_ACCEPT || (cfg->accept_if_any && accepted))
		res->verdict = V_AC;
	else
		res->verdict = cfg->vmode == SCORE_FIRST_ERROR ? first : worst;
	/* the package promised a range: a score outside it is the package's fault, not the program's */
	if (!g->ideal && res->judged &&
	    (res->score < cfg->range_min - 1e-9 || res->score > cfg->range_max + 1e-9)) {
		res->verdict = V_IE;
		res->out_of_range = true;
		res->range_min = cfg->range_min;
		res->range_max = cfg->range_max;
	}
	if (g->ideal)
		res->max_score = isfinite(cfg->range_max) ? cfg->range_max : res->score;
}

enum verdict scoring_grade(const struct score_tree *t, const struct score_input *in, size_t n,
			   struct score_group_result *out, double *score, double *max_score)
{
	struct grading g = { t, in, n, out, true };
	double *best;

	*score = *max_score = 0;
	if (!t->n_groups)
		return V_AC;
	/* first as if every test were accepted: each group's best score */
	grade_group(&g, 0);
	best = xcalloc(t->n_groups, sizeof(*best));
	for (size_t i = 0; i < t->n_groups; i++)
		best[i] = out[i].max_score;
	/* a group that on_reject: break cuts off is not graded again: it must not keep the ideal */
	memset(out, 0, t->n_groups * sizeof(*out));
	g.ideal = false;
	grade_group(&g, 0);
	for (size_t i = 0; i < t->n_groups; i++)
		out[i].max_score = best[i];
	free(best);
	*max_score = out[0].max_score;
	if (!out[0].judged)
		return V_AC;
	/* Kattis gives a score to accepted submissions only */
	*score = out[0].verdict == V_AC ? out[0].score : 0;
	return out[0].verdict;
}

void scoring_tree_free(struct score_tree *t)
{
	for (size_t i = 0; i < t->n_groups; i++)
		free(t->groups[i].name);
	free(t->groups);
	memset(t, 0, sizeof(*t));
}
