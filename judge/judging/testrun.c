#include "testrun.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroup.h"
#include "interact.h"
#include "isolate.h"
#include "keepout.h"
#include "judgerun.h"
#include "multipass.h"
#include "natsort.h"
#include "output.h"
#include "policy.h"
#include "submission.h"
#include "testdata.h"
#include "trusted.h"

/*
 * Theory of operation.
 *
 * With one job the tests run in this process, one after another.  With
 * --jobs N, N workers are forked after the compile, each pinned to its own
 * CPU (so that two programs never share a core and time each other out) and
 * made a child subreaper (the flag is not inherited, and the tracer must get
 * back whatever the program orphans).  The workers take the next test index
 * from a counter in a shared page and send each result back on their own
 * pipe; the parent files it under its index, so the report keeps the
 * problem's order whatever the interleaving.  --fail-fast keeps, in the
 * same page, the lowest index that failed: no worker starts a test past it,
 * and testrun_aggregate() drops any result past it that was already in
 * flight.  A struct result crosses the pipe as bytes: its two pointers
 * (limit, layers.mode) point at string literals, valid in the parent since
 * a forked worker runs the same image.
 */

/* ==== Options and limits ==== */


void testrun_limits(const struct testrun_opts *o, const struct problem *p, struct limits *out)
{
	out->cpu_ms = o->time_set ? o->lim.cpu_ms :
		      p && p->time_ms > 0 ? p->time_ms : LIMITS_DEFAULT_CPU_MS;
	out->memory_kib = o->memory_set ? o->lim.memory_kib :
			  p && p->memory_kib > 0 ? p->memory_kib : LIMITS_DEFAULT_MEMORY_KIB;
	out->output_bytes = o->output_set ? o->lim.output_bytes :
			    p && p->output_bytes > 0 ? p->output_bytes : LIMITS_DEFAULT_OUTPUT_BYTES;
	out->wall_ms = o->wall_set ? o->lim.wall_ms : limits_default_wall_ms(out->cpu_ms);
}

/* ==== The problem's checker ==== */

static int choose_checker(struct testrun_ctx *ctx, struct jerr *err)
{
	const struct problem *p = ctx->p;
	char exe[PATH_MAX];

	if (p->interactive && p->multi_pass) {
		char *yaml = xasprintf("%s/problem.yaml", p->root);

		jerr_set(err, yaml, "type", "interactive multi-pass problems are not supported yet");
		free(yaml);
		return -1;
	}
	if (p->interactive)
		return trusted_prepare(p->validator_dir, ctx->scratch, "interactor", ctx->interactor,
				       sizeof(ctx->interactor), err);
	if (ctx->o.checker)
		return checker_parse(ctx->o.checker, &ctx->chk, err);
	if (p->format == PROBLEM_DIR && p->checker) {
		if (trusted_prepare(p->checker, ctx->scratch, "checker", exe, sizeof(exe), err) < 0)
			return -1;
		return checker_external(CHECKER_TESTLIB, exe, NULL, 0, &ctx->chk, err);
	}
	if (p->format == PROBLEM_KATTIS && p->custom_validation) {
		if (trusted_prepare(p->validator_dir, ctx->scratch, "validator", exe, sizeof(exe), err) < 0)
			return -1;
		return checker_external(CHECKER_KATTIS, exe, p->validator_flags, p->n_validator_flags,
					&ctx->chk, err);
	}
	if (p->format == PROBLEM_KATTIS) {
		if (checker_from_kattis_flags(p->validator_flags, p->n_validator_flags, &ctx->chk, err) == 0)
			return 0;
		if (!err->file[0]) {
			char *yaml = xasprintf("%s/problem.yaml", p->root);

			snprintf(err->file, sizeof(err->file), "%s", yaml);
			free(yaml);
		}
		return -1;
	}
	return checker_parse("tokens", &ctx->chk, err);
}

int testrun_prepare(const struct problem *p, const struct testrun_opts *o,
		    struct testrun_ctx *ctx, struct jerr *err)
{
	const char *tmp = getenv("TMPDIR");

