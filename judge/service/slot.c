#include "slot.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "cgroup.h"
#include "job.h"
#include "pkgstore.h"
#include "problem.h"
#include "progcache.h"
#include "rconn.h"
#include "report.h"
#include "service.h"
#include "testrun.h"

/*
 * Sets the result key and appends to the results stream only when the key
 * was not set yet, and acknowledges the entry either way: exactly one
 * final result per job id, however often this runs.  The job's entry is
 * then deleted: judge:jobs holds only the jobs not yet finished.
 * Retention: the key expires after ARGV[5] seconds (0: never) and the
 * stream keeps about ARGV[6] entries (0: all), trimmed as it grows.
 * KEYS: result key, results stream, jobs stream.
 * ARGV: result JSON, group, entry id, job id, key TTL, stream length.
 */
static const char finish_script[] =
	"local fresh\n"
	"if tonumber(ARGV[5]) > 0 then\n"
	"  fresh = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[5])\n"
	"else\n"
	"  fresh = redis.call('SET', KEYS[1], ARGV[1], 'NX')\n"
	"end\n"
	"if fresh then\n"
	"  if tonumber(ARGV[6]) > 0 then\n"
	"    redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[6], '*', 'id', ARGV[4], 'result', ARGV[1])\n"
	"  else\n"
	"    redis.call('XADD', KEYS[2], '*', 'id', ARGV[4], 'result', ARGV[1])\n"
	"  end\n"
	"end\n"
	"redis.call('XACK', KEYS[3], ARGV[2], ARGV[3])\n"
	"redis.call('XDEL', KEYS[3], ARGV[3])\n"
	"if fresh then return 1 else return 0 end\n";

#define PREPARED_MAX 8

/* A problem loaded and prepared (checker built) once, kept for the next jobs. */
struct prepared {
	char id[65];
	char *checker;			/* the job's -c override, NULL for the problem's own */
	struct cache_entry entry;	/* held: the evictor passes it by */
	struct problem p;
	struct testrun_ctx ctx;
	uint64_t used;
};

struct slot {
	const struct slot_cfg *cfg;
	struct slot_state *st;
	struct rconn rc;
	struct cache cache;
	struct progcache pc;
	struct prepared prep[PREPARED_MAX];
	uint64_t tick;
	char cursor[48];		/* XAUTOCLAIM's, "0-0" to start over */
	/* the job being judged, for its events */
	const char *job_id;
	/*
	 * Its events' JSON made once per job: the opening up to "index", and
	 * each test's name as a JSON string.  A test's event is then printed
	 * into ev_buf, with nothing allocated: after each launch's fork every
	 * heap page the slot writes costs a copy-on-write fault (docs/bench.md),
	 * and building the event with jansson wrote a dozen pages per test.
	 */
	char *ev_head;
	char **ev_names;
	size_t ev_n;
};

static volatile sig_atomic_t stopping;	/* first signal: take no new job */
static volatile sig_atomic_t aborting;	/* second: the job held ends as IE now */

static void on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

static void on_abort(int sig)
{
	stopping = 1;
	aborting = 1;
	util_interrupted = sig;	/* the trace loop kills the program, the test ends as IE */
}

int64_t svc_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void slot_consumer(const char *worker, int index, pid_t pid, char *out, size_t len)
{
	/* a long worker name is cut, never the index and pid that tell consumers apart */
	int tail = snprintf(NULL, 0, "/%d/%d", index, (int)pid);
	int room = (int)len - 1 - tail;

	snprintf(out, len, "%.*s/%d/%d", room > 0 ? room : 0, worker, index, (int)pid);
}

/* ==== Publishing ==== */

static void add_meta(json_t *r, struct slot *s, const char *id, const char *entry, long attempt,
		     int64_t queued, int64_t started)
{
	json_object_set_new(r, "id", json_string(id));
	json_object_set_new(r, "worker", json_string(s->cfg->worker));
	json_object_set_new(r, "consumer", json_string(s->cfg->consumer));
	json_object_set_new(r, "attempt", json_integer(attempt));
	json_object_set_new(r, "entry", json_string(entry));
	json_object_set_new(r, "queued_ms", json_integer(queued));
	json_object_set_new(r, "started_ms", json_integer(started));
	json_object_set_new(r, "finished_ms", json_integer(svc_now_ms()));
}

