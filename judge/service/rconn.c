#include "rconn.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#define BACKOFF_FIRST_MS	50
#define BACKOFF_MAX_MS		2000
/* A blocking read (XREADGROUP BLOCK) waits at most a few seconds; a reply later than this means a dead server. */
#define IO_TIMEOUT_S		30

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

static int64_t now_ms(void)
{
	return util_now_ns() / 1000000;
}

static void drop(struct rconn *rc)
{
	if (rc->c)
		redisFree(rc->c);
	rc->c = NULL;
	rc->unread = 0;
}

/* Reads and drops the replies to posted commands; a broken connection is dropped with them. */
static void read_posted(struct rconn *rc)
{
	while (rc->unread > 0 && rc->c) {
		void *reply = NULL;

		if (redisGetReply(rc->c, &reply) != REDIS_OK) {
			snprintf(rc->err, sizeof(rc->err), "%s", rc->c->errstr);
			drop(rc);
			return;
		}
		freeReplyObject(reply);
		rc->unread--;
	}
}

/* One attempt: connect, AUTH, SELECT.  0, or -1 with rc->err. */
static int connect_once(struct rconn *rc)
{
	struct timeval tv = { 5, 0 }, io = { IO_TIMEOUT_S, 0 };
	const struct redis_url *u = &rc->url;
	redisReply *r;

	drop(rc);
	rc->c = u->path[0] ? redisConnectUnixWithTimeout(u->path, tv) :
			     redisConnectWithTimeout(u->host, u->port, tv);
	if (!rc->c || rc->c->err) {
		if (u->path[0])
			util_message(rc->err, sizeof(rc->err), "cannot connect to %s: %s", u->path,
				     rc->c ? rc->c->errstr : "out of memory");
		else
			util_message(rc->err, sizeof(rc->err), "cannot connect to %s:%d: %s", u->host,
				     u->port, rc->c ? rc->c->errstr : "out of memory");
		drop(rc);
		return -1;
	}
	redisSetTimeout(rc->c, io);
	if (u->pass[0]) {
		r = u->user[0] ? redisCommand(rc->c, "AUTH %s %s", u->user, u->pass) :
				 redisCommand(rc->c, "AUTH %s", u->pass);
		if (!r || r->type == REDIS_REPLY_ERROR) {
			snprintf(rc->err, sizeof(rc->err), "AUTH: %s",
				 r ? r->str : rc->c->errstr);
			freeReplyObject(r);
			drop(rc);
			return -1;
		}
		freeReplyObject(r);
	}
	if (u->db) {
		r = redisCommand(rc->c, "SELECT %d", u->db);
		if (!r || r->type == REDIS_REPLY_ERROR) {
			snprintf(rc->err, sizeof(rc->err), "SELECT %d: %s", u->db,
				 r ? r->str : rc->c->errstr);
			freeReplyObject(r);
			drop(rc);
			return -1;
		}
		freeReplyObject(r);
	}
	return 0;
}

static bool stopped(const struct rconn *rc)
{
	return rc->stop && *rc->stop;
}

/* Sleeps the next backoff step; false when it is time to give up. */
static bool backoff(struct rconn *rc, int *delay, int64_t start)
{
	if (stopped(rc) || (rc->give_up_ms && now_ms() - start >= rc->give_up_ms))
		return false;
	sleep_ms(*delay);
	*delay = *delay * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : *delay * 2;
	return !stopped(rc);
}

int rconn_open(struct rconn *rc, const struct redis_url *u, int give_up_ms)
{
	int delay = BACKOFF_FIRST_MS;
	int64_t start = now_ms();

	/*
	 * A write to a connection the server dropped must fail with EPIPE, not
	 * kill us: hiredis leaves SIGPIPE to its caller.  Programs the judge
	 * starts get default dispositions back (util_reset_signals).
	 */
	signal(SIGPIPE, SIG_IGN);
	memset(rc, 0, sizeof(*rc));
	rc->url = *u;
	rc->give_up_ms = give_up_ms;
	while (connect_once(rc) < 0)
		if (!backoff(rc, &delay, start))
			return -1;
	return 0;
}

void rconn_close(struct rconn *rc)
{
	drop(rc);
}

/* Sends a command already in Redis's wire format, retrying as the header says. */
static redisReply *send_formatted(struct rconn *rc, const char *cmd, size_t len)
{
	int delay = BACKOFF_FIRST_MS;
	int64_t start = now_ms();

	for (;;) {
		void *reply = NULL;

		read_posted(rc);
		if (rc->c || connect_once(rc) == 0) {
			if (redisAppendFormattedCommand(rc->c, cmd, len) == REDIS_OK &&
			    redisGetReply(rc->c, &reply) == REDIS_OK) {
				redisReply *r = reply;

				/* a restarted server answers LOADING until its data is back */
				if (!rconn_is_error(r, "LOADING") && !rconn_is_error(r, "MASTERDOWN"))
					return r;
				snprintf(rc->err, sizeof(rc->err), "%s", r->str);
				freeReplyObject(r);
			} else {
				snprintf(rc->err, sizeof(rc->err), "%s", rc->c->errstr);
				drop(rc);
			}
		}
		if (!backoff(rc, &delay, start))
			return NULL;
	}
}

redisReply *rconn_cmd(struct rconn *rc, const char *fmt, ...)
{
	va_list ap;
	char *cmd = NULL;
	int len;
	redisReply *r;

	va_start(ap, fmt);
	len = redisvFormatCommand(&cmd, fmt, ap);
	va_end(ap);
	if (len < 0) {
		snprintf(rc->err, sizeof(rc->err), "cannot format the command");
		return NULL;
	}
	r = send_formatted(rc, cmd, (size_t)len);
	free(cmd);
	return r;
}

redisReply *rconn_argv(struct rconn *rc, int argc, const char **argv, const size_t *lens)
{
	char *cmd = NULL;
	long long len = redisFormatCommandArgv(&cmd, argc, argv, lens);
	redisReply *r;

	if (len < 0) {
		snprintf(rc->err, sizeof(rc->err), "cannot format the command");
		return NULL;
	}
	r = send_formatted(rc, cmd, (size_t)len);
	free(cmd);
	return r;
}

int rconn_post(struct rconn *rc, const char *fmt, ...)
{
	va_list ap;
	char *cmd = NULL;
	int len, done = 0;

	read_posted(rc);
	if (!rc->c && connect_once(rc) < 0)
		return -1;
	va_start(ap, fmt);
	len = redisvFormatCommand(&cmd, fmt, ap);
	va_end(ap);
	if (len < 0) {
		snprintf(rc->err, sizeof(rc->err), "cannot format the command");
		return -1;
	}
	if (redisAppendFormattedCommand(rc->c, cmd, (size_t)len) != REDIS_OK)
		goto broken;
	while (!done)
		if (redisBufferWrite(rc->c, &done) != REDIS_OK)
			goto broken;
	rc->unread++;
	free(cmd);
	return 0;
broken:
	snprintf(rc->err, sizeof(rc->err), "%s", rc->c->errstr);
	drop(rc);
	free(cmd);
	return -1;
}

bool rconn_is_error(const redisReply *r, const char *code)
{
	size_t n = strlen(code);

	return r && r->type == REDIS_REPLY_ERROR && r->str && strncmp(r->str, code, n) == 0 &&
	       (r->str[n] == ' ' || r->str[n] == '\0');
}