	memset(ctx, 0, sizeof(*ctx));
	ctx->keep_fd = -1;
	ctx->p = p;
	ctx->o = *o;
	if (ctx->o.jobs < 1)
		ctx->o.jobs = 1;
	ctx->interactive = p->interactive;
	testrun_limits(o, p, &ctx->lim);
	if (!tmp || tmp[0] != '/' || strlen(tmp) > PATH_MAX / 2)
		tmp = "/tmp";
	snprintf(ctx->scratch, sizeof(ctx->scratch), "%s/judge-test-XXXXXX", tmp);
	if (!mkdtemp(ctx->scratch)) {
		jerr_set(err, ctx->scratch, "", "mkdtemp: %s", strerror(errno));
		ctx->scratch[0] = '\0';
		return -1;
	}
	if (choose_checker(ctx, err) < 0) {
		testrun_ctx_free(ctx);
		return -1;
	}
	if (p->scoring && p->format == PROBLEM_KATTIS && testdata_load(p, &ctx->groups, err) < 0) {
		testrun_ctx_free(ctx);
		return -1;
	}
	/* -c replaces the package's validator, and its flags with it */
	if (!o->checker && groupflags_build(p, ctx->groups.n_groups ? &ctx->groups : NULL, &ctx->chk,
					    &ctx->gflags, err) < 0) {
		testrun_ctx_free(ctx);
		return -1;
	}
	if (o->keep_outputs && (ctx->keep_fd = keepout_open(o->keep_outputs, err)) < 0) {
		testrun_ctx_free(ctx);
		return -1;
	}
	return 0;
}

void testrun_ctx_free(struct testrun_ctx *ctx)
{
	checker_free(&ctx->chk);
	scoring_tree_free(&ctx->groups);
	groupflags_free(&ctx->gflags);
	if (ctx->keep_fd >= 0)
		close(ctx->keep_fd);
	ctx->keep_fd = -1;
	if (ctx->scratch[0])
		util_remove_tree(ctx->scratch);
	ctx->scratch[0] = '\0';
}

/* ==== One test ==== */

/* What one test needs besides the context: the compiled program. */
struct program {
	const struct policy *pol;
	const struct workspace *ws;
	char **argv;
};

static void ie_result(struct result *res, const char *what, const struct jerr *err)
{
	char buf[512];

	jerr_format(err, buf, sizeof(buf));
	memset(res, 0, sizeof(*res));
	res->verdict = V_IE;
	res->out.ie = true;
	util_message(res->out.ie_msg, sizeof(res->out.ie_msg), "%s: %s", what, buf);
	util_message(res->message, sizeof(res->message), "internal error: %s: %s", what, buf);
}

/* How the built-in checker compares, for finding the first difference; false for others. */
static bool diff_how(const struct checker *c, struct excerpt_how *how)
{
	memset(how, 0, sizeof(*how));
	how->eps = -1;
	switch (c->kind) {
	case CHECKER_EXACT:
		how->by_lines = how->exact = true;
		return true;
	case CHECKER_LINES:
		how->by_lines = true;
		return true;
	case CHECKER_FLOAT:
		how->eps = c->abs_eps > c->rel_eps ? c->abs_eps : c->rel_eps;
		if (how->eps < 0)
			how->eps = c->eps;
		__attribute__((fallthrough));	/* clang takes no comment for it */
	case CHECKER_TOKENS:
		how->case_insensitive = !c->case_sensitive;
		return true;
	default:
		/* a checker program may accept many answers: a diff against one would mislead */
		return false;
	}
}

/* What a person reads to act on the result, and --keep-outputs. */
static void gather(const struct testrun_ctx *ctx, const struct problem_test *t, const struct output *out,
		   const char *out_file, const struct result *res, struct excerpt *ex)
{
	struct excerpt_how how;
	struct jerr err;

	excerpt_stderr(out->err_fd, ex);
	if (res->verdict == V_WA && t->answer && diff_how(&ctx->chk, &how)) {
		char path[PATH_MAX];

		/* a file_io problem's output is its file (out_file), not stdout */
		if (out_file)
			snprintf(path, sizeof(path), "%s", out_file);
		else
			output_path(out->out_fd, path, sizeof(path));
		excerpt_diff(t->answer, path, &how, &ex->diff);
	}
	if (ctx->keep_fd >= 0 &&
	    (keepout_save(ctx->keep_fd, t->name, "stdout", out->out_fd, &err) < 0 ||
	     keepout_save(ctx->keep_fd, t->name, "stderr", out->err_fd, &err) < 0)) {
		char buf[512];

		jerr_format(&err, buf, sizeof(buf));
		fprintf(stderr, "judge: %s\n", buf);
	}
}

