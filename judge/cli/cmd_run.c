/*
 * judge run [options] [--] PROGRAM [ARGS...] | SOURCE [ARGS...]: one program
 * under the sandbox (SPEC §2, §3).  A PROGRAM runs as it is; a SOURCE (a
 * file whose extension a policy claims, or with -p a file that is not
 * executable) is copied into a private directory, compiled when its language
 * compiles, and run with its policy's run command.  Either way the program
 * starts in a private empty directory unless --dir names one, so that it
 * sees none of the caller's files; piped standard input is fed to it.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checker.h"
#include "cli.h"
#include "commands.h"
#include "compile.h"
#include "interact.h"
#include "judgerun.h"
#include "output.h"
#include "policy.h"
#include "report.h"
#include "run.h"
#include "trusted.h"
#include "verdict.h"

static int want_file(const char *path, const char *opt, bool dir, struct jerr *err)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		jerr_set(err, path, opt, "%s", strerror(errno));
		return -1;
	}
	if (dir ? !S_ISDIR(st.st_mode) : S_ISDIR(st.st_mode)) {
		jerr_set(err, path, opt, dir ? "not a directory" : "is a directory, not a file");
		return -1;
	}
	if (access(path, dir ? X_OK : R_OK) != 0) {
		jerr_set(err, path, opt, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Everything that can be told wrong before the program starts is told then. */
static int check_inputs(const struct cli_opts *o, struct jerr *err)
{
	struct checker c;

	if (!o->rest[0][0]) {
		jerr_set(err, "", "PROGRAM", "the program's name is empty");
		return -1;
	}
	if ((o->answer_path && want_file(o->answer_path, "--answer", false, err) < 0) ||
	    (o->stdin_path && strcmp(o->stdin_path, "-") != 0 &&
	     want_file(o->stdin_path, "--stdin", false, err) < 0) ||
	    (o->dir && want_file(o->dir, "--dir", true, err) < 0))
		return -1;
	if (o->interactor && (o->stdout_path || o->checker_set)) {
		jerr_set(err, o->interactor, o->stdout_path ? "--stdout" : "--checker",
			 "with --interactor the program's output goes to the interactor, which judges it");
		return -1;
	}
	if (checker_parse(o->checker, &c, err) < 0)
		return -1;
	checker_free(&c);
	return 0;
}

/*** Standard input ***/

/* Without -i, a pipe or a file on the judge's stdin is the program's input; a terminal is not. */
static bool stdin_is_data(void)
{
	struct stat st;

	return fstat(0, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISREG(st.st_mode));
}

/*
 * read() until end of file: a pipe has no size to copy by.  The buffer is
 * the heap's: on cmd_run's stack (where this is inlined) its 16 pages would
 * be touched by the stack-clash probes on every run, at a page fault each.
 */
static int copy_stream(int from, int to)
{
	enum { BUF = 65536 };
	char *buf = xmalloc(BUF);
	ssize_t n;
	int r = -1;

	while ((n = read(from, buf, BUF)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto out;
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(to, buf + off, (size_t)(n - off));

			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0)
				goto out;
			off += w;
		}
	}
	r = 0;
out:
	free(buf);
	return r;
}

/*
 * The judge's stdin saved to a file of its own: the program reads it like
 * any -i FILE, and a checker program can read the same input afterwards,
 * which a pipe read once could not give it.
 */
static int spool_stdin(char *path, size_t len, struct jerr *err)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	snprintf(path, len, "%s/judge-stdin-XXXXXX", tmp && *tmp == '/' ? tmp : "/tmp");
	fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0) {
		jerr_set(err, path, "--stdin", "cannot save standard input: %s", strerror(errno));
		path[0] = '\0';
		return -1;
	}
	if (copy_stream(0, fd) < 0 || close(fd) < 0) {
		jerr_set(err, "-", "--stdin", "cannot save standard input: %s", strerror(errno));
		unlink(path);
		path[0] = '\0';
		return -1;
	}
	return 0;
}

/*** PROGRAM or SOURCE ***/

static bool claims_extension(const struct policy *p, const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (!dot || dot == base)
		return false;
	for (size_t i = 0; i < p->extensions.n; i++)
		if (!strcmp(p->extensions.v[i], dot + 1))
			return true;
	return false;
}

/*
 * Loads the policy and says whether rest[0] is a SOURCE for it: with -p, a
 * regular file the policy claims by extension or one that is not executable;
 * without, a regular file whose extension some policy claims (that policy).
 * Anything else is a PROGRAM, under -p's policy or "c".
 */
static int choose(const struct cli_opts *o, struct policy *pol, bool *source, struct jerr *err)
{
	const char *path = o->rest[0], *name = o->policy;
	struct stat st;
	bool file = stat(path, &st) == 0 && S_ISREG(st.st_mode);

	*source = false;
	if (!name && file) {
		name = compile_policy_for(path, cli_policies_dir());
		*source = name != NULL;
	}
	if (policy_load(name ? name : "c", cli_policies_dir(), pol, err) < 0)
		return -1;
	if (o->policy && file)
		*source = claims_extension(pol, path) || access(path, X_OK) != 0;
	if (*source && !pol->run.n) {
		jerr_set(err, pol->name, "run", "policy %s has no run command: it cannot run %s",
			 pol->name, path);
		policy_free(pol);
		return -1;
	}
	return 0;
}

