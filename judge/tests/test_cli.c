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
		{ "-t", "10s", "--time" },
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
		{ "--jobs", "0", "--jobs" },
		{ "--jobs", "many", "--jobs" },
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
	cr_expect(strstr(err.msg, "-t") != NULL, "%s", err.msg);
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
