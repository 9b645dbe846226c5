#ifndef JUDGE_GRADE_POOL_H
#define JUDGE_GRADE_POOL_H

#include <jansson.h>
#include <stddef.h>

#include "testrun.h"

/*
 * judge grade's submissions, judged by `jobs` worker processes, each pinned
 * to its own CPU so that two programs never share a core and time each other
 * out.  The workers share one pool of tasks, a submission's compile and each
 * of its tests (grade_pool.c says how), so that both CPUs stay busy to the
 * end whatever the mix; each sends back, on its own pipe, one JSON line per
 * event: compiling, a test done, a submission's result.  A submission's
 * result depends on nothing but its own runs: a worker that dies takes down
 * only the submissions it had in hands (IE), and the others go on.  With
 * one job the submissions are judged in this process, one after another,
 * with the same events.
 */

struct grade_events {
	/* submission i: its compile starts (not called when a cached program is reused) */
	void (*compiling)(void *arg, size_t i);
	/* submission i: `done` of `total` tests have results; the last was `test` */
	void (*test)(void *arg, size_t i, size_t done, size_t total, const char *test,
		     const char *verdict);
	/* submission i is judged: `result` (owned by the callee) is its grade.json object */
	void (*finished)(void *arg, size_t i, json_t *result);
	void *arg;
};

/* The grade.json object of one source: report_testrun's, or CE for a source not judged. */
json_t *grade_judge(struct testrun_ctx *ctx, const char *source);

void grade_pool_run(struct testrun_ctx *ctx, char *const *sources, size_t n, int jobs,
		    const struct grade_events *ev);

#endif
