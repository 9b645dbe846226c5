/*
 * judge: runs untrusted programs under a per-language syscall policy and
 * says what happened (SPEC.md).  main() is the only place that exits:
 * 0 for OK/AC, 1 for any other verdict about the program, 2 for bad input to
 * the judge or an internal error.
 */
#include <errno.h>
#include <sys/stat.h>
#include <stdbool.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "checker.h"
#include "cli.h"
#include "commands.h"
#include "output.h"
#include "policy.h"
#include "report.h"
#include "run.h"
#include "verdict.h"

/* Runs the checker when there is an answer and the program ended cleanly. */
static enum check_status check_output(const struct cli_opts *o, const struct run_result *rr,
				      char *feedback, size_t len, struct jerr *err, int *bad)
{
	struct checker c;
	char out_path[4096];
	enum check_result cr;
	const struct outcome *oc = &rr->o;

	*bad = 0;
	if (!o->answer_path)
		return CHECK_NONE;
	if (oc->ie || oc->rf || oc->signal || !oc->exited || oc->exit_code != 0 ||
	    oc->cpu_exceeded || oc->wall_exceeded || oc->mle != MLE_NONE || oc->output_exceeded)
		return CHECK_NONE;
	if (checker_parse(o->checker, &c, err) < 0) {
		*bad = 1;
		return CHECK_NONE;
	}
	/*
	 * Built-in checkers read the memory file in place; a checker program
	 * gets a real file, since it cannot inherit the judge's descriptors.
	 */
	if (c.kind == CHECKER_TESTLIB || c.kind == CHECKER_KATTIS) {
		const char *tmp = getenv("TMPDIR");
		int fd;

		snprintf(out_path, sizeof(out_path), "%s/judge-output-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		fd = mkstemp(out_path);
		if (fd < 0 || output_copy(rr->out.out_fd, fd) < 0) {
			snprintf(feedback, len, "cannot save the output for the checker: %m");
			if (fd >= 0) {
				close(fd);
				unlink(out_path);
			}
			checker_free(&c);
			return CHECK_BROKEN;
		}
		close(fd);
		cr = checker_run(&c, o->stdin_path, out_path, o->answer_path, feedback, len);
		unlink(out_path);
	} else {
		output_path(rr->out.out_fd, out_path, sizeof(out_path));
		cr = checker_run(&c, o->stdin_path, out_path, o->answer_path, feedback, len);
	}
	checker_free(&c);
	switch (cr) {
	case CHECK_AC: return CHECK_ACCEPTED;
	case CHECK_WA:
	case CHECK_PE: return CHECK_REJECTED;
	default: return CHECK_BROKEN;
	}
}

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
	    (o->stdin_path && want_file(o->stdin_path, "--stdin", false, err) < 0) ||
	    (o->dir && want_file(o->dir, "--dir", true, err) < 0))
		return -1;
	if (checker_parse(o->checker, &c, err) < 0)
		return -1;
	checker_free(&c);
	return 0;
}

static int cmd_run(int argc, char **argv)
{
	struct cli_opts o;
	struct jerr err;
	struct policy pol;
	struct run_request rq = { 0 };
	struct run_result rr;
	struct result res = { 0 };
	char feedback[1024] = "";
	enum check_status cs;
	int bad;

	if (cli_parse(CLI_RUN, argc, argv, &o, &err) < 0)
		return commands_fail_input(&err);
	if (o.n_rest < 1) {
		cli_usage(stderr);
		return 2;
	}
	if (check_inputs(&o, &err) < 0)
		return commands_fail_input(&err);
	if (policy_load(o.policy ? o.policy : "c", cli_policies_dir(), &pol, &err) < 0)
		return commands_fail_input(&err);
	rq.pol = &pol;
	rq.lim = o.lim;
	rq.mode = o.mode;
	rq.argv = o.rest;
	rq.stdin_path = o.stdin_path;
	rq.workdir = o.dir;
	rq.trace_path = o.trace_path;
	rq.vars.memory_mb = o.lim.memory_kib / 1024;
	if (run_program(&rq, &rr, &err) < 0) {
		policy_free(&pol);
		return commands_fail_input(&err);
	}
	cs = check_output(&o, &rr, feedback, sizeof(feedback), &err, &bad);
	if (bad) {
		output_close(&rr.out);
		policy_free(&pol);
		return commands_fail_input(&err);
	}
	res.layers = rr.layers;
	verdict_decide(&rr.o, &rr.u, &o.lim, cs, feedback, &res);

	if ((o.stdout_path && output_save(rr.out.out_fd, o.stdout_path, &err) < 0 &&
	     snprintf(err.key, sizeof(err.key), "--stdout")) ||
	    (o.stderr_path && output_save(rr.out.err_fd, o.stderr_path, &err) < 0 &&
	     snprintf(err.key, sizeof(err.key), "--stderr"))) {
		output_close(&rr.out);
		policy_free(&pol);
		return commands_fail_input(&err);
	}
	if (o.json) {
		json_t *j = report_json(&res);

		json_dumpf(j, stdout, JSON_COMPACT);
		fputc('\n', stdout);
		json_decref(j);
	} else {
		fflush(stdout);
		if (!o.stdout_path)
			output_copy(rr.out.out_fd, 1);
		if (!o.stderr_path)
			output_copy(rr.out.err_fd, 2);
		report_line(stderr, &res);
	}
	output_close(&rr.out);
	policy_free(&pol);
	return verdict_exit_status(res.verdict);
}

