#ifndef JUDGE_SERVICE_H
#define JUDGE_SERVICE_H

#include <stdint.h>
#include <sys/types.h>

/* SPEC §6: the names every client of the service relies on. */
#define SVC_JOBS		"judge:jobs"		/* stream; field "job": JSON */
#define SVC_GROUP		"judge-workers"		/* consumer group on SVC_JOBS */
#define SVC_EVENTS		"judge:events"		/* stream; field "event": JSON */
#define SVC_RESULTS		"judge:results"		/* stream; fields "id", "result": JSON */
#define SVC_RESULT_PREFIX	"judge:result:"		/* + job id: the final result */
#define SVC_WORKER_PREFIX	"judge:worker:"		/* + worker name: heartbeat, expires */

/* Events are progress only: the stream keeps about this many. */
#define SVC_EVENTS_MAXLEN	100000

/*
 * Results are kept for clients to read, not for ever: each result key
 * expires after a week and the results stream keeps about a million
 * entries (judge worker --result-ttl, --results-maxlen).
 */
#define SVC_RESULT_TTL_S	(7 * 86400)
#define SVC_RESULTS_MAXLEN	1000000

/* Milliseconds since the epoch. */
int64_t svc_now_ms(void);

#endif