/* Retried until Redis takes it; only a second signal gives up (the job then stays pending, taken over later). */
static void finish(struct slot *s, const char *id, const char *entry, json_t *result)
{
	char *text = json_dumps(result, JSON_COMPACT);
	char key[128];
	redisReply *r;

	snprintf(key, sizeof(key), SVC_RESULT_PREFIX "%s", id);
	r = rconn_cmd(&s->rc, "EVAL %s 3 %s %s %s %s %s %s %s %lld %lld", finish_script, key,
		      SVC_RESULTS, SVC_JOBS, text, SVC_GROUP, entry, id,
		      (long long)s->cfg->result_ttl_s, (long long)s->cfg->results_maxlen);
	if (!r || r->type == REDIS_REPLY_ERROR)
		msg_error("worker %s: job %s: cannot store the result: %s", s->cfg->consumer, id,
			  r ? r->str : s->rc.err);
	freeReplyObject(r);
	free(text);
}

/* A job that is not judged: bad input, or given up.  verdict IE, and why. */
static json_t *error_result(const char *status, const char *field, const char *message)
{
	json_t *r = json_object(), *e = json_object();

	json_object_set_new(r, "status", json_string(status));
	json_object_set_new(r, "verdict", json_string("IE"));
	json_object_set_new(e, "field", field ? json_string(field) : json_null());
	json_object_set_new(e, "message", report_string(message));
	json_object_set_new(r, "error", e);
	json_object_set_new(r, "message", report_string(message));
	return r;
}

static json_t *rejected(const struct jerr *err)
{
	char msg[700];

	if (err->line)
		snprintf(msg, sizeof(msg), "bad job: %s: line %d, column %d: %s", err->key[0] ? err->key : "job",
			 err->line, err->col, err->msg);
	else
		snprintf(msg, sizeof(msg), "bad job: %s: %s", err->key[0] ? err->key : "job", err->msg);
	return error_result("rejected", err->key[0] ? err->key : "job", msg);
}

/* The event JSON of one job made ready: its opening, and every test's name. */
static void events_begin(struct slot *s, const struct testrun *tr)
{
	json_t *e = json_object();
	char *text;
	size_t len;

	json_object_set_new(e, "job", json_string(s->job_id));
	json_object_set_new(e, "worker", json_string(s->cfg->worker));
	json_object_set_new(e, "type", json_string("test"));
	text = json_dumps(e, JSON_COMPACT);
	json_decref(e);
	len = strlen(text);
	text[len - 1] = ',';	/* the closing brace: more keys follow */
	s->ev_head = text;
	s->ev_n = tr->total;
	s->ev_names = xcalloc(tr->total + 1, sizeof(*s->ev_names));
	for (size_t i = 0; i < tr->total; i++) {
		json_t *n = report_string(tr->tests[i].name);

		s->ev_names[i] = json_dumps(n, JSON_COMPACT | JSON_ENCODE_ANY);
		json_decref(n);
	}
}

static void events_end(struct slot *s)
{
	for (size_t i = 0; i < s->ev_n; i++)
		free(s->ev_names[i]);
	free(s->ev_names);
	free(s->ev_head);
	s->ev_names = NULL;
	s->ev_head = NULL;
	s->ev_n = 0;
}

/*
 * Progress: one event per test, best effort: posted without waiting for the
 * reply (rconn_post), so a slow Redis delays neither the verdict nor the
 * next test; lost only with a connection that broke meanwhile.  The same
 * JSON as jansson prints for the object {job, worker, type, index, total,
 * name, verdict, cpu_ms, memory_kb}.
 */
static void on_test(void *arg, const struct testrun *tr, size_t i)
{
	static char ev_buf[8192];
	struct slot *s = arg;
	const struct result *res = &tr->tests[i].res;
	char *text = ev_buf;
	int n;

	if (!s->ev_head)
		events_begin(s, tr);
	if (i >= s->ev_n || !s->ev_names[i])
		return;
#define EVENT_TAIL "\"index\":%zu,\"total\":%zu,\"name\":%s,\"verdict\":\"%s\",\"cpu_ms\":%lld,\"memory_kb\":%lld}"
#define EVENT_ARGS s->ev_head, i, tr->total, s->ev_names[i], verdict_name(res->verdict), \
	(long long)((res->use.cpu_ns + 500000) / 1000000), (long long)res->use.memory_kib
	n = snprintf(ev_buf, sizeof(ev_buf), "%s" EVENT_TAIL, EVENT_ARGS);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(ev_buf))	/* a very long test name */
		text = xasprintf("%s" EVENT_TAIL, EVENT_ARGS);
