#ifndef JUDGE_PKGSTORE_H
#define JUDGE_PKGSTORE_H

#include <limits.h>

#include "cache.h"
#include "rconn.h"
#include "util.h"

/*
 * Problem packages in Redis, by content hash (SPEC §6, `judge problem push`).
 * A package is the hash `judge:problem:<id>`: field "@name" holds the
 * directory's name, "f:<path>" each regular file's bytes and "x:<path>"
 * marks the executable ones.  The id is SHA-256 over the name and, in
 * bytewise path order, each file's path, executable bit, size and bytes;
 * a worker recomputes it after the fetch, so a package that changed in
 * Redis is refused rather than judged with.
 */
#define PKGSTORE_PREFIX "judge:problem:"

/* Reads DIR and stores it unless present; the id in `id`.  0, or -1 with err. */
int pkgstore_push(struct rconn *rc, const char *dir, char id[65], struct jerr *err);

/*
 * The package `id`, from the cache or else fetched into it, held in `e`;
 * `dir` gets the problem's directory inside the entry.  1 found, 0 no such
 * problem in Redis, -1 error (err: key "problem").
 */
int pkgstore_fetch(struct rconn *rc, struct cache *c, const char *id, struct cache_entry *e,
		   char *dir, size_t len, struct jerr *err);

#endif
