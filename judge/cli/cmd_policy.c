/*
 * judge policy check FILE|NAME... | list: the policies themselves.
 * check loads a policy as a run would and then everything it refers to, so
 * that a setter hears of a missing compile policy or compiler now, not as
 * an IE on the first submission.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "compile.h"
#include "policy.h"

/* The command a template starts with, when it is a real path or a name in PATH: installed? */
static int check_program(const struct strlist *cmd, const char *key, const struct policy *p,
			 struct jerr *err)
{
	const char *prog = cmd->n ? cmd->v[0] : NULL;
	const char *path = getenv("PATH");
	char buf[PATH_MAX];

	if (!prog || strchr(prog, '{'))
		return 0;
	if (strchr(prog, '/')) {
		if (access(prog, X_OK) == 0)
			return 0;
		jerr_set(err, p->file, key, "%s: %s (is the language installed?)", prog, strerror(errno));
		return -1;
	}
	for (const char *d = path && *path ? path : "/usr/bin:/bin"; *d;) {
		size_t n = strcspn(d, ":");

		snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, d, prog);
		if (n && access(buf, X_OK) == 0)
			return 0;
		d += n + (d[n] == ':');
	}
	jerr_set(err, p->file, key, "%s: not found in PATH (is the language installed?)", prog);
	return -1;
}

static int check_references(const struct policy *p, struct jerr *err)
{
	struct policy cpol;

	if (check_program(&p->run, "run[0]", p, err) < 0 ||
	    check_program(&p->compile, "compile[0]", p, err) < 0)
		return -1;
	if (!p->compile.n)
		return 0;
	if (compile_load_policy(p, cli_policies_dir(), &cpol, err) < 0)
		return -1;
	policy_free(&cpol);
	return 0;
}

int cmd_policy(int argc, char **argv)
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

			if (policy_load(argv[i], cli_policies_dir(), &p, &err) < 0 ||
			    (check_references(&p, &err) < 0 && (policy_free(&p), 1))) {
				status = commands_fail_input(&err);
				continue;
			}
			printf("%s: ok\n", argv[i]);
			policy_free(&p);
		}
		return status;
	}
	if (argc >= 2 && strcmp(argv[1], "learn") == 0)
		return cmd_policy_learn(argc - 1, argv + 1);
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		cli_help(stdout, "policy");
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "check") && strcmp(argv[1], "list") &&
	    strcmp(argv[1], "learn") && cli_closest_policy_command(argv[1]))
		fprintf(stderr, "judge: policy: unknown command '%s' (did you mean '%s'?)\n", argv[1],
			cli_closest_policy_command(argv[1]));
	fputs("usage: judge policy check FILE... | judge policy list | "
	      "judge policy learn [options] -- PROGRAM [ARGS...]\n"
	      "(judge help policy says more)\n", stderr);
	return 2;
}
