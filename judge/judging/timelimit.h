#ifndef JUDGE_TIMELIMIT_H
#define JUDGE_TIMELIMIT_H

#include <stdint.h>

#include "problem.h"
#include "testrun.h"

/*
 * Kattis's time-limit rules, for a package that states no limit (neither
 * limits.time_limit nor .timelimit): the limit is the slowest accepted
 * submission's CPU time times a multiplier, rounded up to whole seconds;
 * submissions expected to fail are also run under a higher limit (the limit
 * times a safety margin), and a verdict they get under either counts, as
 * problemtools counts it.
 *
 *                     legacy format           2023-07 format
 *   multiplier        limits.time_multiplier  limits.time_multipliers.ac_to_time_limit   (5 / 2)
 *   safety margin     limits.time_safety_margin  limits.time_multipliers.time_limit_to_tle  (2 / 1.5)
 */

#define TIMELIMIT_PROBE_MS 10000	/* what accepted submissions run under while the limit is found */

/* The problem's multiplier and margin, its format's defaults where it gives none. */
void timelimit_rules(const struct problem *p, double *multiplier, double *margin);

/*
 * Pure: slowest x multiplier rounded up to a multiple of `resolution_ms`
 * (at least one): 2023-07's limits.time_resolution, "the smallest integer
 * multiple of time_resolution" that slowest x multiplier does not exceed;
 * whole seconds (1000) for a package that gives none.
 */
int64_t timelimit_from_slowest(int64_t slowest_ms, double multiplier, int64_t resolution_ms);

/* The problem's resolution in ms: limits.time_resolution, else 1 s. */
int64_t timelimit_resolution_ms(const struct problem *p);

/* "whole seconds" or "a multiple of 250 ms": how a derived limit was rounded, for reports. */
const char *timelimit_rounding_text(int64_t resolution_ms, char *buf, size_t len);

/* Pure: the higher limit, limit x margin rounded up to a millisecond. */
int64_t timelimit_high(int64_t limit_ms, double margin);

/*
 * Pure: the verdict a run made under a higher CPU limit would have had under
 * `limit_ms` (wall limit 3 x limit + 1 s): its first test over that limit is
 * TLE, unless an earlier test already failed.
 */
enum verdict timelimit_verdict_at(const struct testrun *tr, int64_t limit_ms);

/*
 * Pure: marks every test of `tr` that ran over `limit_ms` (or its wall
 * limit) TLE, without a score, as it would have been under that limit; a
 * scoring problem then grades its groups again (testrun_aggregate(),
 * testrun_score()).  Returns how many tests changed.
 */
size_t timelimit_relabel(struct testrun *tr, int64_t limit_ms);

#endif
