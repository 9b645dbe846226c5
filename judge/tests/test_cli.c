#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/*
 * cli_parse gets argv after the subcommand, as main passes it: argv[0] is
 * the subcommand's name.  getopt may permute argv, so each call gets a fresh
 * copy.
 */

static char *args[64];
static struct cli_opts o;
static struct jerr err;

static int parse(enum cli_command cmd, ...)
{
	va_list ap;
	int n = 0;
	const char *s;

	args[n++] = (char *)"cmd";
	va_start(ap, cmd);
	while ((s = va_arg(ap, const char *)) && n < 63)
		args[n++] = (char *)s;
	va_end(ap);
	args[n] = NULL;
	memset(&err, 0, sizeof(err));
	return cli_parse(cmd, n, args, &o, &err);
}

#define PARSE(cmd, ...) parse(cmd, __VA_ARGS__, (const char *)NULL)

Test(cli, defaults)
{
	cr_assert_eq(PARSE(CLI_RUN, "--", "./a.out"), 0, "%s", err.msg);
	cr_expect_eq(o.lim.cpu_ms, 1000);
	cr_expect_eq(o.lim.wall_ms, 3 * 1000 + 1000);
	cr_expect_eq(o.lim.memory_kib, 262144);
	cr_expect_eq(o.lim.output_bytes, 64LL << 20);
	cr_expect_not(o.time_set || o.wall_set || o.memory_set || o.output_set);
	cr_expect_null(o.policy);
	cr_expect_null(o.stdin_path);
	cr_expect_null(o.answer_path);
	cr_expect_str_eq(o.checker, "tokens");
	cr_expect_not(o.json);
	cr_expect_null(o.trace_path);
	cr_expect_null(o.stdout_path);
	cr_expect_null(o.stderr_path);
	cr_expect_eq(o.mode, run_seccomp_available() ? RUN_SECCOMP : RUN_PTRACE);
	cr_expect_eq(o.n_rest, 1);
	cr_expect_str_eq(o.rest[0], "./a.out");
}

Test(cli, every_run_option_short)
{
	cr_assert_eq(PARSE(CLI_RUN, "-p", "cpp", "-t", "2000", "-w", "9000", "-m", "1G", "-o", "1M",
			   "-i", "in.txt", "-a", "ans.txt", "-c", "float:1e-6", "--", "prog", "x"),
		     0, "%s", err.msg);
	cr_expect_str_eq(o.policy, "cpp");
	cr_expect_eq(o.lim.cpu_ms, 2000);
	cr_expect_eq(o.lim.wall_ms, 9000);
	cr_expect_eq(o.lim.memory_kib, 1048576);
	cr_expect_eq(o.lim.output_bytes, 1 << 20);
	cr_expect(o.time_set && o.wall_set && o.memory_set && o.output_set);
	cr_expect_str_eq(o.stdin_path, "in.txt");
	cr_expect_str_eq(o.answer_path, "ans.txt");
	cr_expect_str_eq(o.checker, "float:1e-6");
	cr_expect_eq(o.n_rest, 2);
	cr_expect_str_eq(o.rest[0], "prog");
	cr_expect_str_eq(o.rest[1], "x");
}

Test(cli, every_run_option_long)
{
	cr_assert_eq(PARSE(CLI_RUN, "--policy", "policies/c.json", "--time", "1500", "--wall", "2000",
			   "--memory", "65536K", "--output", "4096", "--stdin", "in", "--answer", "ans",
			   "--checker", "exact", "--mode", "ptrace", "--stdout", "o.txt", "--stderr",
			   "e.txt", "--json", "--trace", "t.log", "--dir", "/tmp", "--", "prog"),
		     0, "%s", err.msg);
	cr_expect_str_eq(o.policy, "policies/c.json");
	cr_expect_eq(o.lim.cpu_ms, 1500);
	cr_expect_eq(o.lim.wall_ms, 2000);
	cr_expect_eq(o.lim.memory_kib, 65536);
	cr_expect_eq(o.lim.output_bytes, 4096);	/* a bare output size is bytes */
	cr_expect_str_eq(o.stdin_path, "in");
	cr_expect_str_eq(o.answer_path, "ans");
	cr_expect_str_eq(o.checker, "exact");
	cr_expect_eq(o.mode, RUN_PTRACE);
	cr_expect_str_eq(o.stdout_path, "o.txt");
	cr_expect_str_eq(o.stderr_path, "e.txt");
	cr_expect(o.json);
	cr_expect_str_eq(o.trace_path, "t.log");
	cr_expect_str_eq(o.dir, "/tmp");
	cr_expect_eq(o.n_rest, 1);
	cr_expect_str_eq(o.rest[0], "prog");
}

