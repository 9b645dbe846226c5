/*
 * judge policy learn [options] -- PROGRAM [ARGS...]
 * judge policy learn [options] --from-source SOURCE [ARGS...]
 *
 * Runs a trusted reference program in ptrace mode under the learning policy
 * (learn.c: nearly everything allowed, everything seen; no network, no
 * writes outside the work directory, every isolation layer of a run) and
 * prints the smallest policy extending base that lets it do the same
 * again (learned.c).  With --from-source the source is compiled as its
 * language (or -p's policy) says and run with that policy's run command,
 * and the policy printed keeps that language's commands: a skeleton with
 * extensions, compile and run becomes a whole policy.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "compile.h"
#include "learn.h"
#include "learned.h"
#include "output.h"
#include "policy.h"
#include "report.h"
#include "run.h"
#include "verdict.h"

static const char usage[] = "judge policy learn [options] -- PROGRAM [ARGS...] | "
			    "judge policy learn [options] --from-source SOURCE [ARGS...]";

static bool stdin_is_data(void)
{
	struct stat st;

	return fstat(0, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISREG(st.st_mode));
}

/* A reference run may be a runtime's start-up under ptrace: more room than a test. */
#define LEARN_CPU_MS 10000

/* The program as the plan will find it, and the file it leads to: a run adds both itself. */
static void own_paths(const char *prog, struct strlist *own)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX], real[PATH_MAX];

	if (strchr(prog, '/')) {
		snprintf(buf, sizeof(buf), "%s", prog);
	} else {
		buf[0] = '\0';
		for (const char *p = path && *path ? path : "/usr/local/bin:/usr/bin:/bin"; *p;) {
			size_t n = strcspn(p, ":");

			snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, p, prog);
			if (n && access(buf, X_OK) == 0)
				break;
			buf[0] = '\0';
			p += n + (p[n] == ':');
		}
	}
	if (buf[0] == '/')
		strlist_push(own, buf);
	if (buf[0] && realpath(buf, real))
		strlist_push(own, real);
}

/* The learning policy: base made permissive, with the language's environment and memory settings. */
static int load_learning(const struct policy *skel, struct policy *learning, struct jerr *err)
{
	if (policy_load("base", cli_policies_dir(), learning, err) < 0)
		return -1;
	learn_policy_make(learning);
	if (skel) {
		for (size_t i = 0; i < skel->env.n; i++)
			strlist_push(&learning->env, skel->env.v[i]);
		learning->mem_rlimit = skel->mem_rlimit;
		learning->runtime_memory_kib = skel->runtime_memory_kib;
		learning->memory_exit_code = skel->memory_exit_code;
	}
	return 0;
}

/* --from-source: the source compiled in ws; its run command, then ARGS. */
static int prepare_source(const struct cli_opts *o, const struct policy *skel,
			  struct workspace *ws, char ***argv, struct jerr *err)
{
	struct compile_result cr;
	char **cmd;
	size_t n = 0;

	if (!skel->run.n) {
		jerr_set(err, skel->file, "run", "policy %s has no run command: it cannot run %s",
			 skel->name, o->from_source);
		return -1;
	}
	if (workspace_create(o->from_source, ws, err) < 0)
		return -1;
	if (skel->compile.n) {
		if (compile_in(skel, ws, cli_policies_dir(), NULL, &cr, err) < 0)
			return -1;
		if (cr.verdict != V_OK) {
			fputs(cr.message ? cr.message : "", stderr);
			jerr_set(err, o->from_source, "--from-source", "%s: the reference source does "
				 "not compile", verdict_name(cr.verdict));
			compile_result_free(&cr);
			return -1;
		}
		compile_result_free(&cr);
	}
	cmd = compile_run_argv(skel, ws, o->lim.memory_kib / 1024);
	while (cmd[n])
		n++;
	*argv = xcalloc(n + (size_t)o->n_rest + 1, sizeof(**argv));
	memcpy(*argv, cmd, n * sizeof(*cmd));
	for (int i = 0; i < o->n_rest; i++)
		(*argv)[n++] = xstrdup(o->rest[i]);
	free(cmd);
	return 0;
}

/* Runs the reference program and prints what it needed; the exit status of the command. */
static int learn_and_print(const struct cli_opts *o, const struct policy *skel,
			   struct run_request *rq, struct learn *l)
{
	struct run_result rr;
	struct result res = { 0 };
	struct learned_input in = { 0 };
	struct strlist own = { 0 };
	struct jerr err;
	char *desc, *text;
	json_t *pol;

