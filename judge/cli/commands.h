#ifndef JUDGE_COMMANDS_H
#define JUDGE_COMMANDS_H

#include "cli.h"
#include "limitchoice.h"
#include "testrun.h"
#include "util.h"
#include "verdict.h"

/* The subcommands, each in its own file (cmd_*.c). */
int cmd_run(int argc, char **argv);
int cmd_policy(int argc, char **argv);
/* judge policy learn (cmd_policy_learn.c); argv[0] is "learn". */
int cmd_policy_learn(int argc, char **argv);
int cmd_compile(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_grade(int argc, char **argv);
int cmd_verify(int argc, char **argv);
/* The Redis service (judge/service/): worker, problem push, submit, status. */
int cmd_worker(int argc, char **argv);
int cmd_problem(int argc, char **argv);
int cmd_submit(int argc, char **argv);
int cmd_status(int argc, char **argv);

/* Bad input to the judge: its one-line message on stderr, and exit status 2. */
int commands_fail_input(const struct jerr *e);
/* Wrong operands: the command's usage line, as bad input (exit 2). */
int commands_fail_usage(const char *command, const char *usage);

/* problem.yaml's warnings (keys of another format version), each on stderr as "judge: warning: ...". */
void commands_warn_problem(const struct problem *p);

/*
 * The options of `judge test`/`grade`/`verify` as testrun wants them.  -1
 * with `err` naming an option of `judge run` that means nothing here (-i,
 * -a, --stdout, --stderr, --trace, --dir: the problem supplies the input and
 * the answers, and each test has its own output).
 */
int testrun_opts_from_cli(const struct cli_opts *c, struct testrun_opts *o, struct jerr *err);

/*
 * The time limit for `judge test` and `grade` (limitchoice.h), put into
 * `o`; while accepted sources run to derive it, `live` shows what runs on
 * the progress line.  0, or -1 with err.
 */
int commands_choose_limit(const struct problem *p, struct testrun_opts *o, bool live,
			  struct limitchoice *lc, struct jerr *err);

#endif
