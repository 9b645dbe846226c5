#include "grade_pool.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "excerpt.h"
#include "report.h"
#include "sha256.h"
#include "util.h"

/* The grade.json object of a judged testrun. */
static json_t *grade_of(struct testrun *tr)
{
	char *summary = testrun_summary(tr);
	json_t *j;

	/* "exit code 1" says little: the stderr's last line says why */
	if (tr->first_fail >= 0 && !tr->interrupted && !tr->tests[tr->first_fail].ex.diff.found &&
	    tr->tests[tr->first_fail].ex.stderr_bytes) {
		char *hint = excerpt_summary(&tr->tests[tr->first_fail].ex), *both;

		both = xasprintf("%s; %s", summary, hint);
		free(hint);
		free(summary);
		summary = both;
	}
	j = report_grade_testrun(tr, summary, tr->source);
	free(summary);
	return j;
}

/* Not a program the judge can build: for a grade sheet that is the student's CE. */
static json_t *grade_not_built(const struct testrun_ctx *ctx, const struct jerr *err,
			       const char *source)
{
	char buf[1024];

	jerr_format(err, buf, sizeof(buf));
	return report_grade_ce(buf, ctx->p->n_tests, source);
}

json_t *grade_judge(struct testrun_ctx *ctx, const char *source)
{
	struct testrun tr;
	struct jerr err;
	json_t *j;

	if (testrun_source(ctx, source, &tr, &err) < 0)
		j = grade_not_built(ctx, &err, source);
	else
		j = grade_of(&tr);
	testrun_free(&tr);
	return j;
}

/* ==== In this process ==== */

/*
 * JUDGE_GRADE_TIMELINE=FILE: each worker appends "seconds pid event
 * submission test cpu_us" per task start and end (cpu_us: the worker's and
 * its waited-for children's CPU so far), for scripts/bench/grade-class.sh
 * to find the idle time of each worker.
 */
static void timeline(const char *what, size_t s, long t)
{
	static int fd = -2;
	struct timespec ts;
	struct rusage self, kids;
	char line[160];
	int len;

	if (fd == -2) {
		const char *path = getenv("JUDGE_GRADE_TIMELINE");

		fd = path && path[0] ? open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600) : -1;
	}
	if (fd < 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_CHILDREN, &kids);
	len = snprintf(line, sizeof(line), "%lld.%06ld %d %s %zu %ld %lld\n", (long long)ts.tv_sec,
		       ts.tv_nsec / 1000, (int)getpid(), what, s, t,
		       (long long)(self.ru_utime.tv_sec + self.ru_stime.tv_sec + kids.ru_utime.tv_sec +
				   kids.ru_stime.tv_sec) * 1000000 + self.ru_utime.tv_usec +
		       self.ru_stime.tv_usec + kids.ru_utime.tv_usec + kids.ru_stime.tv_usec);
	/* O_APPEND: each line lands whole, whichever worker writes it */
	if (len > 0 && write(fd, line, (size_t)len) < 0)
		fd = -1;
}


struct local {
	const struct grade_events *ev;
	size_t index, done;
};

static void local_compiling(void *arg, const char *source)
{
	struct local *l = arg;

	(void)source;
	if (l->ev->compiling)
		l->ev->compiling(l->ev->arg, l->index);
}

static void local_test(void *arg, const struct testrun *tr, size_t i)
{
	struct local *l = arg;

	if (l->ev->test)
		l->ev->test(l->ev->arg, l->index, ++l->done, tr->total, tr->tests[i].name,
			    verdict_name(tr->tests[i].res.verdict));
}

static void run_here(struct testrun_ctx *ctx, char *const *sources, size_t n,
		     const struct grade_events *ev)
{
	struct local l = { .ev = ev };

	ctx->o.compiling = local_compiling;
	ctx->o.progress = local_test;
	ctx->o.progress_arg = &l;
	for (size_t i = 0; i < n && !util_interrupted; i++) {
		json_t *j;

		l.index = i;
		l.done = 0;
		timeline("judge", i, -1);
		j = grade_judge(ctx, sources[i]);
		timeline("judged", i, -1);
		ev->finished(ev->arg, i, j);
	}
	ctx->o.compiling = NULL;
	ctx->o.progress = NULL;
	ctx->o.progress_arg = NULL;
}

