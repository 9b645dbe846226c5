#ifndef JUDGE_CLI_H
#define JUDGE_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "meter.h"
#include "run.h"
#include "util.h"

/* The options of run, test, compile and grade (SPEC §2), parsed. */
struct cli_opts {
	const char *policy;		/* -p NAME|FILE; NULL: "c" (run) or by extension (test) */
	struct limits lim;
	bool time_set, wall_set, memory_set, output_set;
	const char *stdin_path;		/* -i */
	const char *answer_path;	/* -a */
	const char *checker;		/* -c; "tokens" when not given */
	bool checker_set;		/* -c was given: it overrides a problem's checker */
	enum run_mode mode;
	const char *stdout_path, *stderr_path, *trace_path;
	bool json;
	const char *out;		/* compile: -o OUT */
	const char *report_junit;	/* test: --report junit FILE */
	const char *csv;		/* grade: --csv FILE */
	const char *html;		/* grade: --html FILE */
	const char *keep_outputs;	/* test: --keep-outputs DIR */
	bool progress;			/* --progress: the progress line even off a terminal */
	const char *entry;		/* --entry FILE: a directory submission's main file */
	bool fail_fast;
	int jobs;
	const char *dir;		/* --dir: the program's working directory */
	const char *from_source;	/* policy learn --from-source SOURCE */
	const char *interactor;		/* run --interactor PROG */
	char **rest;			/* operands: PROGRAM ARGS..., or SOURCE PROBLEM */
	int n_rest;
};

/* CLI_LEARN is `judge policy learn`; it stays last. */
enum cli_command { CLI_RUN, CLI_TEST, CLI_COMPILE, CLI_GRADE, CLI_VERIFY, CLI_LEARN };

/*
 * Parses argv (after the subcommand).  0, or -1 with err naming the option
 * and the bad value; an option of another command, an unknown one (with the
 * nearest known one) and a missing value are errors too.  --help prints the
 * command's help and exits 0.  Limits the user did not give keep SPEC's defaults and
 * their *_set flag false, so a problem's own limits can fill them.
 */
int cli_parse(enum cli_command cmd, int argc, char **argv, struct cli_opts *o, struct jerr *err);
/* The wall limit SPEC derives from the CPU limit when -w is absent. */
void cli_default_wall(struct cli_opts *o);
/* Where named policies live: $JUDGE_POLICIES, else ../policies next to the binary. */
const char *cli_policies_dir(void);
/* judge --help: the commands and the options every command takes. */
void cli_usage(FILE *f);
/* A command's usage, meaning, every option with its default; -1 if no such command. */
int cli_help(FILE *f, const char *command);
/* Every help text at once: the source of the manual page. */
void cli_help_all(FILE *f);
/* The command at most two edits from name, for "did you mean"; NULL if none. */
const char *cli_closest_command(const char *name);
/* The same for the subcommands of judge policy. */
const char *cli_closest_policy_command(const char *name);
/* --json was among the options: errors are printed as JSON too (docs/schema/error.json). */
extern bool cli_json_errors;
/* The version of this build: git describe at build time. */
extern const char cli_version[];

#endif
