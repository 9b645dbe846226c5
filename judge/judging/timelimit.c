#include "timelimit.h"

#include <math.h>
#include <stdio.h>

void timelimit_rules(const struct problem *p, double *multiplier, double *margin)
{
	*multiplier = p->time_multiplier > 0 ? p->time_multiplier : p->format_2023 ? 2.0 : 5.0;
	*margin = p->time_safety_margin > 0 ? p->time_safety_margin : p->format_2023 ? 1.5 : 2.0;
}

int64_t timelimit_from_slowest(int64_t slowest_ms, double multiplier, int64_t resolution_ms)
{
	/* The epsilon keeps 200 ms x 5 at 1 s, not 2 s after a rounding error. */
	double steps = ceil((double)slowest_ms * multiplier / (double)resolution_ms - 1e-9);

	if (steps < 1)
		steps = 1;
	if (steps * (double)resolution_ms > 86400000.0)
		steps = floor(86400000.0 / (double)resolution_ms);
	return (int64_t)steps * resolution_ms;
}

int64_t timelimit_resolution_ms(const struct problem *p)
{
	int64_t ms = (int64_t)llround(p->time_resolution * 1000);

	return p->time_resolution > 0 && ms >= 1 ? ms : 1000;
}

const char *timelimit_rounding_text(int64_t resolution_ms, char *buf, size_t len)
{
	if (resolution_ms == 1000)
		return "whole seconds";
	snprintf(buf, len, "a multiple of %lld ms", (long long)resolution_ms);
	return buf;
}

int64_t timelimit_high(int64_t limit_ms, double margin)
{
	double ms = ceil((double)limit_ms * margin - 1e-9);

	return ms < (double)limit_ms ? limit_ms : (int64_t)ms;
}

enum verdict timelimit_verdict_at(const struct testrun *tr, int64_t limit_ms)
{
	int64_t wall_ms = 3 * limit_ms + 1000;

	if (tr->interrupted || tr->comp.verdict != V_OK)
		return tr->verdict;
	for (size_t i = 0; i < tr->total; i++) {
		const struct result *r = &tr->tests[i].res;

		if (!tr->tests[i].ran)
			continue;
		if (r->verdict == V_IE || r->verdict == V_RF)
			return r->verdict;
		if (r->verdict == V_TLE || r->use.cpu_ns > limit_ms * 1000000 ||
		    r->use.wall_ns > wall_ms * 1000000)
			return V_TLE;
		if (r->verdict != V_AC)
			return r->verdict;
	}
	return tr->verdict;
}

size_t timelimit_relabel(struct testrun *tr, int64_t limit_ms)
{
	int64_t wall_ms = 3 * limit_ms + 1000;
	size_t n = 0;

	for (size_t i = 0; i < tr->total; i++) {
		struct result *r = &tr->tests[i].res;

		if (!tr->tests[i].ran || r->verdict == V_TLE || r->verdict == V_IE || r->verdict == V_RF)
			continue;
		if (r->use.cpu_ns > limit_ms * 1000000 || r->use.wall_ns > wall_ms * 1000000) {
			r->verdict = V_TLE;
			r->limit = r->use.cpu_ns > limit_ms * 1000000 ? "cpu" : "wall";
			r->has_score = false;
			n++;
		}
	}
	return n;
}