/* ==== In workers ==== */

/*
 * Theory of operation.
 *
 * The work is a pool of tasks shared by all the workers: compile one
 * submission (or find its program in the grade cache), and run one test of
 * a compiled submission.  A worker takes, in this order: a test of the
 * earliest submission whose tests are open, else the next compile, else it
 * waits while a compile is in progress (its tests are shared too) or while
 * it owns a submission that others are still testing.  So a
 * long compile on one CPU never leaves the other idle while tests remain,
 * and a slow submission's tests (a time-out on every test) are spread over
 * all the CPUs instead of running one after another at the end.
 *
 * The worker that compiles a submission owns it: it keeps the compile
 * result, collects the tests' results from their slots in the shared
 * mapping, aggregates and sends the submission's result.  A worker that
 * runs a test of another's submission gets the program from the grade
 * cache (grade_cache.c) into a workspace of its own, kept while that
 * submission has tests left to hand out.  A test's result depends only on
 * the program and the test, whichever worker runs it.
 *
 * Compiles are handed out in the order of plan_order(): first occurrences
 * first, then the copies of a source already seen, whose "compile" is the
 * cache's copy of the first one's program (handed out at once, a copy would
 * wait for that compile on the cache's lock, its CPU idle).
 *
 * A test is claimed by a compare-and-swap of its slot's `who`, so that when
 * a worker dies the parent knows exactly which tests it held: it fills them
 * in as IE ("the worker running this test died"), their submission's owner
 * goes on, and a submission whose owner died is IE alone.
 */

enum { SUB_NEW, SUB_COMPILING, SUB_OPEN, SUB_DONE };

struct sub_state {
	atomic_int phase;	/* SUB_* */
	atomic_int owner;	/* the worker that compiled it and reports it */
	atomic_size_t next;	/* every test below this one is claimed */
	atomic_size_t done;	/* tests whose result is in their slot */
};

struct slot {
	atomic_int who;		/* 0 free, k + 1 running on worker k, -1 result in */
	struct result res;
	struct excerpt ex;
};

struct shared {
	atomic_size_t next;	/* the next compile, a position in the order */
};

struct pool {
	struct testrun_ctx *ctx;
	char *const *sources;
	size_t n, total;
	const size_t *order;	/* compiles are handed out in this order */
	struct shared *sh;	/* all three in one shared mapping */
	struct sub_state *subs;
	struct slot *slots;	/* n x total */
	size_t map_len;
};

static struct slot *slot_of(const struct pool *pl, size_t s, size_t t)
{
	return &pl->slots[s * pl->total + t];
}

struct wstate {
	const struct pool *pl;
	int k, fd;
	size_t index;			/* the submission being compiled, for its event */
	struct testrun *mine;		/* n: the submissions this worker owns */
	struct testrun_prog **prog;	/* n: the programs it holds, own or borrowed */
	bool *pending;			/* n: owned, tests still out */
	size_t n_pending;
};