/*
 * A file_io problem (problem.h): the test's input is copied to its file in
 * the work directory, and the output file is made there, empty and the
 * program's, so that the policy needs to let it write that one file only.
 * Tests then run one at a time: they share the directory.
 */
static int io_prepare(const struct problem *p, const struct problem_test *t, const char *dir,
		      char *in, char *out, size_t len, struct jerr *err)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();
	int from = -1, to = -1;

	in[0] = out[0] = '\0';
	if (run_root_layers())
		isolate_default_ids(&uid, &gid);
	if ((p->io_input && (size_t)snprintf(in, len, "%s/%s", dir, p->io_input) >= len) ||
	    (p->io_output && (size_t)snprintf(out, len, "%s/%s", dir, p->io_output) >= len)) {
		jerr_set(err, dir, "", "file_io: the path of its files is too long");
		return -1;
	}
	if (p->io_input) {
		unlink(in);
		from = open(t->input, O_RDONLY | O_CLOEXEC);
		if (from < 0) {
			jerr_set(err, t->input, "", "cannot read: %s", strerror(errno));
			return -1;
		}
		to = open(in, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (to < 0 || output_copy(from, to) < 0) {
			jerr_set(err, in, "", "cannot write: %s", strerror(errno));
			goto fail;
		}
		close(from);
		close(to);
		from = to = -1;
	}
	if (p->io_output) {
		unlink(out);
		to = open(out, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (to < 0 || fchown(to, uid, gid) < 0) {
			jerr_set(err, out, "", "cannot make the output file: %s", strerror(errno));
			goto fail;
		}
		close(to);
	}
	return 0;
fail:
	if (from >= 0)
		close(from);
	if (to >= 0)
		close(to);
	return -1;
}

static void run_one(const struct testrun_ctx *ctx, const struct program *prog, size_t i,
		    struct run_keep *keep, struct result *res, struct excerpt *ex)
{
	char io_in[PATH_MAX], io_out[PATH_MAX];
	const struct problem_test *t = &ctx->p->tests[i];
	struct run_request rq = { 0 };
	struct run_result rr;
	struct jerr err;
	const struct checker *chk = groupflags_checker(&ctx->gflags, i, &ctx->chk);
	struct judge_check jc = {
		.chk = chk, .input = t->input, .answer = t->answer, .scratch = ctx->scratch,
	};

	rq.pol = prog->pol;
	rq.lim = ctx->lim;
	rq.mode = ctx->o.mode;
	rq.argv = prog->argv;
	rq.stdin_path = t->input;
	rq.workdir = prog->ws->dir;
	rq.keep = keep;
	workspace_vars(prog->ws, ctx->lim.memory_kib / 1024, &rq.vars);
	if (!ctx->interactive && (ctx->p->io_input || ctx->p->io_output)) {
		if (io_prepare(ctx->p, t, prog->ws->dir, io_in, io_out, sizeof(io_in), &err) < 0) {
			ie_result(res, "cannot set up the program's files", &err);
			return;
		}
		rq.io_read = io_in[0] ? io_in : NULL;
		/* the input is in its file only, as the problem says */
		if (rq.io_read)
			rq.stdin_path = NULL;
		rq.io_write = io_out[0] ? io_out : NULL;
		jc.output_file = rq.io_write;
		jc.output_name = ctx->p->io_output;
	}

	if (ctx->interactive) {
		struct interact_spec s = {
			.rq = &rq, .interactor = ctx->interactor,
			.input = t->input, .answer = t->answer, .scratch = ctx->scratch,
		};

		groupflags_args(&ctx->gflags, i, ctx->p, &s.args, &s.n_args);

		if (judgerun_interactive(&s, &ctx->lim, res, &err) < 0)
			ie_result(res, "cannot run the program", &err);
		return;
	}
	if (ctx->p->multi_pass && chk->kind == CHECKER_KATTIS) {
		struct multipass_spec s = {
			.rq = &rq, .chk = chk, .input = t->input, .answer = t->answer,
			.scratch = ctx->scratch, .passes = ctx->p->validation_passes, .lim = &ctx->lim,
		};

		multipass_run(&s, res);
		return;
	}
	if (judgerun(&rq, &ctx->lim, &jc, &rr, res, &err) < 0) {
		ie_result(res, "cannot run the program", &err);
		return;
	}
	gather(ctx, t, &rr.out, rq.io_write, res, ex);
	output_close(&rr.out);
}

/* ==== Many tests ==== */

static void run_sequential(const struct testrun_ctx *ctx, const struct program *prog,
			   struct testrun *tr)
{
	struct run_keep keep = { 0 };

	for (size_t i = 0; i < tr->total; i++) {
		run_one(ctx, prog, i, &keep, &tr->tests[i].res, &tr->tests[i].ex);
		tr->tests[i].ran = true;
		if (ctx->o.progress)
			ctx->o.progress(ctx->o.progress_arg, tr, i);
		if (ctx->o.fail_fast && tr->tests[i].res.verdict != V_AC)
			break;
		if (util_interrupted)
			break;
	}
	run_keep_free(&keep);
}

struct shared {
	atomic_size_t next;	/* the next test to hand out */
	atomic_long stop_at;	/* --fail-fast: lowest index that failed, LONG_MAX if none */
};

struct record {
	size_t index;
	struct result res;
	struct excerpt ex;
};

static int write_full(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* 1 for a whole record, 0 at EOF, -1 on error. */
static int read_record(int fd, struct record *rec)
{
	size_t got = 0;

	while (got < sizeof(*rec)) {
		ssize_t r = read(fd, (char *)rec + got, sizeof(*rec) - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return got ? -1 : 0;
		got += (size_t)r;
	}
	return 1;
}

static void __attribute__((noreturn)) worker(const struct testrun_ctx *ctx, const struct program *prog,
					     struct shared *sh, int cpu, int fd, size_t total)
{
	struct record rec;
	struct run_keep keep = { 0 };

	util_pin_cpu(cpu);
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	for (;;) {
		size_t i = atomic_fetch_add(&sh->next, 1);
		long stop;

		if (i >= total || (long)i > atomic_load(&sh->stop_at) || util_interrupted)
			break;
		memset(&rec, 0, sizeof(rec));
		rec.index = i;
		run_one(ctx, prog, i, &keep, &rec.res, &rec.ex);
		if (ctx->o.fail_fast && rec.res.verdict != V_AC) {
			stop = atomic_load(&sh->stop_at);
			while ((long)i < stop && !atomic_compare_exchange_weak(&sh->stop_at, &stop, (long)i))
				;
		}
		if (write_full(fd, &rec, sizeof(rec)) < 0)
			break;
	}
	run_keep_free(&keep);
	cgroup_drop_spare();	/* the group its runs reused */
	_exit(0);
}

static void run_parallel(const struct testrun_ctx *ctx, const struct program *prog,
			 struct testrun *tr)
{
	size_t nw = (size_t)ctx->o.jobs < tr->total ? (size_t)ctx->o.jobs : tr->total;
	struct shared *sh;
	struct pollfd *pf = xcalloc(nw, sizeof(*pf));
	pid_t *pids = xcalloc(nw, sizeof(*pids));
	bool lost = false;
	size_t open_fds = 0;
	struct record rec;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		free(pf);
		free(pids);
		run_sequential(ctx, prog, tr);
		return;
	}
	atomic_init(&sh->next, 0);
	atomic_init(&sh->stop_at, LONG_MAX);
	fflush(NULL);
	for (size_t k = 0; k < nw; k++) {
		int p[2];

		pf[k].fd = -1;
		if (pipe2(p, O_CLOEXEC) < 0)
			continue;
		pids[k] = fork();
		if (pids[k] == 0) {
			for (size_t j = 0; j < k; j++)
				if (pf[j].fd >= 0)
					close(pf[j].fd);
			close(p[0]);
			worker(ctx, prog, sh, util_nth_cpu((int)k), p[1], tr->total);
		}
		close(p[1]);
		if (pids[k] < 0) {
			close(p[0]);
			continue;
		}
		pf[k] = (struct pollfd){ .fd = p[0], .events = POLLIN };
		open_fds++;
	}

	while (open_fds) {
		if (poll(pf, nw, -1) < 0) {
			if (errno != EINTR)
				break;
			/* a SIGTERM sent to the judge alone: pass it on to the workers */
			if (util_interrupted)
				for (size_t k = 0; k < nw; k++)
					if (pids[k] > 0)
						kill(pids[k], SIGTERM);
			continue;
		}
		for (size_t k = 0; k < nw; k++) {
			int r;

			if (pf[k].fd < 0 || !pf[k].revents)
				continue;
			r = read_record(pf[k].fd, &rec);
			if (r > 0 && rec.index < tr->total) {
				tr->tests[rec.index].res = rec.res;
				tr->tests[rec.index].ex = rec.ex;
				tr->tests[rec.index].ran = true;
				if (ctx->o.progress)
					ctx->o.progress(ctx->o.progress_arg, tr, rec.index);
				continue;
			}
			close(pf[k].fd);
			pf[k].fd = -1;
			open_fds--;
		}
	}
	for (size_t k = 0; k < nw; k++) {
		int st;

		if (pids[k] <= 0)
			continue;
		while (waitpid(pids[k], &st, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			lost = true;
	}
	/* A test handed out but never reported: its worker died, or no worker could start. */
	for (size_t i = 0; i < tr->total; i++) {
		long stop = atomic_load(&sh->stop_at);

		if (tr->tests[i].ran || (ctx->o.fail_fast && (long)i > stop))
			continue;
		memset(&tr->tests[i].res, 0, sizeof(tr->tests[i].res));
		tr->tests[i].res.verdict = V_IE;
		tr->tests[i].res.out.ie = true;
		snprintf(tr->tests[i].res.message, sizeof(tr->tests[i].res.message),
			 "internal error: %s", lost ? "the worker running this test died" :
			 "no worker could be started for this test");
		tr->tests[i].ran = true;
	}
	munmap(sh, sizeof(*sh));
	free(pf);
	free(pids);
}

/* ==== Results ==== */

static int64_t ms(int64_t ns)
{
	return (ns + 500000) / 1000000;
}

void testrun_aggregate(struct testrun *tr, bool fail_fast)
{
	tr->passed = tr->n_ran = 0;
	tr->first_fail = -1;
	tr->max_cpu_ms = tr->max_wall_ms = tr->max_memory_kib = 0;
	for (size_t i = 0; i < tr->total; i++) {
		struct testrun_test *t = &tr->tests[i];

		if (!t->ran)
			continue;
		if (fail_fast && tr->first_fail >= 0) {
			t->ran = false;
			continue;
		}
		tr->n_ran++;
		if (t->res.verdict == V_AC)
			tr->passed++;
		else if (tr->first_fail < 0)
			tr->first_fail = (long)i;
		if (ms(t->res.use.cpu_ns) > tr->max_cpu_ms)
			tr->max_cpu_ms = ms(t->res.use.cpu_ns);
		if (ms(t->res.use.wall_ns) > tr->max_wall_ms)
			tr->max_wall_ms = ms(t->res.use.wall_ns);
		if (t->res.use.memory_kib > tr->max_memory_kib)
			tr->max_memory_kib = t->res.use.memory_kib;
	}
	/*
	 * A run cut short by SIGINT or SIGTERM never finished: whatever it saw
	 * so far, it is IE "interrupted", never a verdict about the program.
	 */
	tr->interrupted = util_interrupted != 0;
	if (tr->interrupted)
		tr->verdict = V_IE;
	else if (tr->comp.verdict != V_OK)
		tr->verdict = tr->comp.verdict;
	else if (tr->first_fail >= 0)
		tr->verdict = tr->tests[tr->first_fail].res.verdict;
	else
		tr->verdict = tr->n_ran == tr->total ? V_AC : V_IE;
}

/* What one test needs besides the context: the compiled program, in its workspace. */
struct testrun_prog {
	struct policy pol;
	struct workspace ws;
	struct program prog;
	struct run_keep keep;	/* the plan of its last test, for the next */
};

int testrun_open(struct testrun_ctx *ctx, const char *source, struct testrun *tr,
		 struct testrun_prog **out, struct jerr *err)
{
	const struct problem *p = ctx->p;
	struct submission sub;
	struct testrun_prog *tp;
	int r;

	*out = NULL;
	memset(tr, 0, sizeof(*tr));
	tr->source = xstrdup(source);
	tr->lim = ctx->lim;
	tr->total = p->n_tests;
	tr->first_fail = -1;
	tr->tests = xcalloc(p->n_tests, sizeof(*tr->tests));
	for (size_t i = 0; i < p->n_tests; i++)
		tr->tests[i].name = p->tests[i].name;
	if (submission_open(source, ctx->o.entry, ctx->o.policy, ctx->o.policies_dir, &sub, err) < 0) {
		submission_free(&sub);
		return -1;
	}
	/* the policy is large (its syscall table): on the heap, with the workspace */
	tp = xcalloc(1, sizeof(*tp));
	if (policy_load(sub.language, ctx->o.policies_dir, &tp->pol, err) < 0) {
		submission_free(&sub);
		free(tp);
		return -1;
	}
	tr->language = xstrdup(tp->pol.name ? tp->pol.name : sub.language);
	if (sub.is_dir)
		tr->entry = xstrdup(sub.entry);
	r = submission_workspace(&sub, &tp->pol, &tp->ws, err);
	submission_free(&sub);
	if (r < 0)
		goto fail_pol;
	if (!ctx->o.compiled ||
	    ctx->o.compiled->restore(ctx->o.compiled->arg, &tp->pol, &tp->ws, &tr->comp) != 1) {
		if (ctx->o.compiling && tp->pol.compile.n)
			ctx->o.compiling(ctx->o.progress_arg, source);
		if (compile_in(&tp->pol, &tp->ws, ctx->o.policies_dir, NULL, &tr->comp, err) < 0)
			goto fail_ws;
		if (ctx->o.compiled && (tr->comp.verdict == V_OK || tr->comp.verdict == V_CE))
			ctx->o.compiled->keep(ctx->o.compiled->arg, &tp->pol, &tp->ws, &tr->comp);
	}
	if (tr->comp.verdict != V_OK) {
		testrun_close(tp);
		return 0;
	}
	tp->prog.pol = &tp->pol;
	tp->prog.ws = &tp->ws;
	tp->prog.argv = compile_run_argv(&tp->pol, &tp->ws, ctx->lim.memory_kib / 1024);
	*out = tp;
	return 0;
fail_ws:
	workspace_remove(&tp->ws);
fail_pol:
	policy_free(&tp->pol);
	free(tp);
	return -1;
}

void testrun_test(const struct testrun_ctx *ctx, struct testrun_prog *tp, size_t i,
		  struct result *res, struct excerpt *ex)
{
	memset(res, 0, sizeof(*res));
	memset(ex, 0, sizeof(*ex));
	run_one(ctx, &tp->prog, i, &tp->keep, res, ex);
}

void testrun_close(struct testrun_prog *tp)
{
	if (!tp)
		return;
	run_keep_free(&tp->keep);
	compile_argv_free(tp->prog.argv);
	workspace_remove(&tp->ws);
	policy_free(&tp->pol);
	free(tp);
}

void testrun_finish(const struct testrun_ctx *ctx, struct testrun *tr)
{
	/* a score needs every group judged as its on_reject says, not cut at the first failure */
	testrun_aggregate(tr, ctx->o.fail_fast && !ctx->groups.n_groups);
	testrun_score(tr, ctx->p, &ctx->groups);
}

int testrun_source(struct testrun_ctx *ctx, const char *source, struct testrun *tr,
		   struct jerr *err)
{
	struct testrun_prog *tp;
	bool fail_fast;

	if (testrun_open(ctx, source, tr, &tp, err) < 0)
		return -1;
	fail_fast = ctx->o.fail_fast;
	if (ctx->groups.n_groups)
		ctx->o.fail_fast = false;
	if (tp) {
		/* file_io tests share the work directory's files: one at a time */
		if (ctx->o.jobs > 1 && tr->total > 1 && !ctx->p->io_input && !ctx->p->io_output)
			run_parallel(ctx, &tp->prog, tr);
		else
			run_sequential(ctx, &tp->prog, tr);
	}
	ctx->o.fail_fast = fail_fast;
	testrun_finish(ctx, tr);
	testrun_close(tp);
	return 0;
}

void testrun_score(struct testrun *tr, const struct problem *p, const struct score_tree *groups)
{
	for (size_t i = 0; i < tr->n_groups; i++)
		free(tr->groups[i].name);
	free(tr->groups);
	tr->groups = NULL;
	tr->n_groups = 0;
	tr->scored = false;
	tr->score = 0;
	tr->max_score = NAN;
	if (p->scoring && groups->n_groups) {
		struct score_input *in = xcalloc(tr->total + 1, sizeof(*in));
		struct score_group_result *out = xcalloc(groups->n_groups, sizeof(*out));
		enum verdict v;

		for (size_t i = 0; i < tr->total; i++)
			in[i] = (struct score_input){
				.group = p->tests[i].group, .name = p->tests[i].name,
				.judged = tr->tests[i].ran, .verdict = tr->tests[i].res.verdict,
				.has_score = tr->tests[i].res.has_score, .score = tr->tests[i].res.score,
			};
		v = scoring_grade(groups, in, tr->total, out, &tr->score, &tr->max_score);
		/* each test's own score, as its group counts it */
		for (size_t i = 0; i < tr->total; i++) {
			struct result *r = &tr->tests[i].res;

			for (size_t k = 0; k < groups->n_groups && tr->tests[i].ran && !r->has_score; k++)
				if (!strcmp(groups->groups[k].name, p->tests[i].group)) {
					r->has_score = true;
					r->score = r->verdict == V_AC ? groups->groups[k].cfg.accept_score :
						   groups->groups[k].cfg.reject_score;
				}
		}
		tr->n_groups = groups->n_groups;
		tr->groups = xcalloc(tr->n_groups, sizeof(*tr->groups));
		for (size_t i = 0; i < tr->n_groups; i++) {
			tr->groups[i].name = xstrdup(groups->groups[i].name);
			tr->groups[i].r = out[i];
		}
		free(out);
		free(in);
		tr->scored = true;
		/* CE, IE and an interrupted run keep their verdict, and score nothing */
		if (!tr->interrupted && tr->comp.verdict == V_OK && tr->n_ran == tr->total)
			tr->verdict = v;
		else
			tr->score = 0;
		return;
	}
	for (size_t i = 0; i < tr->total; i++)
		tr->scored |= tr->tests[i].ran && tr->tests[i].res.has_score;
	if (!tr->scored)
		return;
	tr->score = 0;
	for (size_t i = 0; i < tr->total; i++)
		if (tr->tests[i].ran && tr->tests[i].res.verdict == V_AC)
			tr->score += tr->tests[i].res.has_score ? tr->tests[i].res.score : 1;
}

void testrun_free(struct testrun *tr)
{
	for (size_t i = 0; i < tr->n_groups; i++)
		free(tr->groups[i].name);
	free(tr->groups);
	free(tr->source);
	free(tr->entry);
	free(tr->language);
	free(tr->tests);
	compile_result_free(&tr->comp);
	memset(tr, 0, sizeof(*tr));
}

static int cmp_paths(const void *a, const void *b)
{
	return natsort_cmp(*(char *const *)a, *(char *const *)b);
}

int testrun_sources_in(const char *dir, const char *policies_dir, bool any, struct strlist *out,
		       struct strlist *skipped, struct jerr *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t from = out->n;

	if (!d) {
		jerr_set(err, dir, "", "cannot read directory: %s", strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		char *path;
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    (any || compile_policy_for(path, policies_dir)))
			strlist_push(out, path);
		/* a folder of sources is one submission: a student's, or a multi-file one */
		else if (S_ISDIR(st.st_mode) && submission_dir_has_sources(path, policies_dir))
			strlist_push(out, path);
		else if (skipped)
			strlist_push(skipped, path);
		free(path);
	}
	closedir(d);
	if (out->n - from > 1)
		qsort(out->v + from, out->n - from, sizeof(*out->v), cmp_paths);
	return 0;
}

char *testrun_summary(const struct testrun *tr)
{
	if (tr->interrupted)
		return xstrdup("interrupted");
	if (tr->comp.verdict != V_OK)
		return xstrdup(tr->comp.verdict == V_CE ? "compilation failed" :
			       "the judge could not compile it");
	for (size_t i = 0; i < tr->n_groups; i++)
		if (tr->groups[i].r.out_of_range)
			return xasprintf("group %s: score %g outside its range %g %g (testdata.yaml)",
					 tr->groups[i].name[0] ? tr->groups[i].name : "data",
					 tr->groups[i].r.score, tr->groups[i].r.range_min,
					 tr->groups[i].r.range_max);
	if (tr->first_fail >= 0)
		return xasprintf("test %s: %s", tr->tests[tr->first_fail].name,
				 tr->tests[tr->first_fail].res.message);
	return xstrdup("");
}
