#ifndef JUDGE_TESTRUN_H
#define JUDGE_TESTRUN_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "checker.h"
#include "compile.h"
#include "excerpt.h"
#include "groupflags.h"
#include "problem.h"
#include "run.h"
#include "scoring.h"
#include "verdict.h"

/*
 * One source judged on one problem, shared by `judge test`, `grade` and
 * `verify`: compile once in a workspace, run every test (in order, or on
 * --jobs N pinned workers), check each output, and gather the results.
 *
 *   testrun_prepare(problem)     limits, checker or interactor (built once)
 *   testrun_source(source) x N   compile, run, check, aggregate
 *   report_testrun / table / junit the caller reports
 */

struct testrun;

/* Called in the judging process as each test's result comes in (any order with --jobs). */
typedef void testrun_progress_fn(void *arg, const struct testrun *tr, size_t index);
/* Called before a compile starts (not when an earlier compile is reused). */
typedef void testrun_compiling_fn(void *arg, const char *source);

/*
 * Compiled programs kept between submissions (judge worker's cache): restore
 * fills a fresh workspace with what an earlier compile of the same source
 * left there and returns 1 (cr filled), or 0 to compile; keep is offered
 * each compile that ran to V_OK or V_CE.
 */
struct testrun_compiled {
	int (*restore)(void *arg, const struct policy *pol, const struct workspace *ws,
		       struct compile_result *cr);
	void (*keep)(void *arg, const struct policy *pol, const struct workspace *ws,
		     const struct compile_result *cr);
	void *arg;
};

struct testrun_opts {
	const char *policies_dir;
	const char *policy;		/* -p; NULL: from the source's extension */
	const char *entry;		/* --entry: a directory submission's main file; NULL: found */
	const char *checker;		/* -c; NULL: the problem's own */
	struct limits lim;		/* the command line's values ... */
	bool time_set, wall_set, memory_set, output_set;	/* ... and which were given */
	enum run_mode mode;
	bool fail_fast;			/* stop at the first test that is not AC */
	int jobs;			/* tests run at once, each worker on its own CPU */
	testrun_progress_fn *progress;
	testrun_compiling_fn *compiling;
	void *progress_arg;		/* for progress and compiling */
	const char *keep_outputs;	/* --keep-outputs DIR: every test's stdout and stderr */
	const struct testrun_compiled *compiled;	/* NULL: always compile */
};

struct testrun_test {
	const char *name;		/* the problem's */
	bool ran;			/* false: not run (CE, or --fail-fast stopped before it) */
	struct result res;
	struct excerpt ex;		/* its stderr, and for WA its first difference */
};

struct testrun {
	char *source;
	char *language;			/* the policy's name, or NULL when none was found */
	char *entry;			/* a directory submission's main file; NULL for a file */
	enum verdict verdict;		/* the first non-AC test's, else AC; CE/IE from compiling;
					 * IE when interrupted */
	bool interrupted;		/* SIGINT/SIGTERM/SIGHUP cut the run short */
	struct compile_result comp;	/* .verdict V_OK, V_CE or V_IE; .message owned */
	struct limits lim;		/* what each test ran under */
	size_t passed, total, n_ran;
	struct testrun_test *tests;	/* total of them, in the problem's order */
	long first_fail;		/* index of the first non-AC test, -1 if none */
	int64_t max_cpu_ms, max_wall_ms, max_memory_kib;
	/*
	 * A scoring problem's score (verdict is then its root group's, as
	 * scoring.h grades it), or elsewhere the sum of the tests' scores when
	 * a checker gave any (an accepted test without one counts 1).
	 */
	bool scored;
	double score, max_score;	/* max_score NAN when not known */
	struct testrun_group *groups;	/* a scoring problem's groups, root first; owned */
	size_t n_groups;
};

struct testrun_group {
	char *name;			/* "" for data/ itself, "secret/group1" */
	struct score_group_result r;
};

