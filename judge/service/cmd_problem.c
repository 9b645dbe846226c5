/* judge problem push --redis URL DIR: store a package under its content hash, print the id (SPEC §6). */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "pkgstore.h"
#include "problem.h"
#include "rconn.h"

int cmd_problem(int argc, char **argv)
{
	struct redis_url u;
	struct rconn rc;
	struct problem p;
	struct jerr err;
	char id[65];
	const char *url = NULL, *dir = NULL;

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--redis") == 0 && i + 1 < argc)
			url = argv[++i];
		else if (strncmp(argv[i], "--redis=", 8) == 0)
			url = argv[i] + 8;
		else if (argv[i][0] != '-' && !dir)
			dir = argv[i];
		else
			url = dir = NULL, i = argc;
	}
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs("usage: judge problem push --redis URL DIR\n"
		      "Stores the problem package DIR in Redis under its content hash and prints that id,\n"
		      "which jobs name as \"problem\" (docs/worker.md).\n", stdout);
		return 0;
	}
	if (argc < 2 || strcmp(argv[1], "push") != 0 || !url || !dir) {
		fputs("usage: judge problem push --redis URL DIR\n", stderr);
		return 2;
	}
	if (redis_url_parse(url, &u, &err) < 0)
		return commands_fail_input(&err);
	/* a package the workers could not load is refused here, where its author sees why */
	if (problem_load(dir, &p, &err) < 0)
		return commands_fail_input(&err);
	problem_free(&p);
	if (rconn_open(&rc, &u, 10000) < 0) {
		fprintf(stderr, "judge: --redis: %s\n", rc.err);
		return 2;
	}
	if (pkgstore_push(&rc, dir, id, &err) < 0) {
		rconn_close(&rc);
		return commands_fail_input(&err);
	}
	rconn_close(&rc);
	printf("%s\n", id);
	return 0;
}
