#ifndef JUDGE_PROGCACHE_H
#define JUDGE_PROGCACHE_H

#include "cache.h"
#include "testrun.h"

/*
 * Compiled programs in a cache (cache.h: the worker's, or `judge grade`'s
 * in its scratch directory), under the kind "programs": the key
 * is SHA-256 over the language's policy file, the compiler's identity (its
 * resolved path, size and mtime: an upgraded compiler makes new keys), and
 * the source's name and bytes.  An entry holds the workspace as the compile
 * left it (ws/) and the compile's result (result.json), so a CE is kept too
 * and its message given again.
 */
struct progcache {
	struct cache *c;
	struct testrun_compiled hooks;	/* what testrun_opts.compiled points at */
	unsigned hits, misses;
};

void progcache_init(struct progcache *pc, struct cache *c);

/* Pure but for reading the files named: the key for this policy and workspace. */
int progcache_key(const struct policy *pol, const struct workspace *ws, char key[65]);

#endif