Test(cli, equals_forms)
{
	cr_assert_eq(PARSE(CLI_RUN, "--time=300", "--memory=64M", "--mode=seccomp", "-t500", "--",
			   "prog"), 0, "%s", err.msg);
	cr_expect_eq(o.lim.cpu_ms, 500);	/* the last one wins */
	cr_expect_eq(o.lim.memory_kib, 65536);
}

Test(cli, wall_follows_time_unless_given)
{
	cr_assert_eq(PARSE(CLI_RUN, "-t", "2000", "--", "p"), 0);
	cr_expect_eq(o.lim.wall_ms, 7000);
	cr_expect_not(o.wall_set);
	cr_assert_eq(PARSE(CLI_RUN, "-w", "500", "-t", "2000", "--", "p"), 0);
	cr_expect_eq(o.lim.wall_ms, 500);
	/* a problem's own limit arrives later: the wall limit follows it */
	cr_assert_eq(PARSE(CLI_TEST, "a.c", "prob"), 0);
	o.lim.cpu_ms = 3000;
	cli_default_wall(&o);
	cr_expect_eq(o.lim.wall_ms, 10000);
}

/* run stops at the program's name: what follows is the program's, even without "--". */
Test(cli, run_stops_at_the_program)
{
	cr_assert_eq(PARSE(CLI_RUN, "-t", "100", "./prog", "-t", "5", "--json"), 0, "%s", err.msg);
	cr_expect_eq(o.lim.cpu_ms, 100);
	cr_expect_not(o.json);
	cr_expect_eq(o.n_rest, 4);
	cr_expect_str_eq(o.rest[0], "./prog");
	cr_expect_str_eq(o.rest[1], "-t");
}

Test(cli, test_takes_options_anywhere)
{
	cr_assert_eq(PARSE(CLI_TEST, "sol.c", "-t", "2000", "problem", "--json", "--fail-fast",
			   "--report", "junit", "out.xml", "--jobs", "4"), 0, "%s", err.msg);
	cr_expect_eq(o.lim.cpu_ms, 2000);
	cr_expect(o.json);
	cr_expect(o.fail_fast);
	cr_expect_str_eq(o.report_junit, "out.xml");
	cr_expect_eq(o.jobs, 4);
	cr_expect_eq(o.n_rest, 2);
	cr_expect_str_eq(o.rest[0], "sol.c");
	cr_expect_str_eq(o.rest[1], "problem");
}

Test(cli, compile_o_is_the_output_file)
{
	cr_assert_eq(PARSE(CLI_COMPILE, "a.c", "-o", "a.out"), 0, "%s", err.msg);
	cr_expect_str_eq(o.out, "a.out");
	cr_expect_eq(o.lim.output_bytes, 64LL << 20);
	cr_expect_not(o.output_set);
	cr_expect_eq(o.n_rest, 1);
	cr_expect_str_eq(o.rest[0], "a.c");
	/* for run, -o is the output limit and "a.out" is not a size */
	cr_expect_eq(PARSE(CLI_RUN, "-o", "a.out", "--", "p"), -1);
	cr_expect_str_eq(err.key, "--output");
}

Test(cli, grade_csv)
{
	cr_assert_eq(PARSE(CLI_GRADE, "prob", "subs/", "--csv", "g.csv", "--jobs", "2"), 0, "%s", err.msg);
	cr_expect_str_eq(o.csv, "g.csv");
	cr_expect_eq(o.jobs, 2);
}

struct bad_case {
	const char *opt, *val, *key;
};