#undef EVENT_TAIL
#undef EVENT_ARGS
	rconn_post(&s->rc, "XADD %s MAXLEN ~ %d * event %s", SVC_EVENTS, SVC_EVENTS_MAXLEN, text);
	if (text != ev_buf)
		free(text);
}

/* ==== Judging ==== */

static void prepared_free(struct prepared *pr)
{
	if (!pr->id[0])
		return;
	testrun_ctx_free(&pr->ctx);
	problem_free(&pr->p);
	cache_release(&pr->entry);
	free(pr->checker);
	memset(pr, 0, sizeof(*pr));
}

/* The prepared problem for (id, checker): kept, or fetched and prepared now (evicting the least used). */
static struct prepared *prepare(struct slot *s, const struct job *j, json_t **bad)
{
	struct prepared *pr = NULL, *lru = &s->prep[0];
	struct testrun_opts o = { 0 };
	char dir[PATH_MAX + 300];
	struct jerr err;
	int got;

	for (int i = 0; i < PREPARED_MAX; i++) {
		struct prepared *p = &s->prep[i];

		if (p->id[0] && strcmp(p->id, j->problem) == 0 &&
		    ((!p->checker && !j->checker) || (p->checker && j->checker && !strcmp(p->checker, j->checker)))) {
			p->used = ++s->tick;
			return p;
		}
		if (!p->id[0] || p->used < lru->used)
			lru = p;
	}
	pr = lru;
	prepared_free(pr);
	got = pkgstore_fetch(&s->rc, &s->cache, j->problem, &pr->entry, dir, sizeof(dir), &err);
	if (got == 0) {
		*bad = error_result("rejected", "problem", "bad job: problem: no problem with this id in "
				    "Redis (push it with judge problem push)");
		return NULL;
	}
	if (got < 0) {
		*bad = rejected(&err);
		return NULL;
	}
	if (problem_load(dir, &pr->p, &err) < 0) {
		char msg[600];

		jerr_format(&err, msg, sizeof(msg));
		cache_release(&pr->entry);
		*bad = error_result("rejected", "problem", msg);
		return NULL;
	}
	o.policies_dir = s->cfg->policies_dir;
	o.checker = j->checker;
	o.jobs = 1;
	if (testrun_prepare(&pr->p, &o, &pr->ctx, &err) < 0) {
		char msg[600];

		jerr_format(&err, msg, sizeof(msg));
		problem_free(&pr->p);
		cache_release(&pr->entry);
		*bad = error_result("rejected", j->checker ? "checker" : "problem", msg);
		return NULL;
	}
	snprintf(pr->id, sizeof(pr->id), "%s", j->problem);
	pr->checker = j->checker ? xstrdup(j->checker) : NULL;
	pr->used = ++s->tick;
	return pr;
}

/* Writes one file of the job below dir, making the folders its name holds. */
static int write_file(const char *dir, const struct job_file *f)
{
	char path[PATH_MAX + JOB_NAME_MAX];
	size_t off = 0;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, f->name);
	for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	while (off < f->len) {
		ssize_t w = write(fd, f->content + off, f->len - off);

		if (w <= 0)
			break;
		off += (size_t)w;
	}
	return close(fd) == 0 && off == f->len ? 0 : -1;
}

/*
 * The sources under their own names in a fresh directory under the slot's
 * TMPDIR; `path` is then the one file, or for several the directory that
 * holds them (one submission).
 */
static int write_source(const struct job *j, char *dir, size_t dlen, char *path, size_t plen)
{
	snprintf(dir, dlen, "%s/job-XXXXXX", getenv("TMPDIR"));
	if (!mkdtemp(dir))
		return -1;
	for (size_t i = 0; i < j->n_files; i++)
		if (write_file(dir, &j->files[i]) < 0)
			return -1;
	if (j->n_files == 1 && !strchr(j->files[0].name, '/'))
		snprintf(path, plen, "%s/%s", dir, j->files[0].name);
	else
		snprintf(path, plen, "%s", dir);
	return 0;
}