static int cmd_policy(int argc, char **argv)
{
	struct jerr err;
	int status = 0;

	if (argc >= 2 && strcmp(argv[1], "list") == 0) {
		struct strlist names = { 0 };

		if (policy_list(cli_policies_dir(), &names) < 0) {
			fprintf(stderr, "judge: %s: cannot list policies\n", cli_policies_dir());
			return 2;
		}
		for (size_t i = 0; i < names.n; i++) {
			struct policy p;

			if (policy_load(names.v[i], cli_policies_dir(), &p, &err) == 0) {
				printf("%-10s %s\n", names.v[i], p.description ? p.description : "");
				policy_free(&p);
			} else {
				printf("%-10s (invalid: see judge policy check)\n", names.v[i]);
			}
		}
		strlist_free(&names);
		return 0;
	}
	if (argc >= 3 && strcmp(argv[1], "check") == 0) {
		for (int i = 2; i < argc; i++) {
			struct policy p;

			if (policy_load(argv[i], cli_policies_dir(), &p, &err) < 0) {
				status = commands_fail_input(&err);
				continue;
			}
			printf("%s: ok\n", argv[i]);
			policy_free(&p);
		}
		return status;
	}
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		cli_help(stdout, "policy");
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "check") && strcmp(argv[1], "list") &&
	    cli_closest_policy_command(argv[1]))
		fprintf(stderr, "judge: policy: unknown command '%s' (did you mean '%s'?)\n", argv[1],
			cli_closest_policy_command(argv[1]));
	fputs("usage: judge policy check FILE... | judge policy list | judge policy learn -- PROGRAM\n"
	      "(judge help policy says more)\n", stderr);
	return 2;
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "run", cmd_run },
	{ "policy", cmd_policy },
	{ "compile", cmd_compile },
	{ "test", cmd_test },
	{ "grade", cmd_grade },
	{ "verify", cmd_verify },
};

/* judge help [COMMAND|all], judge --help */
static int cmd_help(int argc, char **argv)
{
	const char *near;

	if (argc < 2) {
		cli_usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "all")) {
		cli_help_all(stdout);
		return 0;
	}
	if (cli_help(stdout, argv[1]) == 0)
		return 0;
	near = cli_closest_command(argv[1]);
	if (near)
		fprintf(stderr, "judge: help: no command '%s' (did you mean '%s'?)\n", argv[1], near);
	else
		fprintf(stderr, "judge: help: no command '%s' (judge --help lists them)\n", argv[1]);
	return 2;
}

int main(int argc, char **argv)
{
	const char *near;

	/*
	 * Orphans of the program are reparented to the judge, so it can reap
	 * and account for them; none can slip out from under the tree.
	 */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	util_catch_interrupts();
	if (argc < 2) {
		cli_usage(stderr);
		return 2;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help"))
		return cmd_help(argc - 1, argv + 1);
	if (!strcmp(argv[1], "--version")) {
		printf("judge %s\n", cli_version);
		return 0;
	}
	near = cli_closest_command(argv[1]);
	if (argv[1][0] == '-')
		fprintf(stderr, "judge: '%s' before a command: options follow it (judge --help)\n",
			argv[1]);
	else if (near)
		fprintf(stderr, "judge: unknown command '%s' (did you mean '%s'?)\n", argv[1], near);
	else
		fprintf(stderr, "judge: unknown command '%s' (judge --help lists them)\n", argv[1]);
	return 2;
}