Test(cli, bad_values_name_the_option)
{
	static const struct bad_case cases[] = {
		{ "-t", "0", "--time" },
		{ "-t", "-5", "--time" },
		{ "-t", "1.5", "--time" },
		{ "-t", "10m", "--time" },
		{ "-t", "1.5ms", "--time" },
		{ "-t", "1.0005s", "--time" },
		{ "-t", "s", "--time" },
		{ "-t", "2d", "--time" },
		{ "-t", "", "--time" },
		{ "-t", "99999999999999999999999", "--time" },
		{ "--time", "abc", "--time" },
		{ "-w", "0", "--wall" },
		{ "-w", "x", "--wall" },
		{ "-m", "0", "--memory" },
		{ "-m", "12Q", "--memory" },
		{ "-m", "-1M", "--memory" },
		{ "-m", "M", "--memory" },
		{ "-m", "99999999999999999999G", "--memory" },
		{ "--memory", "1.5G", "--memory" },
		{ "-o", "0", "--output" },
		{ "-o", "lots", "--output" },
		{ "--output", "1T", "--output" },
		{ "--mode", "chroot", "--mode" },
		{ "--mode", "", "--mode" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int r = PARSE(CLI_RUN, cases[i].opt, cases[i].val, "--", "p");

		cr_expect_eq(r, -1, "%s %s accepted", cases[i].opt, cases[i].val);
		if (r == -1) {
			cr_expect_str_eq(err.key, cases[i].key, "%s %s", cases[i].opt, cases[i].val);
			cr_expect(strstr(err.msg, cases[i].val) != NULL, "%s %s: message \"%s\"",
				  cases[i].opt, cases[i].val, err.msg);
		}
	}
}

Test(cli, unknown_option_and_missing_value)
{
	cr_expect_eq(PARSE(CLI_RUN, "--bogus", "--", "p"), -1);
	cr_expect(strstr(err.msg, "--bogus") != NULL, "%s", err.msg);
	cr_expect_eq(PARSE(CLI_RUN, "-Z", "--", "p"), -1);
	cr_expect(strstr(err.msg, "-Z") != NULL, "%s", err.msg);
}

/* Only the first parse of the process here: see parses_are_independent. */
Test(cli, missing_value)
{
	cr_expect_eq(PARSE(CLI_TEST, "a.c", "p", "-t"), -1);
	cr_expect(strstr(err.msg, "'-t' needs a value") != NULL, "%s", err.msg);
}

Test(cli, jobs_is_a_count)
{
	static const char *const bad_jobs[] = { "0", "many", "-1", "2x", "257", "" };

	for (size_t i = 0; i < ARRAY_SIZE(bad_jobs); i++) {
		cr_expect_eq(PARSE(CLI_TEST, "--jobs", bad_jobs[i], "s", "p"), -1, "%s", bad_jobs[i]);
		cr_expect_str_eq(err.key, "--jobs");
	}
	cr_expect_eq(PARSE(CLI_TEST, "--jobs", "8", "s", "p"), 0, "%s", err.msg);
	cr_expect_eq(o.jobs, 8);
}

Test(cli, report_wants_junit_and_a_file)
{
	cr_expect_eq(PARSE(CLI_TEST, "a.c", "p", "--report", "html", "x"), -1);
	cr_expect_str_eq(err.key, "--report");
}

/* main may parse more than once in one process (test, then each run); no state may leak. */
Test(cli, parses_are_independent)
{
	cr_assert_eq(PARSE(CLI_RUN, "-t", "100", "--json", "--", "p"), 0);
	cr_assert_eq(PARSE(CLI_TEST, "sol.c", "prob", "-t", "2000"), 0, "%s", err.msg);
	cr_expect_eq(o.lim.cpu_ms, 2000);
	cr_expect_not(o.json);
	cr_expect_eq(o.n_rest, 2);
	cr_expect_eq(PARSE(CLI_RUN, "-Zq", "--", "p"), -1);
	cr_assert_eq(PARSE(CLI_RUN, "-t", "300", "--", "p"), 0, "%s", err.msg);
	cr_expect_eq(o.lim.cpu_ms, 300);
}

Test(cli, help_exits_0, .exit_code = 0)
{
	FILE *null = freopen("/dev/null", "w", stdout);

	cr_assert_not_null(null);
	PARSE(CLI_RUN, "--help");
	cr_assert_fail("--help returned");
}

Test(cli, policies_dir_from_env)
{
	cr_assert_eq(setenv("JUDGE_POLICIES", "/some/where", 1), 0);
	cr_expect_str_eq(cli_policies_dir(), "/some/where");
	cr_assert_eq(setenv("JUDGE_POLICIES", "", 1), 0);
	cr_expect_str_neq(cli_policies_dir(), "");
}

/* Times as people write them; a bare number stays milliseconds. */
Test(cli, times_with_units)
{
	static const struct {
		const char *in;
		int64_t ms;
	} cases[] = {
		{ "1s", 1000 }, { "1.5s", 1500 }, { "0.25s", 250 }, { "2.125s", 2125 },
		{ "500ms", 500 }, { "500", 500 }, { "0.001s", 1 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		cr_assert_eq(PARSE(CLI_RUN, "-t", cases[i].in, "-w", cases[i].in, "--", "p"), 0,
			     "%s: %s", cases[i].in, err.msg);
		cr_expect_eq(o.lim.cpu_ms, cases[i].ms, "-t %s", cases[i].in);
		cr_expect_eq(o.lim.wall_ms, cases[i].ms, "-w %s", cases[i].in);
	}
}

/* An option that belongs to another command is an error, not silently ignored. */
Test(cli, options_of_other_commands_are_errors)
{
	static const struct {
		enum cli_command cmd;
		const char *opt, *val, *name;
	} cases[] = {
		{ CLI_RUN, "--csv", "x.csv", "judge run" },
		{ CLI_RUN, "--fail-fast", NULL, "judge run" },
		{ CLI_RUN, "--jobs", "2", "judge run" },
		{ CLI_TEST, "--csv", "x.csv", "judge test" },
		{ CLI_TEST, "--stdin", "in", "judge test" },
		{ CLI_TEST, "--dir", "/tmp", "judge test" },
		{ CLI_TEST, "-a", "ans", "judge test" },
		{ CLI_COMPILE, "-t", "100", "judge compile" },
		{ CLI_COMPILE, "--mode", "ptrace", "judge compile" },
		{ CLI_GRADE, "--fail-fast", NULL, "judge grade" },
		{ CLI_VERIFY, "--trace", "t.log", "judge verify" },
		{ CLI_LEARN, "--json", NULL, "judge policy learn" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int r = cases[i].val ? PARSE(cases[i].cmd, cases[i].opt, cases[i].val, "a", "b") :
				       PARSE(cases[i].cmd, cases[i].opt, "a", "b");

		cr_expect_eq(r, -1, "%s %s accepted", cases[i].name, cases[i].opt);
		cr_expect(strstr(err.msg, "not an option of") && strstr(err.msg, cases[i].name),
			  "%s %s: \"%s\"", cases[i].name, cases[i].opt, err.msg);
	}
	/* and each is accepted where it belongs */
	cr_expect_eq(PARSE(CLI_GRADE, "--csv", "x.csv", "p", "s"), 0, "%s", err.msg);
	cr_expect_eq(PARSE(CLI_TEST, "--fail-fast", "s", "p"), 0, "%s", err.msg);
	cr_expect_eq(PARSE(CLI_COMPILE, "--trace", "t.log", "s", "-o", "out"), 0, "%s", err.msg);
	cr_expect_eq(PARSE(CLI_LEARN, "--from-source", "a.py"), 0, "%s", err.msg);
	cr_expect_str_eq(o.from_source, "a.py");
}

Test(cli, did_you_mean_a_long_option)
{
	cr_expect_eq(PARSE(CLI_RUN, "--tiem", "5", "--", "p"), -1);
	cr_expect(strstr(err.msg, "did you mean '--time'"), "%s", err.msg);
	cr_expect_eq(PARSE(CLI_TEST, "--jsno", "s", "p"), -1);
	cr_expect(strstr(err.msg, "did you mean '--json'"), "%s", err.msg);
	cr_expect_eq(PARSE(CLI_TEST, "--failfast", "s", "p"), -1);
	cr_expect(strstr(err.msg, "did you mean '--fail-fast'"), "%s", err.msg);
	cr_expect_eq(PARSE(CLI_RUN, "--memroy=5M", "--", "p"), -1);
	cr_expect(strstr(err.msg, "'--memroy' (did you mean '--memory'"), "%s", err.msg);
	/* nothing close: the message says where the list is */
	cr_expect_eq(PARSE(CLI_RUN, "--frobnicate", "--", "p"), -1);
	cr_expect(strstr(err.msg, "judge help run"), "%s", err.msg);
	/* only the command's own options are suggested */
	cr_expect_eq(PARSE(CLI_RUN, "--cvs", "x", "--", "p"), -1);
	cr_expect_null(strstr(err.msg, "--csv"), "%s", err.msg);
}

Test(cli, missing_value_is_named)
{
	cr_expect_eq(PARSE(CLI_TEST, "a.c", "p", "--time"), -1);
	cr_expect(strstr(err.msg, "'--time' needs a value"), "%s", err.msg);
}

Test(cli, did_you_mean_a_command)
{
	cr_expect_str_eq(cli_closest_command("tset"), "test");
	cr_expect_str_eq(cli_closest_command("rnu"), "run");
	cr_expect_str_eq(cli_closest_command("hlep"), "help");
	cr_expect_str_eq(cli_closest_command("polcy"), "policy");
	cr_expect_str_eq(cli_closest_command("complie"), "compile");
	cr_expect_str_eq(cli_closest_command("wroker"), "worker");
	cr_expect_null(cli_closest_command("xyzzy"));
	cr_expect_str_eq(cli_closest_policy_command("chek"), "check");
	cr_expect_str_eq(cli_closest_policy_command("lsit"), "list");
}

static char *help_of(const char *cmd)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cr_assert_not_null(f);
	cr_assert_eq(cli_help(f, cmd), 0, "no help for %s", cmd);
	fclose(f);
	return buf;
}

/* The help with each run of spaces and newlines made one space: phrases survive wrapping. */
static char *flat(const char *h)
{
	char *s = strdup(h), *d = s;

	cr_assert_not_null(s);
	for (const char *p = h; *p; p++) {
		if ((*p == ' ' || *p == '\n') && d > s && d[-1] == ' ')
			continue;
		*d++ = *p == '\n' ? ' ' : *p;
	}
	*d = '\0';
	return s;
}

/* Every option a command takes is in its help, with its meaning and its default. */
Test(cli, help_lists_every_option_with_its_default)
{
	static const struct {
		const char *cmd;
		const char *const want[12];
	} cases[] = {
		{ "run", { "-p, --policy", "-t, --time TIME", "default: 1000ms", "-i, --stdin FILE",
			   "--dir DIR", "a private empty directory", "--trace FILE", "--json",
			   "default: 256M", "default: 64M", "default: tokens", "Exit status" } },
		{ "test", { "SOURCE PROBLEM", "--fail-fast", "--report junit FILE", "--jobs N",
			    "derived from a package's accepted submissions, else 1000ms", "--json", "-c, --checker SPEC" } },
		{ "compile", { "-o, --output OUT", "--trace FILE", "--json", "-p, --policy" } },
		{ "grade", { "--csv FILE", "--jobs N", "PROBLEM SOURCE...|DIR" } },
		{ "verify", { "judge verify [options] PROBLEM", "--report junit FILE" } },
		{ "policy", { "policy check", "policy list", "the programs its compile and run commands start" } },
	};
	static const char *const absent[][4] = {
		{ "--csv", "--fail-fast", "--jobs" }, { "--stdin", "--dir", "--answer", "--csv" },
		{ "--time", "--memory", "--stdin", "--mode" }, { "--stdin", "--fail-fast" },
		{ "--csv", "--stdin" }, { "--json", "--csv" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *h = help_of(cases[i].cmd), *fl = flat(h);

		for (size_t k = 0; k < ARRAY_SIZE(cases[i].want) && cases[i].want[k]; k++)
			cr_expect(strstr(fl, cases[i].want[k]), "help %s lacks \"%s\":\n%s",
				  cases[i].cmd, cases[i].want[k], h);
		free(fl);
		for (size_t k = 0; k < ARRAY_SIZE(absent[i]) && absent[i][k]; k++)
			cr_expect_null(strstr(h, absent[i][k]), "help %s lists %s", cases[i].cmd,
				       absent[i][k]);
		/* every line fits a terminal */
		for (char *line = h, *nl; *line; line = nl + 1) {
			nl = strchrnul(line, '\n');
			cr_expect_leq(nl - line, 79, "help %s: long line \"%.*s\"", cases[i].cmd,
				      (int)(nl - line), line);
			if (!*nl)
				break;
		}
		free(h);
	}
	cr_expect_eq(cli_help(stdout, "bogus"), -1);
}

Test(cli, version_is_the_build)
{
	cr_expect_gt(strlen(cli_version), 0);
	cr_expect_str_neq(cli_version, "unknown");
}
