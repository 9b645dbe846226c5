#include "commands.h"

#include <stdio.h>
#include <string.h>

#include "report.h"
#include "table.h"

int commands_fail_input(const struct jerr *e)
{
	char buf[1024];

	jerr_format(e, buf, sizeof(buf));
	fprintf(stderr, "judge: %s\n", buf);
	if (cli_json_errors)
		report_print(report_error_json(e, buf));
	return 2;
}

int commands_fail_usage(const char *command, const char *usage)
{
	struct jerr e;

	jerr_set(&e, "", "", "usage: %s (judge help %s says more)", usage, command);
	return commands_fail_input(&e);
}

int testrun_opts_from_cli(const struct cli_opts *c, struct testrun_opts *o, struct jerr *err)
{
	const struct {
		const char *value, *name;
	} run_only[] = {
		{ c->stdin_path, "--stdin" }, { c->answer_path, "--answer" },
		{ c->stdout_path, "--stdout" }, { c->stderr_path, "--stderr" },
		{ c->trace_path, "--trace" }, { c->dir, "--dir" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(run_only); i++)
		if (run_only[i].value) {
			jerr_set(err, "", run_only[i].name, "is an option of judge run only: the problem "
				 "gives each test its input and answer");
			return -1;
		}
	memset(o, 0, sizeof(*o));
	o->policies_dir = cli_policies_dir();
	o->policy = c->policy;
	o->entry = c->entry;
	/* only a -c the user gave may override the problem's checker */
	o->checker = c->checker_set ? c->checker : NULL;
	o->lim = c->lim;
	o->time_set = c->time_set;
	o->wall_set = c->wall_set;
	o->memory_set = c->memory_set;
	o->output_set = c->output_set;
	o->mode = c->mode;
	o->fail_fast = c->fail_fast;
	o->jobs = c->jobs > 0 ? c->jobs : 1;
	o->keep_outputs = c->keep_outputs;
	return 0;
}

void commands_warn_problem(const struct problem *p)
{
	const char *w = p->warnings;

	while (w && *w) {
		size_t n = strcspn(w, "\n");

		fprintf(stderr, "judge: warning: %.*s\n", (int)n, w);
		w += n + (w[n] == '\n');
	}
}

static void say_status(const char *line)
{
	table_status(stderr, line);
}

int commands_choose_limit(const struct problem *p, struct testrun_opts *o, bool live,
			  struct limitchoice *lc, struct jerr *err)
{
	int r = limitchoice_decide(p, o, live ? say_status : NULL, lc, err);

	if (live)
		table_progress_clear(stderr);
	if (r == 0)
		limitchoice_apply(lc, o);
	return r;
}