/* A source that did not compile: CE (or IE) with the compiler's message. */
static int report_compile(const struct cli_opts *o, const struct compile_result *cr)
{
	const char *why = cr->verdict == V_CE ? "compilation failed" :
			  "the judge could not compile the source";

	if (o->json) {
		report_print(report_run_compile_json(cr, why));
	} else {
		fputs(cr->message ? cr->message : "", stderr);
		fprintf(stderr, "%s  %s\n", verdict_name(cr->verdict), why);
	}
	return verdict_exit_status(cr->verdict);
}

/* The run command for the source in ws, then the ARGS given after it. */
static char **source_argv(const struct policy *pol, const struct workspace *ws,
			  const struct cli_opts *o)
{
	char **cmd = compile_run_argv(pol, ws, o->lim.memory_kib / 1024);
	size_t n = 0;
	char **argv;

	while (cmd[n])
		n++;
	argv = xcalloc(n + (size_t)o->n_rest, sizeof(*argv));
	memcpy(argv, cmd, n * sizeof(*argv));
	for (int i = 1; i < o->n_rest; i++)
		argv[n++] = xstrdup(o->rest[i]);
	free(cmd);
	return argv;
}

/*** The run ***/

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Whether `prog` names the program the policy's run command starts (python3, /usr/bin/python3.11). */
static bool runs_with(const struct policy *p, const char *prog)
{
	char real[PATH_MAX];

	return p->run.n && !strchr(p->run.v[0], '{') &&
	       (!strcmp(base_name(p->run.v[0]), base_name(prog)) ||
		(realpath(p->run.v[0], real) && !strcmp(base_name(real), base_name(prog))));
}

/*
 * The policy whose run command starts with `prog` (python3, /usr/bin/node),
 * other than `chosen`; NULL when none.  Asked only once a PROGRAM under the
 * default policy has failed: an interpreter run as a PROGRAM under c lacks
 * its libraries or its own execve, and saying so beats its RE, RF or IE.
 */
static char *interpreter_policy(const char *prog, const struct policy *chosen)
{
	struct strlist names = { 0 };
	struct policy *p;
	char *found = NULL;

	if (policy_list(cli_policies_dir(), &names) < 0)
		return NULL;
	/* on the heap: a policy is 24 KiB, paid in stack probes by every run if it sat here */
	p = xmalloc(sizeof(*p));

	for (size_t i = 0; i < names.n && !found; i++) {
		struct jerr err;

		if (!strcmp(names.v[i], chosen->name) ||
		    policy_load(names.v[i], cli_policies_dir(), p, &err) < 0)
			continue;
		if (runs_with(p, prog))
			found = xstrdup(names.v[i]);
		policy_free(p);
	}
	free(p);
	strlist_free(&names);
	return found;
}

static int run_and_report(const struct cli_opts *o, struct run_request *rq, bool source)
{
	struct run_result rr;
	struct result res;
	struct jerr err;
	struct checker c;
	struct judge_check jc = { .chk = &c, .input = o->stdin_path, .answer = o->answer_path };
	int r;

	/* check_inputs() has parsed it once already: this cannot fail */
	if (checker_parse(o->checker, &c, &err) < 0)
		return commands_fail_input(&err);
	r = judgerun(rq, &o->lim, &jc, &rr, &res, &err);
	checker_free(&c);
	if (r < 0)
		return commands_fail_input(&err);
	if (!source && (res.verdict == V_RE || res.verdict == V_RF || res.verdict == V_IE)) {
		char *lang = !o->policy ? interpreter_policy(rq->argv[0], rq->pol) : NULL;

		/*
		 * -p python3 -- /usr/bin/python3 sol.py: the interpreter without
		 * the options its policy gives it (-I -S -B) does what the policy
		 * was never made for.  The verdict stands (a hostile program run
		 * so is still RF); the note says how it was meant to be run.
		 */
		if (!lang && runs_with(rq->pol, rq->argv[0]))
			fprintf(stderr, "judge: note: policy %s starts %s itself, with the options it "
				"was made for: give the file to run (judge run -p %s -- FILE)\n",
				rq->pol->name, rq->argv[0], rq->pol->name);
		if (lang) {
			jerr_set(&err, rq->argv[0], "", "policy %s cannot run it: it is the run command "
				 "of policy %s (judge run -p %s -- FILE, or judge run FILE with the "
				 "language's extension)", rq->pol->name, lang, lang);
			free(lang);
			output_close(&rr.out);
			return commands_fail_input(&err);
		}
	}

	if ((o->stdout_path && output_save(rr.out.out_fd, o->stdout_path, &err) < 0 &&
	     snprintf(err.key, sizeof(err.key), "--stdout")) ||
	    (o->stderr_path && output_save(rr.out.err_fd, o->stderr_path, &err) < 0 &&
	     snprintf(err.key, sizeof(err.key), "--stderr"))) {
		output_close(&rr.out);
		return commands_fail_input(&err);
	}
	if (o->json) {
		report_print(report_json(&res));
	} else {
		fflush(stdout);
		if (!o->stdout_path)
			output_copy(rr.out.out_fd, 1);
		if (!o->stderr_path)
			output_copy(rr.out.err_fd, 2);
		report_line(stderr, &res);
	}
	output_close(&rr.out);
	return verdict_exit_status(res.verdict);
}

