#ifndef JUDGE_SUBMETA_H
#define JUDGE_SUBMETA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strlist.h"
#include "util.h"
#include "verdict.h"

/*
 * What a package says about its example submissions beyond the folder they
 * sit in, for `judge verify`:
 *
 *   submissions.json (DOMjudge, at the package root): per submission path
 *     ("submissions/accepted/multi/"), its entry_point and langid (team is
 *     read and ignored: it only says who submits it in a contest).
 *   submissions/submissions.yaml (Kattis 2025-09): per glob over paths below
 *     submissions/ ("accepted", "{a,b}.cpp", a * within one name), language, entrypoint, and
 *     the verdicts the submission's tests must get: permitted (every test's
 *     verdict among them), required (at least one test's), score (a number
 *     or [low, high]), message (a substring of some test's judge message),
 *     each also under a test-group glob ("secret/group1", "secret/g*")
 *     for the tests in it.  A key that names a default folder ("accepted",
 *     "time_limit_exceeded") replaces that folder's own rule.
 *
 * Verdict words are Kattis's AC, WA, TLE, RTE (a run-time error: RE, and
 * here also MLE, OLE and RF, which Kattis reports as run-time errors) or
 * this judge's own names.
 */

#define SUBMETA_ANY	(-1)	/* permitted/required not given: any verdict */

/* use_for_time_limit, as given (lower and upper also set permitted / required) */
enum submeta_use { SUBMETA_USE_UNSET, SUBMETA_USE_FALSE, SUBMETA_USE_LOWER, SUBMETA_USE_UPPER };

struct submeta_expect {
	char *tests;		/* test glob relative to data/ ("secret/g1"); NULL: every test */
	int permitted, required;	/* bit 1 << verdict, or SUBMETA_ANY */
	bool has_score;
	double score_lo, score_hi;
	char *message;		/* NULL: none required */
	enum submeta_use use;
};

struct submeta_rule {
	char *glob;		/* below submissions/, as written */
	bool folder;		/* the glob is one default folder's name: it replaces its rule */
	bool builtin;		/* a default folder's rule, not in the file (submeta_defaults()) */
	bool replaces;		/* a default folder's rule for all its tests: the folder's verdict set gives way */
	char *language, *entry;	/* NULL when not given */
	struct submeta_expect *expect;
	size_t n_expect;
};

struct submeta {
	/* submissions.json: paths below submissions/, no trailing '/' */
	struct strlist dj_path, dj_entry, dj_lang;	/* parallel; "" when not given */
	struct submeta_rule *rules;	/* submissions.yaml, in file order */
	size_t n_rules;
};

/*
 * Reads both files when present, then gives the default folders their
 * rules (below).  0, or -1 with `err` (file, key, line and column).
 */
int submeta_load(const char *root, bool format_2023, struct submeta *m, struct jerr *err);
void submeta_free(struct submeta *m);

/*
 * Kattis 2025-09 (2023-07) "Default directories", each a rule on every test:
 *
 *   accepted             permitted [AC]
 *   rejected             required  [RTE, TLE, WA]
 *   wrong_answer         permitted [AC, WA]        required [WA]
 *   time_limit_exceeded  permitted [AC, TLE]       required [TLE]
 *   run_time_error       permitted [AC, RTE]       required [RTE]
 *   brute_force          permitted [AC, RTE, TLE]  required [RTE, TLE]
 *
 * A submissions.yaml key that names one of them inherits what it leaves out.
 * In a 2023-07 (or later) package every one of them is a rule; in a legacy
 * package, whose folders mean the submission's final verdict (expect.h),
 * only brute_force/, which only the new format defines.
 */
void submeta_defaults(struct submeta *m, bool format_2023);
/*
 * Pure: whether `glob` (with {a,b} alternatives; '*' does not cross '/')
 * matches `path` or one of its parent folders, as Kattis matches both
 * submissions and test groups.
 */
bool submeta_glob_match(const char *glob, const char *path);

/*
 * For the submission at `rel` (below submissions/): its entry point and
 * language as the package gives them (NULL when it does not; submissions.json
 * first, then the last matching submissions.yaml rule), and the rules that
 * apply to it (rules[] pointers into m, at most `max`; their count).
 */
const char *submeta_entry(const struct submeta *m, const char *rel);
const char *submeta_language(const struct submeta *m, const char *rel);
size_t submeta_rules_for(const struct submeta *m, const char *rel,
			 const struct submeta_rule **rules, size_t max);

/* One test as judged, for submeta_met(). */
struct submeta_test {
	const char *name;	/* relative to data/, no extension: "secret/g1/03" */
	enum verdict verdict;	/* the compile's CE or IE when it never ran */
	const char *message;	/* its judge message, may be NULL */
	int64_t cpu_ms;		/* -1: it never ran */
};

/*
 * Kattis's time-limit inference (2025-09 "Timelimit inference"), per
 * expectation: one that does not permit TLE bounds the limit from below
 * (limit >= slowest of its tests x ac_to_time_limit), one whose required
 * set is exactly TLE bounds it from above (limit x time_limit_to_tle <=
 * slowest of its tests); use_for_time_limit: false opts out, lower and
 * upper opt in (and stand for permitted [AC, WA, RTE] and required [TLE]).
 */
enum submeta_bound { SUBMETA_BOUND_NONE, SUBMETA_BOUND_LOWER, SUBMETA_BOUND_UPPER };
enum submeta_bound submeta_bound(const struct submeta_expect *e);

/* Pure: the slowest CPU time over the tests `e` applies to, -1 when none ran. */
int64_t submeta_slowest_ms(const struct submeta_expect *e, const struct submeta_test *tests, size_t n);

/*
 * Pure: whether a test glob matches the test group `group` itself (not a
 * group inside it), for a score, which is a group's aggregate.
 */
bool submeta_group_match(const char *glob, const char *group);

/* A group's score, for a score under a test-group glob. */
struct submeta_group {
	const char *name;	/* "secret/g1" */
	double score;
};

/*
 * Pure: whether tests[] (and the submission's `score`, when `scored`) meet
 * every expectation of `r`.  false with `why` saying which one failed.
 */
bool submeta_met(const struct submeta_rule *r, const struct submeta_test *tests, size_t n,
		 bool scored, double score, const struct submeta_group *groups, size_t n_groups,
		 char *why, size_t len);

/* "permitted AC,WA; required WA": for tables. */
void submeta_text(const struct submeta_rule *r, char *buf, size_t len);

#endif