struct testrun_ctx {
	const struct problem *p;
	struct testrun_opts o;
	struct limits lim;
	struct checker chk;		/* for non-interactive problems */
	struct score_tree groups;	/* a scoring problem's groups (testdata.h) */
	struct groupflags gflags;	/* groups' own validator flags, and their checkers */
	bool interactive;
	char interactor[PATH_MAX];	/* built or found by trusted_prepare */
	char scratch[PATH_MAX];		/* private: outputs for external checkers, feedback dirs */
	int keep_fd;			/* --keep-outputs: the directory, or -1 */
};

/*
 * Pure.  Each limit from the command line when given there, else the
 * problem's, else SPEC's default; the wall limit from -w, else 3 x time + 1000.
 */
void testrun_limits(const struct testrun_opts *o, const struct problem *p, struct limits *out);

/*
 * Limits, and the checker: -c when given; a plain folder's `checker`
 * (testlib style, built when it is a source); a Kattis package's output
 * validator with its validator_flags, or the default validator those flags
 * configure.  An interactive package's interactor is built here too.
 * Returns 0, or -1 with `err` (bad input: a broken problem).
 */
int testrun_prepare(const struct problem *p, const struct testrun_opts *o,
		    struct testrun_ctx *ctx, struct jerr *err);
void testrun_ctx_free(struct testrun_ctx *ctx);

/*
 * Judges `source`.  Returns 0 with `tr` filled, CE and IE included, or -1
 * with `err` for bad input about the source (unreadable, no language for its
 * extension, a policy that does not load); `tr` needs testrun_free() either way.
 */
int testrun_source(struct testrun_ctx *ctx, const char *source, struct testrun *tr,
		   struct jerr *err);

/*
 * testrun_source in steps, for a caller that spreads one source's tests over
 * several processes (judge grade --jobs): testrun_open fills tr's source,
 * language and compile result and returns 0 with *tp, the compiled program
 * in its workspace (NULL when the compile was not OK: no test to run), or
 * -1 with err as testrun_source.  testrun_test runs test i of the problem
 * with it (any process, any order: a test's result depends on nothing
 * else); testrun_finish aggregates and scores tr once every test's result
 * is in tr->tests[] with `ran` set; testrun_close (NULL is fine) removes the
 * workspace.
 */
struct testrun_prog;
int testrun_open(struct testrun_ctx *ctx, const char *source, struct testrun *tr,
		 struct testrun_prog **tp, struct jerr *err);
void testrun_test(const struct testrun_ctx *ctx, struct testrun_prog *tp, size_t i,
		  struct result *res, struct excerpt *ex);
void testrun_finish(const struct testrun_ctx *ctx, struct testrun *tr);
void testrun_close(struct testrun_prog *tp);
void testrun_free(struct testrun *tr);

/*
 * Pure: from the tests' results, fills verdict, passed, n_ran, first_fail
 * and the maxima.  With fail_fast, results after the first failure are
 * dropped, so the outcome does not depend on how --jobs interleaved.
 */
void testrun_aggregate(struct testrun *tr, bool fail_fast);

/*
 * Pure: the score of `tr` from its tests' results: a scoring problem's
 * groups graded as `groups` says (its verdict becomes the root group's when
 * every test ran), else the sum of the checker's points when it gave any.
 */
void testrun_score(struct testrun *tr, const struct problem *p, const struct score_tree *groups);

/*
 * The sources in `dir` (not below it), in natural order: regular files whose
 * extension names a language in policies_dir, or every regular file when
 * `any` (a policy was given with -p), and folders holding such files (each
 * one submission).  Others go to `skipped` when it is not NULL.  0, or -1 with `err` when dir cannot be read.
 */
int testrun_sources_in(const char *dir, const char *policies_dir, bool any, struct strlist *out,
		       struct strlist *skipped, struct jerr *err);

/* One line on why it is not AC ("test 3: wrong answer ..."), "" when AC; caller frees. */
char *testrun_summary(const struct testrun *tr);

#endif