static json_t *judge(struct slot *s, const struct job *j)
{
	struct prepared *pr;
	struct testrun_ctx *ctx;
	struct testrun tr;
	struct jerr err;
	char dir[PATH_MAX], path[PATH_MAX + 300];
	json_t *res = NULL;

	if (!(pr = prepare(s, j, &res)))
		return res;
	ctx = &pr->ctx;
	/* per job: its limits and options over the problem's; the checker was chosen at prepare */
	ctx->o.policy = j->language[0] ? j->language : NULL;
	ctx->o.entry = j->entry[0] ? j->entry : NULL;
	ctx->o.lim = j->lim;
	ctx->o.time_set = j->time_set;
	ctx->o.wall_set = j->wall_set;
	ctx->o.memory_set = j->memory_set;
	ctx->o.output_set = j->output_set;
	ctx->o.mode = j->mode_set ? j->mode : RUN_SECCOMP;
	ctx->o.fail_fast = j->fail_fast;
	ctx->o.jobs = 1;
	ctx->o.progress = on_test;
	ctx->o.progress_arg = s;
	ctx->o.compiled = &s->pc.hooks;
	testrun_limits(&ctx->o, &pr->p, &ctx->lim);
	if (write_source(j, dir, sizeof(dir), path, sizeof(path)) < 0) {
		char msg[PATH_MAX + 100];

		snprintf(msg, sizeof(msg), "cannot write the source under %s: %s", dir, strerror(errno));
		util_remove_tree(dir);
		return error_result("abandoned", NULL, msg);
	}
	s->job_id = j->id;
	if (testrun_source(ctx, path, &tr, &err) < 0) {
		/* what testrun_source refuses is about the source: its language or its name */
		snprintf(err.key, sizeof(err.key), "%s", j->language[0] ? "language" :
			 !strcmp(err.key, "entry") ? "entry" : j->n_files > 1 ? "sources" :
			 "sources[0].name");
		err.file[0] = '\0';
		res = rejected(&err);
	} else {
		res = report_testrun(&tr);
		json_object_set_new(res, "status", json_string("judged"));
		json_object_set_new(res, "problem", report_string(pr->p.name));
		json_object_set_new(res, "problem_id", json_string(j->problem));
	}
	testrun_free(&tr);
	util_remove_tree(dir);
	events_end(s);
	s->job_id = NULL;
	return res;
}

/* ==== Taking jobs ==== */

static void ensure_group(struct slot *s)
{
	redisReply *r = rconn_cmd(&s->rc, "XGROUP CREATE %s %s 0 MKSTREAM", SVC_JOBS, SVC_GROUP);

	freeReplyObject(r);
}

/* How many times the entry was delivered, the present time included; 0 if no longer pending. */
static long deliveries(struct slot *s, const char *entry)
{
	redisReply *r = rconn_cmd(&s->rc, "XPENDING %s %s %s %s 1", SVC_JOBS, SVC_GROUP, entry, entry);
	long n = 0;

	if (r && r->type == REDIS_REPLY_ARRAY && r->elements == 1 &&
	    r->element[0]->type == REDIS_REPLY_ARRAY && r->element[0]->elements == 4)
		n = (long)r->element[0]->element[3]->integer;
	freeReplyObject(r);
	return n;
}

static bool result_exists(struct slot *s, const char *id)
{
	redisReply *r = rconn_cmd(&s->rc, "EXISTS " SVC_RESULT_PREFIX "%s", id);
	bool yes = r && r->type == REDIS_REPLY_INTEGER && r->integer == 1;

	freeReplyObject(r);
	return yes;
}

static void ack(struct slot *s, const char *entry)
{
	freeReplyObject(rconn_cmd(&s->rc, "XACK %s %s %s", SVC_JOBS, SVC_GROUP, entry));
	freeReplyObject(rconn_cmd(&s->rc, "XDEL %s %s", SVC_JOBS, entry));
}

