#ifndef JUDGE_SLOT_H
#define JUDGE_SLOT_H

#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "redis_url.h"

/*
 * One slot of a worker: a process of its own, pinned to one CPU, that takes
 * one job at a time from the consumer group, judges it with the code path of
 * `judge test`, and publishes its one final result.  Theory of operation:
 *
 *   next job   XAUTOCLAIM entries idle past claim_idle_ms (their worker
 *              died), else XREADGROUP a new one (BLOCK 1 s)
 *   attempt    the entry's delivery count (XPENDING); past max_attempts
 *              the job ends as IE without being run again
 *   judge      problem from the cache (or Redis, by content hash), prepared
 *              once and kept; the compile from the cache; testrun_source()
 *   finish     one Lua script: SET NX judge:result:<id>, and only if that
 *              set it, XADD judge:results; then XACK.  A repeat (a second
 *              delivery, a retry after a dropped reply) changes nothing.
 *
 * While a job runs, the worker's main process keeps the entry's idle time
 * low (XCLAIM JUSTID), so only a dead worker's jobs are taken over.
 */
struct slot_cfg {
	struct redis_url url;
	char worker[128];		/* --name */
	char consumer[192];		/* set by the slot: worker/index/pid, unique per process */
	int index, cpu;			/* cpu -1: not pinned */
	const char *cache_dir;
	int64_t cache_bytes;
	int claim_idle_ms, max_attempts;
	int64_t result_ttl_s;		/* judge:result:<id> expires after this; 0: never */
	int64_t results_maxlen;		/* judge:results keeps about this many; 0: all */
	size_t max_source;
	const char *policies_dir;
};

/* Shared with the worker's main process (a MAP_SHARED page), for heartbeats. */
struct slot_state {
	volatile pid_t pid;
	char job[65];			/* the job being judged, "" when idle */
	char entry[32];			/* its stream entry id */
	volatile int64_t since_ms;
	volatile uint64_t done;
	char tmpdir[PATH_MAX];		/* the slot's private TMPDIR, removed by the worker */
};

/* TMPDIR/judge-slot-PID-XXXXXX */
#define SLOT_TMP_PREFIX "judge-slot-"

/* The consumer name of a slot process: worker/index/pid. */
void slot_consumer(const char *worker, int index, pid_t pid, char *out, size_t len);

/* SIGTERM: finish the job held, then exit 0.  SIGINT: abort it as IE, then exit. */
void __attribute__((noreturn)) slot_main(const struct slot_cfg *cfg, struct slot_state *st);

#endif
