#ifndef JUDGE_POLICYCACHE_H
#define JUDGE_POLICYCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "policy.h"

/*
 * Loaded policies kept across judge processes, so that a one-shot `judge
 * run` (and every compile, test and worker) does not parse the same JSON
 * again: about 0.2 ms of a 2.5 ms run.
 *
 * Theory of operation.  policy_load is a function of what it reads: the
 * bytes of the files in the "extends" chain and the answers to the
 * "is this a regular file?" questions it asks while resolving names.  A
 * real load records both (struct policycache_rec); the entry stores them
 * beside the result.  A later load with the same key asks the same
 * questions again and reads the same files again: when every answer and
 * every byte is equal, the recorded result is what a load would produce,
 * and it is taken without parsing.  Anything else is a miss, and a miss is
 * just a load (and a new entry).  Errors are never stored.
 *
 * The key: the judge's build (its ELF build id: another build may lay out
 * or resolve a policy differently), the name or path asked for, the
 * policies directory and, when either is relative, the working directory.
 *
 * The entry also carries the seccomp program filter_compile made for the
 * policy, handed to filter.c's in-process cache on a hit: the compile is
 * another 50 us.
 *
 * Where: JUDGE_POLICY_CACHE=0 turns the cache off and JUDGE_POLICY_CACHE=DIR
 * names the directory; else /run/judge/policies for root,
 * $XDG_RUNTIME_DIR/judge/policies, $XDG_CACHE_HOME/judge/policies or
 * ~/.cache/judge/policies for other users (the first whose parent exists
 * and is theirs).  A writable cache would be a way around every policy, so
 * the directory must be the user's, mode 0700 and no link, and each entry
 * a regular file of the user's with a single link and no group or other
 * write bit; anything else is a miss.  Entries are written to a new file
 * and renamed into place, so a reader sees a whole entry or none, and read
 * through a bounds-checked parser behind a CRC.  At most
 * POLICYCACHE_MAX_ENTRIES entries: a store removes the oldest beyond it.
 *
 * Nothing here can fail a load: every problem with the cache is a miss.
 */

/*
 * Some 10 to 20 KiB each.  Language detection loads every policy (56 now),
 * and each build of the judge has entries of its own: room for four.
 */
#define POLICYCACHE_MAX_ENTRIES 256

/* What a load asked and read, in order. */
struct policycache_check {
	char *path;
	bool regular;
};

struct policycache_read {
	char *path;
	char *bytes;
	size_t len;
};

struct policycache_rec {
	struct policycache_check *checks;
	size_t n_checks;
	struct policycache_read *reads;
	size_t n_reads;
	bool unusable;		/* read something no replay can repeat (a pipe) */
};

void policycache_rec_check(struct policycache_rec *r, const char *path, bool regular);
/* st: what stat() said of path before it was read */
void policycache_rec_read(struct policycache_rec *r, const char *path, const char *bytes,
			  size_t len, const struct stat *st);
void policycache_rec_free(struct policycache_rec *r);

/* An entry's identity and its file name in the cache directory. */
struct policycache_key {
	char *material;		/* build id, name, dirs: compared in full on a hit */
	size_t len;
	char file[72];		/* sha256 of the material, ".pc" */
};

/* false: the cache is off or cannot be used here (then nothing else is called). */
bool policycache_key(struct policycache_key *k, const char *name_or_path, const char *policies_dir);
void policycache_key_free(struct policycache_key *k);

/*
 * 1: a hit, `out` (as policy_load's defaults left it) holds the policy;
 * 0: a miss, `out` untouched; -1: a miss found late, with `out` cleared by
 * policy_free (the caller sets its defaults again).
 */
int policycache_get(const struct policycache_key *k, struct policy *out);
/* Stores what a successful load produced; silently does nothing on any failure. */
void policycache_put(const struct policycache_key *k, const struct policycache_rec *rec,
		     const struct policy *p);

/* What this process did with the cache: for the tests, and for --verbose some day. */
struct policycache_stats {
	unsigned long hits, stores;
};
const struct policycache_stats *policycache_stats(void);

/*
 * The directory in use (opened once per process and value of
 * JUDGE_POLICY_CACHE), or -1.  For the tests.
 */
int policycache_dir_fd(void);

#endif
