#ifndef JUDGE_GRADE_CACHE_H
#define JUDGE_GRADE_CACHE_H

#include "cache.h"
#include "progcache.h"
#include "testrun.h"

/*
 * judge grade's compiled programs: identical sources (same bytes and file
 * name, same language policy, same compiler) are compiled once, however
 * many students handed them in and however many --jobs workers judge them.
 * The programs live in the worker's cache layout (progcache) under the
 * grade's scratch directory; a lock file per key, held from the cache miss
 * to the end of the compile, makes a second worker wait for the first's
 * program rather than compile it again.
 */
struct grade_cache {
	struct cache c;
	struct progcache pc;
	struct testrun_compiled hooks;	/* what testrun_opts.compiled points at */
	char locks[PATH_MAX];
	int held;			/* the lock of the compile in progress, or -1 */
};

/* Under dir (made here).  0, or -1 with err. */
int grade_cache_open(struct grade_cache *gc, const char *dir, struct jerr *err);
/* Lets go of a lock a compile that ended without a program still holds. */
void grade_cache_done(struct grade_cache *gc);
void grade_cache_close(struct grade_cache *gc);

#endif
