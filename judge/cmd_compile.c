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
#include "policy.h"
#include "verdict.h"

/*
 * Copies `from` to `to` through a temporary file beside `to`, so that OUT is
 * either the old file or the whole new one, never a half-written program.
 */
static int install_file(const char *from, const char *to, struct jerr *err)
{
	char *tmp = xasprintf("%s.tmp-XXXXXX", to);
	char buf[65536];
	int in, out = -1;
	ssize_t n;

	in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		jerr_set(err, from, "", "cannot read the compiled program: %s", strerror(errno));
		goto fail;
	}
	out = mkostemp(tmp, O_CLOEXEC);
	if (out < 0) {
		jerr_set(err, to, "-o", "cannot create a file beside it: %s", strerror(errno));
		goto fail;
	}
	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || write(out, buf, (size_t)n) != n) {
			jerr_set(err, to, "-o", "cannot write: %s", strerror(errno));
			goto fail_unlink;
		}
	}
	if (fchmod(out, 0755) < 0 || close(out) < 0) {
		out = -1;
		jerr_set(err, to, "-o", "cannot write: %s", strerror(errno));
		goto fail_unlink;
	}
	out = -1;
	if (rename(tmp, to) < 0) {
		jerr_set(err, to, "-o", "cannot rename %s to it: %s", tmp, strerror(errno));
		goto fail_unlink;
	}
	close(in);
	free(tmp);
	return 0;
fail_unlink:
	unlink(tmp);
fail:
	if (out >= 0)
		close(out);
	if (in >= 0)
		close(in);
	free(tmp);
	return -1;
}

static void print_json(const struct compile_result *cr, const char *policy)
{
	json_t *j = json_object();

	json_object_set_new(j, "verdict", json_string(verdict_name(cr->verdict)));
	json_object_set_new(j, "message", json_string(cr->message ? cr->message : ""));
	json_object_set_new(j, "cpu_ms", json_integer(cr->cpu_ms));
	json_object_set_new(j, "wall_ms", json_integer(cr->wall_ms));
	json_object_set_new(j, "memory_kb", json_integer(cr->memory_kib));
	json_object_set_new(j, "policy", json_string(policy));
	json_dumpf(j, stdout, JSON_COMPACT);
	fputc('\n', stdout);
	json_decref(j);
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
		fputs("usage: judge compile [-p POLICY] [--json] SOURCE -o OUT\n", stderr);
		return 2;
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
	if (compile_in(&lang, &ws, &cr, &err) < 0) {
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
		print_json(&cr, lang.name);
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
