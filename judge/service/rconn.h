#ifndef JUDGE_RCONN_H
#define JUDGE_RCONN_H

#include <hiredis/hiredis.h>
#include <signal.h>
#include <stdbool.h>

#include "redis_url.h"

/*
 * A Redis connection that survives the server: a dropped connection, a
 * restart, or a server still loading its append-only file makes each command
 * wait with growing backoff (50 ms doubling to 2 s) and go again on a fresh
 * connection.  Commands are therefore sent at least once; every writer in
 * the service is written so that a repeat does no harm (SPEC §6: one final
 * result per job is kept by SET NX, not by sending once).
 */
struct rconn {
	struct redis_url url;
	redisContext *c;
	int give_up_ms;			/* stop retrying after this long; 0 = never */
	volatile sig_atomic_t *stop;	/* when set and non-zero, stop retrying */
	char err[256];			/* why the last command got no reply */
	int unread;			/* replies to rconn_post's commands not read yet */
};

/* Connects (with the same retries as a command).  0, or -1 with rc->err. */
int rconn_open(struct rconn *rc, const struct redis_url *u, int give_up_ms);
void rconn_close(struct rconn *rc);

/*
 * Sends one command (hiredis format: "%s" for a C string, "%b" for bytes
 * and length) and returns its reply, an error reply included; NULL with
 * rc->err when the server stayed out of reach past give_up_ms or *stop.
 */
redisReply *rconn_cmd(struct rconn *rc, const char *fmt, ...);
redisReply *rconn_argv(struct rconn *rc, int argc, const char **argv, const size_t *lens);

/*
 * Sends one command without waiting for its reply, for writes that may be
 * lost (progress events): the reply is read, and dropped, before the
 * connection's next command, by when it has long arrived.  So a test's
 * event costs no round trip to the server.  A broken connection is dropped
 * with what was sent on it, without retrying; the next command reconnects.
 * 0, or -1 with rc->err.
 */
int rconn_post(struct rconn *rc, const char *fmt, ...);

/* Whether a reply is an error reply starting with `code` ("BUSYGROUP", "NOGROUP"). */
bool rconn_is_error(const redisReply *r, const char *code);

#endif
