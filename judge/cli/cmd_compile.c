/*
 * judge compile [options] SOURCE -o OUT: the sandboxed compile of `judge
 * test` on its own, for a student who wants to see the judge's compiler
 * errors, or a script that compiles once and runs many times.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "compile.h"
#include "output.h"
#include "policy.h"
#include "report.h"
#include "verdict.h"

/* The compiled program to OUT: the old file or the whole new one, never half of it. */
static int install_file(const char *from, const char *to, struct jerr *err)
{
	int in = open(from, O_RDONLY | O_CLOEXEC), r;

	if (in < 0) {
		jerr_set(err, from, "", "cannot read the compiled program: %s", strerror(errno));
		return -1;
	}
	r = output_save_mode(in, to, 0755, err);
	if (r < 0)
		snprintf(err->key, sizeof(err->key), "-o");
	close(in);
	return r;
}

int cmd_compile(int argc, char **argv)
{
	struct cli_opts o;
	struct jerr err;
	struct policy lang;
	struct workspace ws;
	struct compile_result cr;
	const char *name, *source;
	int status;

	if (cli_parse(CLI_COMPILE, argc, argv, &o, &err) < 0)
		return commands_fail_input(&err);
	if (o.n_rest != 1 || !o.out) {
		return commands_fail_usage("compile", "judge compile [options] SOURCE -o OUT");
	}
	source = o.rest[0];
	name = o.policy ? o.policy : compile_policy_for(source, cli_policies_dir());
	if (!name) {
		compile_no_language(source, cli_policies_dir(), &err);
		return commands_fail_input(&err);
	}
	if (policy_load(name, cli_policies_dir(), &lang, &err) < 0)
		return commands_fail_input(&err);
	if (workspace_create(source, &ws, &err) < 0) {
		policy_free(&lang);
		return commands_fail_input(&err);
	}
	if (compile_in(&lang, &ws, cli_policies_dir(), o.trace_path, &cr, &err) < 0) {
		workspace_remove(&ws);
		policy_free(&lang);
		return commands_fail_input(&err);
	}
	/* nothing to compile: the program is its source, run by the interpreter */
	if (cr.verdict == V_OK &&
	    install_file(lang.compile.n ? ws.exe : ws.source, o.out, &err) < 0) {
		status = commands_fail_input(&err);
		goto out;
	}
	if (o.json) {
		report_print(report_compile_json(&cr, lang.name));
	} else {
		fputs(cr.message, stderr);
		fprintf(stderr, "%s  cpu %lld ms  wall %lld ms  memory %lld KiB\n",
			verdict_name(cr.verdict), (long long)cr.cpu_ms, (long long)cr.wall_ms,
			(long long)cr.memory_kib);
	}
	status = verdict_exit_status(cr.verdict);
out:
	compile_result_free(&cr);
	workspace_remove(&ws);
	policy_free(&lang);
	return status;
}
