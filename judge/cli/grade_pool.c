#include "grade_pool.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "excerpt.h"
#include "report.h"
#include "util.h"

json_t *grade_judge(struct testrun_ctx *ctx, const char *source)
{
	struct testrun tr;
	struct jerr err;
	json_t *j;

	if (testrun_source(ctx, source, &tr, &err) < 0) {
		char buf[1024];

		/* Not a program the judge can build: for a grade sheet that is the student's CE. */
		jerr_format(&err, buf, sizeof(buf));
		j = report_grade_ce(buf, ctx->p->n_tests, source);
	} else {
		char *summary = testrun_summary(&tr);

		/* "exit code 1" says little: the stderr's last line says why */
		if (tr.first_fail >= 0 && !tr.interrupted && !tr.tests[tr.first_fail].ex.diff.found &&
		    tr.tests[tr.first_fail].ex.stderr_bytes) {
			char *hint = excerpt_summary(&tr.tests[tr.first_fail].ex), *both;

			both = xasprintf("%s; %s", summary, hint);
			free(hint);
			free(summary);
			summary = both;
		}
		j = report_grade_testrun(&tr, summary, source);
		free(summary);
	}
	testrun_free(&tr);
	return j;
}

/* ==== In this process ==== */

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
		l.index = i;
		l.done = 0;
		ev->finished(ev->arg, i, grade_judge(ctx, sources[i]));
	}
	ctx->o.compiling = NULL;
	ctx->o.progress = NULL;
	ctx->o.progress_arg = NULL;
}

/* ==== In workers ==== */

struct shared {
	atomic_size_t next;
};

struct wstate {
	int fd;
	size_t index, done;
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

static void worker_compiling(void *arg, const char *source)
{
	struct wstate *w = arg;

	(void)source;
	send_line(w->fd, json_pack("{s:s,s:I}", "event", "compiling", "i", (json_int_t)w->index));
}

static void worker_test(void *arg, const struct testrun *tr, size_t i)
{
	struct wstate *w = arg;

	send_line(w->fd, json_pack("{s:s,s:I,s:I,s:I,s:o,s:s}", "event", "test",
				   "i", (json_int_t)w->index, "done", (json_int_t)++w->done,
				   "total", (json_int_t)tr->total, "test", report_string(tr->tests[i].name),
				   "verdict", verdict_name(tr->tests[i].res.verdict)));
}

static void __attribute__((noreturn)) worker(struct testrun_ctx *ctx, char *const *sources,
					     size_t n, struct shared *sh, int cpu, int fd)
{
	struct wstate w = { .fd = fd };

	util_pin_cpu(cpu);
	/* the tracer must get back whatever a program orphans */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	ctx->o.compiling = worker_compiling;
	ctx->o.progress = worker_test;
	ctx->o.progress_arg = &w;
	for (;;) {
		size_t i = atomic_fetch_add(&sh->next, 1);

		if (i >= n || util_interrupted)
			break;
		w.index = i;
		w.done = 0;
		send_line(fd, json_pack("{s:s,s:I,s:o}", "event", "finished", "i", (json_int_t)i,
					"result", grade_judge(ctx, sources[i])));
	}
	_exit(0);
}

struct reader {
	int fd;
	pid_t pid;
	char *buf;
	size_t len, cap;
	long current;		/* the submission it last spoke of, -1 */
};

static void dispatch(struct reader *r, const char *line, bool *have, size_t n,
		     const struct grade_events *ev)
{
	json_t *j = json_loads(line, 0, NULL);
	const char *what = json_string_value(json_object_get(j, "event"));
	json_int_t i = json_integer_value(json_object_get(j, "i"));

	if (!what || i < 0 || (size_t)i >= n || have[i]) {
		json_decref(j);
		return;
	}
	r->current = (long)i;
	if (strcmp(what, "compiling") == 0 && ev->compiling) {
		ev->compiling(ev->arg, (size_t)i);
	} else if (strcmp(what, "test") == 0 && ev->test) {
		ev->test(ev->arg, (size_t)i, (size_t)json_integer_value(json_object_get(j, "done")),
			 (size_t)json_integer_value(json_object_get(j, "total")),
			 json_string_value(json_object_get(j, "test")),
			 json_string_value(json_object_get(j, "verdict")));
	} else if (strcmp(what, "finished") == 0 && json_is_object(json_object_get(j, "result"))) {
		have[i] = true;
		r->current = -1;
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
		dispatch(r, r->buf, have, n, ev);
		r->len -= (size_t)(nl + 1 - r->buf);
		memmove(r->buf, nl + 1, r->len);
	}
	return 1;
}

void grade_pool_run(struct testrun_ctx *ctx, char *const *sources, size_t n, int jobs,
		    const struct grade_events *ev)
{
	size_t nw = jobs < 1 ? 1 : (size_t)jobs, open_fds = 0;
	struct shared *sh;
	struct reader *rd;
	struct pollfd *pf;
	bool *have;

	if (nw > n)
		nw = n;
	if (nw <= 1) {
		run_here(ctx, sources, n, ev);
		return;
	}
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		run_here(ctx, sources, n, ev);
		return;
	}
	atomic_init(&sh->next, 0);
	rd = xcalloc(nw, sizeof(*rd));
	pf = xcalloc(nw, sizeof(*pf));
	have = xcalloc(n, sizeof(*have));
	fflush(NULL);
	for (size_t k = 0; k < nw; k++) {
		int p[2];

		rd[k].fd = pf[k].fd = -1;
		rd[k].current = -1;
		if (pipe2(p, O_CLOEXEC) < 0)
			continue;
		rd[k].pid = fork();
		if (rd[k].pid == 0) {
			for (size_t j = 0; j < k; j++)
				if (rd[j].fd >= 0)
					close(rd[j].fd);
			close(p[0]);
			worker(ctx, sources, n, sh, util_nth_cpu((int)k), p[1]);
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
		}
	}
	for (size_t k = 0; k < nw; k++) {
		int st;

		if (rd[k].pid <= 0)
			continue;
		while (waitpid(rd[k].pid, &st, 0) < 0 && errno == EINTR)
			;
		/* a worker that died mid-submission: that one submission is IE, no other */
		if (rd[k].current >= 0 && !have[rd[k].current]) {
			have[rd[k].current] = true;
			ev->finished(ev->arg, (size_t)rd[k].current,
				     report_grade_lost(sources[rd[k].current], "internal error: the worker judging "
					  "this submission died"));
		}
		free(rd[k].buf);
	}
	for (size_t i = 0; i < n; i++)
		if (!have[i])
			ev->finished(ev->arg, i, report_grade_lost(sources[i], util_interrupted ? "interrupted" :
						      "internal error: no worker judged this submission"));
	munmap(sh, sizeof(*sh));
	free(have);
	free(pf);
	free(rd);
}