static void send_line(int fd, json_t *j)
{
	char *text = json_dumps(j, JSON_COMPACT);
	size_t n, off = 0;

	json_decref(j);
	if (!text)
		return;
	n = strlen(text);
	text[n] = '\n';		/* dumps gives one line: strings escape their newlines */
	while (off <= n) {
		ssize_t w = write(fd, text + off, n + 1 - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	free(text);
}

static void send_finished(struct wstate *w, size_t s, json_t *result)
{
	atomic_store(&w->pl->subs[s].phase, SUB_DONE);
	send_line(w->fd, json_pack("{s:s,s:I,s:o}", "event", "finished", "i", (json_int_t)s,
				   "result", result));
}

static void worker_compiling(void *arg, const char *source)
{
	struct wstate *w = arg;

	(void)source;
	send_line(w->fd, json_pack("{s:s,s:I}", "event", "compiling", "i", (json_int_t)w->index));
}

/* Compiles submission s (or takes its program from the cache): opens its tests, or reports it. */
static void compile_task(struct wstate *w, size_t s)
{
	const struct pool *pl = w->pl;
	struct testrun *tr = &w->mine[s];
	struct jerr err;

	atomic_store(&pl->subs[s].owner, w->k);
	atomic_store(&pl->subs[s].phase, SUB_COMPILING);
	w->index = s;
	timeline("compile", s, -1);
	if (testrun_open(pl->ctx, pl->sources[s], tr, &w->prog[s], &err) < 0) {
		timeline("compiled", s, -1);
		send_finished(w, s, grade_not_built(pl->ctx, &err, pl->sources[s]));
		testrun_free(tr);
		return;
	}
	timeline("compiled", s, -1);
	if (!w->prog[s] || !pl->total) {
		testrun_close(w->prog[s]);
		w->prog[s] = NULL;
		testrun_finish(pl->ctx, tr);
		send_finished(w, s, grade_of(tr));
		testrun_free(tr);
		return;
	}
	w->pending[s] = true;
	w->n_pending++;
	atomic_store(&pl->subs[s].phase, SUB_OPEN);
}

/* Claims the first free test of s: true with *t. */
static bool claim(const struct pool *pl, size_t s, int k, size_t *t)
{
	struct sub_state *ss = &pl->subs[s];

	for (size_t i = atomic_load(&ss->next); i < pl->total; i++) {
		int free_slot = 0;

		if (atomic_compare_exchange_strong(&slot_of(pl, s, i)->who, &free_slot, k + 1)) {
			size_t seen = atomic_load(&ss->next);

			while (seen < i + 1 && !atomic_compare_exchange_weak(&ss->next, &seen, i + 1))
				;
			*t = i;
			return true;
		}
	}
	return false;
}

/* A borrowed program is let go once its submission has no test left to hand out. */
static void drop_borrowed(struct wstate *w, size_t s)
{
	if (w->prog[s] && !w->pending[s] && atomic_load(&w->pl->subs[s].next) >= w->pl->total) {
		testrun_close(w->prog[s]);
		w->prog[s] = NULL;
	}
}

static void test_task(struct wstate *w, size_t s, size_t t)
{
	const struct pool *pl = w->pl;
	struct slot *sl = slot_of(pl, s, t);
	struct result res;
	struct excerpt ex;
	size_t done;

	timeline("test", s, (long)t);
	if (!w->prog[s]) {
		struct testrun scratch;
		struct jerr err;

		/* another worker's submission: its program, from the cache */
		w->index = s;
		if (testrun_open(pl->ctx, pl->sources[s], &scratch, &w->prog[s], &err) < 0)
			w->prog[s] = NULL;
		testrun_free(&scratch);
	}
	memset(&res, 0, sizeof(res));
	memset(&ex, 0, sizeof(ex));
	if (w->prog[s]) {
		testrun_test(pl->ctx, w->prog[s], t, &res, &ex);
	} else {
		res.verdict = V_IE;
		res.out.ie = true;
		snprintf(res.message, sizeof(res.message),
			 "internal error: the compiled program could not be had again for this test");
	}
	sl->res = res;
	sl->ex = ex;
	atomic_store(&sl->who, -1);
	done = atomic_fetch_add(&pl->subs[s].done, 1) + 1;
	timeline("tested", s, (long)t);
	send_line(w->fd, json_pack("{s:s,s:I,s:I,s:I,s:o,s:s}", "event", "test",
				   "i", (json_int_t)s, "done", (json_int_t)done,
				   "total", (json_int_t)pl->total,
				   "test", report_string(pl->ctx->p->tests[t].name),
				   "verdict", verdict_name(res.verdict)));
	drop_borrowed(w, s);
}

/* Reports each owned submission whose tests are all in. */
static void collect(struct wstate *w)
{
	const struct pool *pl = w->pl;

	for (size_t s = 0; s < pl->n && w->n_pending; s++) {
		struct testrun *tr = &w->mine[s];

		if (!w->pending[s] || atomic_load(&pl->subs[s].done) < pl->total)
			continue;
		for (size_t t = 0; t < pl->total; t++) {
			tr->tests[t].res = slot_of(pl, s, t)->res;
			tr->tests[t].ex = slot_of(pl, s, t)->ex;
			tr->tests[t].ran = true;
		}
		testrun_finish(pl->ctx, tr);
		send_finished(w, s, grade_of(tr));
		testrun_free(tr);
		w->pending[s] = false;
		w->n_pending--;
		testrun_close(w->prog[s]);
		w->prog[s] = NULL;
	}
}

/* A test to run: of the earliest submission, in the compile order, whose tests are open. */
static bool find_test(struct wstate *w, size_t *s, size_t *t)
{
	const struct pool *pl = w->pl;
	size_t started = atomic_load(&pl->sh->next);

	for (size_t pos = 0; pos < started && pos < pl->n; pos++) {
		size_t c = pl->order[pos];

		if (atomic_load(&pl->subs[c].phase) != SUB_OPEN)
			continue;
		if (claim(pl, c, w->k, t)) {
			*s = c;
			return true;
		}
		drop_borrowed(w, c);
	}
	return false;
}

/* Whether a test may still be handed out: a compile in progress, or tests not yet claimed. */
static bool more_to_come(const struct pool *pl)
{
	for (size_t s = 0; s < pl->n; s++) {
		int phase = atomic_load(&pl->subs[s].phase);

		if (phase == SUB_COMPILING ||
		    (phase == SUB_OPEN && atomic_load(&pl->subs[s].next) < pl->total))
			return true;
	}
	return false;
}

static void __attribute__((noreturn)) worker(const struct pool *pl, int k, int cpu, int fd)
{
	struct wstate w = { .pl = pl, .k = k, .fd = fd };

	util_pin_cpu(cpu);
	/* the tracer must get back whatever a program orphans */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	w.mine = xcalloc(pl->n, sizeof(*w.mine));
	w.prog = xcalloc(pl->n, sizeof(*w.prog));
	w.pending = xcalloc(pl->n, sizeof(*w.pending));
	pl->ctx->o.compiling = worker_compiling;
	pl->ctx->o.progress = NULL;
	pl->ctx->o.progress_arg = &w;
	while (!util_interrupted) {
		size_t s, t;

		collect(&w);
		if (find_test(&w, &s, &t)) {
			test_task(&w, s, t);
			continue;
		}
		s = atomic_fetch_add(&pl->sh->next, 1);
		if (s < pl->n) {
			compile_task(&w, pl->order[s]);
			continue;
		}
		/* the last compiles' tests are shared too: a worker leaves when none can come */
		if (!w.n_pending && !more_to_come(pl))
			break;
		/* what is left is others' compiles and tests: they take milliseconds to seconds */
		nanosleep(&(struct timespec){ .tv_nsec = 2000000 }, NULL);
	}
	timeline("exit", 0, -1);
	_exit(0);
}

/*
 * The order compiles are handed out in: sources whose bytes and file name
 * were not seen before, as given, then the copies (the grade cache compiles
 * those once).  A folder submission counts as new.
 */
static size_t *plan_order(char *const *sources, size_t n)
{
	size_t *order = xcalloc(n, sizeof(*order)), first = 0, later = n;
	char (*key)[65] = xcalloc(n, sizeof(*key));
	bool *copy = xcalloc(n, sizeof(*copy));

	for (size_t i = 0; i < n; i++) {
		const char *base = strrchr(sources[i], '/');
		struct stat st;
		struct sha256 h;
		size_t len;
		char *text;

		if (stat(sources[i], &st) < 0 || !S_ISREG(st.st_mode) ||
		    !(text = util_read_file(sources[i], &len)))
			continue;
		base = base ? base + 1 : sources[i];
		sha256_init(&h);
		sha256_update(&h, base, strlen(base) + 1);
		sha256_update(&h, text, len);
		sha256_hex(&h, key[i]);
		free(text);
		for (size_t j = 0; j < i && !copy[i]; j++)
			copy[i] = key[j][0] && strcmp(key[i], key[j]) == 0;
	}
	for (size_t i = 0; i < n; i++)
		if (!copy[i])
			order[first++] = i;
	for (size_t i = n; i-- > 0;)
		if (copy[i])
			order[--later] = i;
	free(key);
	free(copy);
	return order;
}

struct reader {
	int fd;
	pid_t pid;
	char *buf;
	size_t len, cap;
};

static void dispatch(const char *line, bool *have, size_t n, const struct grade_events *ev)
{
	json_t *j = json_loads(line, 0, NULL);
	const char *what = json_string_value(json_object_get(j, "event"));
	json_int_t i = json_integer_value(json_object_get(j, "i"));

	if (!what || i < 0 || (size_t)i >= n || have[i]) {
		json_decref(j);
		return;
	}
	if (strcmp(what, "compiling") == 0 && ev->compiling) {
		ev->compiling(ev->arg, (size_t)i);
	} else if (strcmp(what, "test") == 0 && ev->test) {
		ev->test(ev->arg, (size_t)i, (size_t)json_integer_value(json_object_get(j, "done")),
			 (size_t)json_integer_value(json_object_get(j, "total")),
			 json_string_value(json_object_get(j, "test")),
			 json_string_value(json_object_get(j, "verdict")));
	} else if (strcmp(what, "finished") == 0 && json_is_object(json_object_get(j, "result"))) {
		have[i] = true;
		ev->finished(ev->arg, (size_t)i, json_incref(json_object_get(j, "result")));
	}
	json_decref(j);
}

/* Reads what is there; 0 at EOF or error. */
static int drain(struct reader *r, bool *have, size_t n, const struct grade_events *ev)
{
	ssize_t got;
	char *nl;

	if (r->cap - r->len < 65536) {
		r->cap = r->cap * 2 + 65536;
		r->buf = xrealloc(r->buf, r->cap);
	}
	got = read(r->fd, r->buf + r->len, r->cap - r->len - 1);
	if (got < 0 && errno == EINTR)
		return 1;
	if (got <= 0)
		return 0;
	r->len += (size_t)got;
	r->buf[r->len] = '\0';
	while ((nl = memchr(r->buf, '\n', r->len))) {
		*nl = '\0';
		dispatch(r->buf, have, n, ev);
		r->len -= (size_t)(nl + 1 - r->buf);
		memmove(r->buf, nl + 1, r->len);
	}
	return 1;
}

/*
 * Worker k is gone (its pipe closed; reaped here).  Had it died, each
 * submission it had in hands is IE: the one it was compiling, those it owned
 * and had not reported, those one of whose tests it was running.  A test it
 * held is marked done, so that the submission's owner does not wait for it.
 */
static void worker_gone(const struct pool *pl, struct reader *r, int k, bool *have,
			const struct grade_events *ev)
{
	int st = 0;

	while (waitpid(r->pid, &st, 0) < 0 && errno == EINTR)
		;
	r->pid = 0;
	for (size_t s = 0; s < pl->n; s++) {
		bool lost = atomic_load(&pl->subs[s].owner) == k &&
			    atomic_load(&pl->subs[s].phase) != SUB_DONE;

		for (size_t t = 0; t < pl->total; t++) {
			struct slot *sl = slot_of(pl, s, t);
			int held = k + 1;

			if (atomic_compare_exchange_strong(&sl->who, &held, -1)) {
				lost = true;
				atomic_fetch_add(&pl->subs[s].done, 1);
			}
		}
		/* its owner gone, nobody would report the rest: no more of its tests are handed out */
		if (atomic_load(&pl->subs[s].owner) == k)
			atomic_store(&pl->subs[s].phase, SUB_DONE);
		if (lost && !have[s]) {
			have[s] = true;
			ev->finished(ev->arg, s, report_grade_lost(pl->sources[s], util_interrupted ?
				     "interrupted" : "internal error: the worker judging this submission died"));
		}
	}
}

void grade_pool_run(struct testrun_ctx *ctx, char *const *sources, size_t n, int jobs,
		    const struct grade_events *ev)
{
	size_t nw = jobs < 1 ? 1 : (size_t)jobs, open_fds = 0;
	struct pool pl = { .ctx = ctx, .sources = sources, .n = n, .total = ctx->p->n_tests };
	struct reader *rd;
	struct pollfd *pf;
	bool *have;
	char *map;

	if (nw > n + n * pl.total)
		nw = n + n * pl.total;
	if (nw <= 1) {
		run_here(ctx, sources, n, ev);
		return;
	}
	pl.map_len = sizeof(*pl.sh) + n * sizeof(*pl.subs) + n * pl.total * sizeof(*pl.slots);
	map = mmap(NULL, pl.map_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED) {
		run_here(ctx, sources, n, ev);
		return;
	}
	/* zero-filled: every phase SUB_NEW, every slot free; owners -1 below */
	pl.sh = (struct shared *)map;
	pl.subs = (struct sub_state *)(map + sizeof(*pl.sh));
	pl.slots = (struct slot *)(map + sizeof(*pl.sh) + n * sizeof(*pl.subs));
	for (size_t s = 0; s < n; s++)
		atomic_init(&pl.subs[s].owner, -1);
	pl.order = plan_order(sources, n);
	rd = xcalloc(nw, sizeof(*rd));
	pf = xcalloc(nw, sizeof(*pf));
	have = xcalloc(n, sizeof(*have));
	fflush(NULL);
	for (size_t k = 0; k < nw; k++) {
		int p[2];

		rd[k].fd = pf[k].fd = -1;
		if (pipe2(p, O_CLOEXEC) < 0)
			continue;
		rd[k].pid = fork();
		if (rd[k].pid == 0) {
			for (size_t j = 0; j < k; j++)
				if (rd[j].fd >= 0)
					close(rd[j].fd);
			close(p[0]);
			worker(&pl, (int)k, util_nth_cpu((int)k), p[1]);
		}
		close(p[1]);
		if (rd[k].pid < 0) {
			close(p[0]);
			continue;
		}
		rd[k].fd = p[0];
		pf[k] = (struct pollfd){ .fd = p[0], .events = POLLIN };
		open_fds++;
	}
	while (open_fds) {
		if (poll(pf, nw, -1) < 0) {
			if (errno != EINTR)
				break;
			if (util_interrupted)
				for (size_t k = 0; k < nw; k++)
					if (rd[k].pid > 0)
						kill(rd[k].pid, SIGTERM);
			continue;
		}
		for (size_t k = 0; k < nw; k++) {
			if (pf[k].fd < 0 || !pf[k].revents)
				continue;
			if (drain(&rd[k], have, n, ev))
				continue;
			close(pf[k].fd);
			pf[k].fd = rd[k].fd = -1;
			open_fds--;
			worker_gone(&pl, &rd[k], (int)k, have, ev);
		}
	}
	for (size_t k = 0; k < nw; k++) {
		if (rd[k].pid > 0)
			worker_gone(&pl, &rd[k], (int)k, have, ev);
		free(rd[k].buf);
	}
	for (size_t i = 0; i < n; i++)
		if (!have[i])
			ev->finished(ev->arg, i, report_grade_lost(sources[i], util_interrupted ? "interrupted" :
						      "internal error: no worker judged this submission"));
	munmap(map, pl.map_len);
	free((void *)pl.order);
	free(have);
	free(pf);
	free(rd);
}