	if (run_program(rq, &rr, &err) < 0)
		return commands_fail_input(&err);
	res.layers = rr.layers;
	verdict_decide(&rr.o, &rr.u, &o->lim, CHECK_NONE, "", &res);
	if (res.verdict != V_OK) {
		output_copy(rr.out.err_fd, 2);
		report_line(stderr, &res);
		fprintf(stderr, "judge: policy learn: the reference program must run to completion "
			"(OK) to learn from it\n");
		output_close(&rr.out);
		return res.verdict == V_IE ? 2 : 1;
	}
	output_close(&rr.out);
	own_paths(rq->argv[0], &own);
	desc = xasprintf("Learned from a run of %s.", o->from_source ? o->from_source : rq->argv[0]);
	in.l = l;
	in.skeleton = skel;
	in.description = desc;
	in.workdir = rq->workdir;
	in.own = &own;
	pol = learned_policy(&in);
	text = learned_format(pol);
	fputs(text ? text : "", stdout);
	free(text);
	json_decref(pol);
	free(desc);
	strlist_free(&own);
	return 0;
}

int cmd_policy_learn(int argc, char **argv)
{
	struct cli_opts o;
	struct jerr err;
	struct policy base, learning, skel;
	bool have_skel = false, have_base = false, have_learning = false;
	struct workspace ws = { 0 };
	struct run_request rq = { 0 };
	struct learn *l = NULL;
	char **run_argv = NULL;
	char dir[PATH_MAX];
	const char *name;
	int status;

	if (cli_parse(CLI_LEARN, argc, argv, &o, &err) < 0)
		return commands_fail_input(&err);
	if (!o.from_source && o.n_rest < 1)
		return commands_fail_usage("policy", usage);
	if (!o.time_set) {
		o.lim.cpu_ms = LEARN_CPU_MS;
		if (!o.wall_set)
			o.lim.wall_ms = 3 * o.lim.cpu_ms + 1000;
	}
	/* as judge run: -i -, or without -i a pipe or a file on the judge's own stdin */
	if ((o.stdin_path && !strcmp(o.stdin_path, "-")) || (!o.stdin_path && stdin_is_data()))
		o.stdin_path = "/dev/stdin";
	if (o.stdin_path && access(o.stdin_path, R_OK) != 0) {
		jerr_set(&err, o.stdin_path, "--stdin", "%s", strerror(errno));
		return commands_fail_input(&err);
	}
	name = o.policy;
	if (!name && o.from_source && !(name = compile_policy_for(o.from_source, cli_policies_dir()))) {
		compile_no_language(o.from_source, cli_policies_dir(), &err);
		return commands_fail_input(&err);
	}
	status = 2;
	if (name) {
		if (policy_load(name, cli_policies_dir(), &skel, &err) < 0)
			goto fail;
		have_skel = true;
	}
	if (policy_load("base", cli_policies_dir(), &base, &err) < 0)
		goto fail;
	have_base = true;
	if (load_learning(have_skel ? &skel : NULL, &learning, &err) < 0)
		goto fail;
	have_learning = true;

	rq.argv = o.rest;
	if (o.from_source) {
		if (prepare_source(&o, &skel, &ws, &run_argv, &err) < 0)
			goto fail;
		rq.argv = run_argv;
		workspace_vars(&ws, o.lim.memory_kib / 1024, &rq.vars);
		rq.workdir = ws.dir;
	} else if (o.dir) {
		if (!realpath(o.dir, dir)) {
			jerr_set(&err, o.dir, "--dir", "%s", strerror(errno));
			goto fail;
		}
		rq.workdir = dir;
	} else {
		if (workspace_create_empty(&ws, &err) < 0)
			goto fail;
		rq.workdir = ws.dir;
	}
	rq.pol = &learning;
	rq.lim = o.lim;
	rq.mode = RUN_PTRACE;	/* every syscall stops at the tracer, which records it */
	rq.stdin_path = o.stdin_path;
	rq.trace_path = o.trace_path;
	rq.vars.memory_mb = o.lim.memory_kib / 1024;
	l = xcalloc(1, sizeof(*l));
	learn_init(l, &base, &learning);
	rq.learn = l;
	status = learn_and_print(&o, have_skel ? &skel : NULL, &rq, l);
	goto out;
fail:
	status = commands_fail_input(&err);
out:
	if (l) {
		learn_free(l);
		free(l);
	}
	compile_argv_free(run_argv);
	workspace_remove(&ws);
	if (have_learning)
		policy_free(&learning);
	if (have_base)
		policy_free(&base);
	if (have_skel)
		policy_free(&skel);
	return status;
}
