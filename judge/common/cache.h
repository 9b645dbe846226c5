#ifndef JUDGE_CACHE_H
#define JUDGE_CACHE_H

#include <limits.h>
#include <stdint.h>

#include "util.h"

/*
 * A disk cache: directories named by a content hash under a kind
 * ("problems", "programs"), bounded in total size, least recently used out
 * first, shared safely by every process that opens it (the workers of a
 * machine, the --jobs workers of one `judge grade`):
 *
 *   DIR/lock                 flock'ed exclusively while evicting
 *   DIR/tmp/fill-PID-XXXXXX  an entry being filled (mkdtemp, private)
 *   DIR/KIND/KEY/            a published entry: renamed in whole, never
 *                            written again; its mtime is its last use
 *
 * A reader holds LOCK_SH on the entry's directory while it uses it; the
 * evictor takes LOCK_EX without waiting and passes over entries in use, and
 * moves what it evicts out of the way with a rename before removing it, so
 * a reader sees a whole entry or none.  Every file is created with O_EXCL
 * and O_NOFOLLOW under a directory opened with O_NOFOLLOW: a link planted in
 * the cache is never followed.
 */
struct cache {
	int fd;				/* DIR, -1 when closed */
	char dir[PATH_MAX];
	int64_t max_bytes;
};

struct cache_entry {
	int fd;				/* the entry's directory, LOCK_SH held */
	char path[PATH_MAX];
};

/* Creates DIR (0700) and its layout if needed; removes fills of dead workers.  0 or -1 + err. */
int cache_open(struct cache *c, const char *dir, int64_t max_bytes, struct jerr *err);
void cache_close(struct cache *c);

/* 1: found, held in `e` and marked as just used; 0: absent; -1: bad kind or key. */
int cache_get(struct cache *c, const char *kind, const char *key, struct cache_entry *e);
void cache_release(struct cache_entry *e);

/* A fresh private directory to fill (path in `tmp`): 0, or -1 with errno. */
int cache_begin(struct cache *c, char *tmp, size_t len);
/*
 * Publishes a filled directory as KIND/KEY (another worker may have done so
 * first: then ours is dropped) and evicts down to the bound.  0 or -1; the
 * temporary directory is gone either way.
 */
int cache_commit(struct cache *c, const char *kind, const char *key, const char *tmp);

/* Removes least recently used entries not in use until the total is within max_bytes; the total after. */
int64_t cache_evict(struct cache *c);

/*
 * Copies the regular files and directories below src_fd into dst_fd, as
 * O_EXCL|O_NOFOLLOW creations keeping the executable bits; links and special
 * files are skipped, and names that already exist in dst are left alone.
 */
int cache_copy_tree(int src_fd, int dst_fd);

/* Whether s is a cache key: 64 lowercase hex digits. */
int cache_key_valid(const char *s);

#endif