/* The job text of an entry [id, [field, value, ...]]; NULL when there is no field "job". */
static const redisReply *job_field(const redisReply *fields)
{
	if (!fields || fields->type != REDIS_REPLY_ARRAY)
		return NULL;
	for (size_t i = 0; i + 1 < fields->elements; i += 2)
		if (fields->element[i]->type == REDIS_REPLY_STRING &&
		    strcmp(fields->element[i]->str, "job") == 0 &&
		    fields->element[i + 1]->type == REDIS_REPLY_STRING)
			return fields->element[i + 1];
	return NULL;
}

static void handle(struct slot *s, const redisReply *entry)
{
	const char *eid = entry->element[0]->str;
	const redisReply *text = job_field(entry->elements > 1 ? entry->element[1] : NULL);
	char id[JOB_ID_MAX + 1];
	struct job j;
	struct jerr err;
	int64_t started = svc_now_ms(), queued = strtoll(eid, NULL, 10);
	long attempt = deliveries(s, eid);
	json_t *res;
	int parsed;

	if (attempt == 0)	/* acknowledged meanwhile by the worker it was taken from */
		return;
	memset(&j, 0, sizeof(j));
	if (!text) {
		jerr_set(&err, "", "job", "the entry has no field \"job\"");
		parsed = -1;
	} else {
		parsed = job_parse(text->str, text->len, s->cfg->max_source, &j, &err);
	}
	/* a job whose id cannot be read is known by its entry id */
	snprintf(id, sizeof(id), "%s", j.id[0] ? j.id : eid);
	if (j.submitted_ms)
		queued = j.submitted_ms;
	if (result_exists(s, id)) {	/* delivered again, or submitted twice */
		ack(s, eid);
		job_free(&j);
		return;
	}
	snprintf(s->st->job, sizeof(s->st->job), "%s", id);
	snprintf(s->st->entry, sizeof(s->st->entry), "%s", eid);
	s->st->since_ms = started;
	if (attempt > s->cfg->max_attempts) {
		char msg[256];

		snprintf(msg, sizeof(msg), "the job was given up after %d attempts: the worker judging "
			 "it died each time", s->cfg->max_attempts);
		res = error_result("abandoned", NULL, msg);
	} else if (parsed < 0) {
		res = rejected(&err);
	} else {
		res = judge(s, &j);
		if (aborting) {
			json_decref(res);
			res = error_result("abandoned", NULL, "the worker was stopped by a second signal "
					   "while judging this job");
		}
	}
	add_meta(res, s, id, eid, attempt, queued, started);
	finish(s, id, eid, res);
	json_decref(res);
	job_free(&j);
	s->st->job[0] = '\0';
	s->st->done++;
}

/* An entry taken over from a dead worker, or NULL (the reply is returned in *owner). */
static const redisReply *claim(struct slot *s, redisReply **owner)
{
	char idle[32];
	redisReply *r;

	snprintf(idle, sizeof(idle), "%d", s->cfg->claim_idle_ms);
	r = rconn_cmd(&s->rc, "XAUTOCLAIM %s %s %s %s %s COUNT 1", SVC_JOBS, SVC_GROUP, s->cfg->consumer,
		      idle, s->cursor);
	*owner = r;
	if (!r || r->type != REDIS_REPLY_ARRAY || r->elements < 2) {
		if (rconn_is_error(r, "NOGROUP"))
			ensure_group(s);
		return NULL;
	}
	if (r->element[0]->type == REDIS_REPLY_STRING)
		snprintf(s->cursor, sizeof(s->cursor), "%s", r->element[0]->str);
	if (r->element[1]->type == REDIS_REPLY_ARRAY && r->element[1]->elements >= 1) {
		const redisReply *e = r->element[1]->element[0];

		if (e->type == REDIS_REPLY_ARRAY && e->elements >= 1 && e->element[0]->type == REDIS_REPLY_STRING)
			return e;
	}
	return NULL;
}

/* A new entry (BLOCK 1 s), or NULL. */
static const redisReply *read_new(struct slot *s, redisReply **owner)
{
	redisReply *r = rconn_cmd(&s->rc, "XREADGROUP GROUP %s %s COUNT 1 BLOCK 1000 STREAMS %s >",
				  SVC_GROUP, s->cfg->consumer, SVC_JOBS);
	const redisReply *e;

	*owner = r;
	if (rconn_is_error(r, "NOGROUP"))
		ensure_group(s);
	if (!r || r->type != REDIS_REPLY_ARRAY || r->elements < 1)
		return NULL;
	r = r->element[0];	/* [stream, [entries]] */
	if (r->type != REDIS_REPLY_ARRAY || r->elements < 2 || r->element[1]->type != REDIS_REPLY_ARRAY ||
	    r->element[1]->elements < 1)
		return NULL;
	e = r->element[1]->element[0];
	return e->type == REDIS_REPLY_ARRAY && e->elements >= 1 && e->element[0]->type == REDIS_REPLY_STRING ?
	       e : NULL;
}