/*
 * --interactor PROG: the program talks to PROG as in an interactive problem
 * (interact.h); -i and -a are PROG's input and answer files.  Not inlined:
 * its 13 KiB frame would otherwise be cmd_run's, probed page by page on
 * every run.
 */
static int __attribute__((noinline)) run_interactive(const struct cli_opts *o, struct run_request *rq)
{
	const char *tmp = getenv("TMPDIR");
	char scratch[PATH_MAX], exe[PATH_MAX];
	struct interact_spec s = { 0 };
	struct result res = { 0 };
	struct jerr err;
	int status;

	snprintf(scratch, sizeof(scratch), "%s/judge-interact-XXXXXX",
		 tmp && *tmp == '/' && strlen(tmp) < PATH_MAX / 2 ? tmp : "/tmp");
	if (!mkdtemp(scratch)) {
		jerr_set(&err, scratch, "--interactor", "cannot make a directory: %s", strerror(errno));
		return commands_fail_input(&err);
	}
	if (trusted_prepare(o->interactor, scratch, "interactor", exe, sizeof(exe), &err) < 0) {
		util_remove_tree(scratch);
		return commands_fail_input(&err);
	}
	s.rq = rq;
	s.interactor = exe;
	s.input = o->stdin_path;
	s.answer = o->answer_path;
	s.scratch = scratch;
	if (judgerun_interactive(&s, &o->lim, &res, &err) < 0) {
		util_remove_tree(scratch);
		return commands_fail_input(&err);
	}
	if (o->json) {
		report_print(report_json(&res));
	} else {
		report_line(stderr, &res);
	}
	status = verdict_exit_status(res.verdict);
	util_remove_tree(scratch);
	return status;
}

int cmd_run(int argc, char **argv)
{
	struct cli_opts o;
	struct jerr err;
	struct policy pol;
	struct workspace ws = { 0 };
	struct run_request rq = { 0 };
	char spool[PATH_MAX] = "", dir[PATH_MAX];
	char **run_argv = NULL;
	bool source;
	int status;

	if (cli_parse(CLI_RUN, argc, argv, &o, &err) < 0)
		return commands_fail_input(&err);
	if (o.n_rest < 1)
		return commands_fail_usage("run", "judge run [options] [--] PROGRAM [ARGS...] | SOURCE");
	if (check_inputs(&o, &err) < 0 || choose(&o, &pol, &source, &err) < 0)
		return commands_fail_input(&err);
	if (source && o.dir) {
		jerr_set(&err, o.rest[0], "--dir", "a SOURCE compiles and runs in a private "
			 "directory of its own; --dir is for a PROGRAM");
		status = commands_fail_input(&err);
		goto out;
	}
	if ((o.stdin_path && !strcmp(o.stdin_path, "-")) || (!o.stdin_path && stdin_is_data())) {
		if (spool_stdin(spool, sizeof(spool), &err) < 0) {
			status = commands_fail_input(&err);
			goto out;
		}
		o.stdin_path = spool;
	}
	if (source ? workspace_create(o.rest[0], &ws, &err) :
	    !o.dir ? workspace_create_empty(&ws, &err) : 0) {
		status = commands_fail_input(&err);
		goto out;
	}
	rq.pol = &pol;
	rq.lim = o.lim;
	rq.mode = o.mode;
	rq.argv = o.rest;
	rq.stdin_path = o.stdin_path;
	/* {dir} in the policy's path rules is compared with absolute paths */
	if (o.dir && !realpath(o.dir, dir)) {
		jerr_set(&err, o.dir, "--dir", "%s", strerror(errno));
		status = commands_fail_input(&err);
		goto out;
	}
	rq.workdir = o.dir ? dir : ws.dir;
	rq.trace_path = o.trace_path;
	rq.vars.memory_mb = o.lim.memory_kib / 1024;
	if (source) {
		struct compile_result cr;

		if (pol.compile.n) {
			if (compile_in(&pol, &ws, cli_policies_dir(), NULL, &cr, &err) < 0) {
				status = commands_fail_input(&err);
				goto out;
			}
			if (cr.verdict != V_OK) {
				status = report_compile(&o, &cr);
				compile_result_free(&cr);
				goto out;
			}
			compile_result_free(&cr);
		}
		run_argv = source_argv(&pol, &ws, &o);
		rq.argv = run_argv;
		workspace_vars(&ws, o.lim.memory_kib / 1024, &rq.vars);
	}
	status = o.interactor ? run_interactive(&o, &rq) : run_and_report(&o, &rq, source);
out:
	compile_argv_free(run_argv);
	workspace_remove(&ws);
	if (spool[0])
		unlink(spool);
	policy_free(&pol);
	return status;
}
