/*
 * judge status --redis URL: the workers alive (their heartbeats), their
 * slots and what each is judging, the queue's length, the jobs pending per
 * worker, and the results of the last minute.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "rconn.h"
#include "service.h"

static long long integer(redisReply *r)
{
	long long v = r && r->type == REDIS_REPLY_INTEGER ? r->integer : 0;

	freeReplyObject(r);
	return v;
}

static void print_workers(struct rconn *rc, redisReply *pend)
{
	char cursor[32] = "0";
	int n = 0;

	printf("workers:\n");
	do {
		redisReply *r = rconn_cmd(rc, "SCAN %s MATCH " SVC_WORKER_PREFIX "* COUNT 1000", cursor);

		if (!r || r->type != REDIS_REPLY_ARRAY || r->elements != 2) {
			freeReplyObject(r);
			break;
		}
		snprintf(cursor, sizeof(cursor), "%s", r->element[0]->str);
		for (size_t i = 0; i < r->element[1]->elements; i++) {
			redisReply *g = rconn_cmd(rc, "GET %s", r->element[1]->element[i]->str);
			json_t *w = g && g->type == REDIS_REPLY_STRING ? json_loads(g->str, 0, NULL) : NULL;
			const char *name = json_string_value(json_object_get(w, "name"));
			long long pending = 0;
			size_t len = name ? strlen(name) : 0;

			/* consumers are worker/slot/pid: a worker's pending jobs are its slots' */
			if (pend && pend->type == REDIS_REPLY_ARRAY && pend->elements == 4 &&
			    pend->element[3]->type == REDIS_REPLY_ARRAY)
				for (size_t c = 0; c < pend->element[3]->elements; c++) {
					redisReply *e = pend->element[3]->element[c];

					if (name && strncmp(e->element[0]->str, name, len) == 0 &&
					    e->element[0]->str[len] == '/')
						pending += atoll(e->element[1]->str);
				}
			if (w) {
				json_t *busy = json_object_get(w, "busy");

				printf("  %-24s host %s pid %lld  slots %lld  busy %zu  pending %lld  done %lld%s\n",
				       name ? name : "?", json_string_value(json_object_get(w, "host")) ?: "?",
				       json_integer_value(json_object_get(w, "pid")),
				       json_integer_value(json_object_get(w, "slots")), json_array_size(busy),
				       pending, json_integer_value(json_object_get(w, "done")),
				       json_is_true(json_object_get(w, "stopping")) ? "  (stopping)" : "");
				n++;
			}
			json_decref(w);
			freeReplyObject(g);
		}
		freeReplyObject(r);
	} while (strcmp(cursor, "0") != 0);
	if (!n)
		printf("  none alive\n");
}

int cmd_status(int argc, char **argv)
{
	struct redis_url u;
	struct rconn rc;
	struct jerr err;
	const char *url = NULL;
	redisReply *pend, *r;
	long long queued, judging = 0, per_min = 0;
	char from[32];

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--redis") == 0 && i + 1 < argc)
			url = argv[++i];
		else if (strncmp(argv[i], "--redis=", 8) == 0)
			url = argv[i] + 8;
		else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			puts("usage: judge status --redis URL\n"
			     "Workers alive, their slots, queue length, jobs pending per worker, jobs per minute.");
			return 0;
		} else {
			url = NULL;
			break;
		}
	}
	if (!url) {
		fputs("usage: judge status --redis URL\n", stderr);
		return 2;
	}
	if (redis_url_parse(url, &u, &err) < 0)
		return commands_fail_input(&err);
	if (rconn_open(&rc, &u, 5000) < 0) {
		fprintf(stderr, "judge: --redis: %s\n", rc.err);
		return 2;
	}
	queued = integer(rconn_cmd(&rc, "XLEN %s", SVC_JOBS));
	pend = rconn_cmd(&rc, "XPENDING %s %s", SVC_JOBS, SVC_GROUP);
	snprintf(from, sizeof(from), "%lld", (long long)(svc_now_ms() - 60000));
	r = rconn_cmd(&rc, "XRANGE %s %s + COUNT 1000000", SVC_RESULTS, from);
	if (r && r->type == REDIS_REPLY_ARRAY)
		per_min = (long long)r->elements;
	freeReplyObject(r);
	print_workers(&rc, pend);
	/* a finished job's entry is deleted: what remains is waiting or being judged */
	if (pend && pend->type == REDIS_REPLY_ARRAY && pend->elements == 4)
		judging = pend->element[0]->integer;
	printf("queue: %lld waiting, %lld being judged\n", queued - judging, judging);
	printf("results: %lld in the last minute\n", per_min);
	freeReplyObject(pend);
	rconn_close(&rc);
	return 0;
}