/* Leaves the group without losing anything: a consumer is deleted only with nothing pending. */
static void leave(struct slot *s)
{
	redisReply *r;

	s->rc.give_up_ms = 3000;
	r = rconn_cmd(&s->rc, "XPENDING %s %s - + 1 %s", SVC_JOBS, SVC_GROUP, s->cfg->consumer);
	if (r && r->type == REDIS_REPLY_ARRAY && r->elements == 0)
		freeReplyObject(rconn_cmd(&s->rc, "XGROUP DELCONSUMER %s %s %s", SVC_JOBS, SVC_GROUP,
					  s->cfg->consumer));
	freeReplyObject(r);
}

/*
 * The slot's private TMPDIR, named after its pid so that a worker starting
 * later removes it should this slot die without cleaning up.  Searchable by
 * others (0711): as root the program runs as another user in a workspace
 * below it.
 */
static int make_tmpdir(struct slot_state *st)
{
	const char *base = getenv("TMPDIR");

	if (!base || base[0] != '/' || strlen(base) > PATH_MAX / 2)
		base = "/tmp";
	snprintf(st->tmpdir, sizeof(st->tmpdir), "%s/" SLOT_TMP_PREFIX "%d-XXXXXX", base, (int)getpid());
	if (!mkdtemp(st->tmpdir))
		return -1;
	return chmod(st->tmpdir, 0711);
}

void slot_main(const struct slot_cfg *given, struct slot_state *st)
{
	struct sigaction term = { .sa_handler = on_term }, abrt = { .sa_handler = on_abort };
	struct slot_cfg mine = *given, *cfg = &mine;
	struct slot s = { .cfg = cfg, .st = st };
	struct jerr err;

	sigemptyset(&term.sa_mask);
	sigemptyset(&abrt.sa_mask);
	sigaction(SIGTERM, &term, NULL);
	sigaction(SIGHUP, &term, NULL);
	sigaction(SIGINT, &abrt, NULL);
	/* the worker's death ends the slot, and the slot's the programs it runs */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	util_pin_cpu(cfg->cpu);
	st->pid = getpid();
	slot_consumer(cfg->worker, cfg->index, st->pid, mine.consumer, sizeof(mine.consumer));
	if (make_tmpdir(st) < 0) {
		msg_perror("worker %s: cannot create %s", cfg->consumer, st->tmpdir);
		_exit(2);
	}
	setenv("TMPDIR", st->tmpdir, 1);
	snprintf(s.cursor, sizeof(s.cursor), "0-0");
	if (cache_open(&s.cache, cfg->cache_dir, cfg->cache_bytes, &err) < 0) {
		char msg[700];

		jerr_format(&err, msg, sizeof(msg));
		msg_error("worker %s: %s", cfg->consumer, msg);
		_exit(2);
	}
	progcache_init(&s.pc, &s.cache);
	if (rconn_open(&s.rc, &cfg->url, 0) < 0)
		_exit(stopping ? 0 : 2);
	s.rc.stop = &stopping;
	ensure_group(&s);
	while (!stopping) {
		redisReply *owner = NULL;
		const redisReply *e = claim(&s, &owner);

		if (!e && !stopping) {
			freeReplyObject(owner);
			e = read_new(&s, &owner);
		}
		/* an entry read is held: the first signal lets it finish, only the second drops it */
		if (e && !aborting) {
			s.rc.stop = &aborting;
			handle(&s, e);
			s.rc.stop = &stopping;
		}
		freeReplyObject(owner);
	}
	leave(&s);
	for (int i = 0; i < PREPARED_MAX; i++)
		prepared_free(&s.prep[i]);
	rconn_close(&s.rc);
	cache_close(&s.cache);
	cgroup_drop_spare();
	_exit(0);
}
