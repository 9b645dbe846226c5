/*
 * judge: runs untrusted programs under a per-language syscall policy and
 * says what happened (SPEC.md).  main() is the only place that exits:
 * 0 for OK/AC, 1 for any other verdict about the program, 2 for bad input to
 * the judge or an internal error.
 */
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

#include "cli.h"
#include "commands.h"
#include "util.h"


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
	{ "worker", cmd_worker },
	{ "problem", cmd_problem },
	{ "submit", cmd_submit },
	{ "status", cmd_status },
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
	/* the service commands keep their own help */
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name)) {
			char *args[] = { argv[1], (char *)"--help", NULL };

			return commands[i].fn(2, args);
		}
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