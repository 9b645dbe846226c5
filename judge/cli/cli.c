#include "cli.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "version.h"

const char cli_version[] = JUDGE_VERSION;
bool cli_json_errors;

enum { OPT_MODE = 256, OPT_STDOUT, OPT_STDERR, OPT_JSON, OPT_TRACE, OPT_REPORT, OPT_FAIL_FAST,
       OPT_JOBS, OPT_DIR, OPT_CSV, OPT_FROM_SOURCE, OPT_KEEP_OUTPUTS, OPT_HTML, OPT_PROGRESS,
       OPT_ENTRY, OPT_INTERACTOR };

#define RUN	(1u << CLI_RUN)
#define TEST	(1u << CLI_TEST)
#define COMPILE	(1u << CLI_COMPILE)
#define GRADE	(1u << CLI_GRADE)
#define VERIFY	(1u << CLI_VERIFY)
#define LEARN	(1u << CLI_LEARN)
#define JUDGING	(TEST | GRADE | VERIFY)		/* the commands that judge against a problem */
#define ALL	(RUN | COMPILE | JUDGING)

/*
 * Every option, once: the parser, the "not an option of" check, "did you
 * mean" and the help text all read this table, so they cannot disagree.
 * def_problem is the default where a problem may set the value.
 */
static const struct cli_option {
	const char *name;
	int key;		/* the short letter, or OPT_* for long-only options */
	const char *arg;	/* the value's name; NULL for a flag */
	unsigned cmds;		/* the commands that take it */
	const char *help, *def, *def_problem;
} options[] = {
	{ "policy", 'p', "NAME|FILE", ALL,
	  "a policy from the policies directory (judge policy list) or a path to a JSON policy",
	  "c, or from SOURCE's extension", "from each source's extension" },
	{ "policy", 'p', "NAME|FILE", LEARN,
	  "the language's policy: the learned one keeps its description, extensions, compile "
	  "and run commands, environment and memory settings",
	  "with --from-source, from SOURCE's extension; else none", NULL },
	{ "from-source", OPT_FROM_SOURCE, "SOURCE", LEARN,
	  "compile SOURCE as its language does (or as -p says) and learn from running it "
	  "with the language's run command", NULL, NULL },
	{ "time", 't', "TIME", RUN | JUDGING,
	  "CPU-time limit: 1500, 1500ms or 1.5s (a bare number is milliseconds)",
	  "1000ms", "the problem's, else derived from a package's accepted submissions, else 1000ms" },
	{ "time", 't', "TIME", LEARN,
	  "CPU-time limit of the reference run: 1500, 1500ms or 1.5s (a bare number is "
	  "milliseconds)", "10s", NULL },
	{ "wall", 'w', "TIME", RUN | JUDGING | LEARN,
	  "wall-clock limit, written as --time", "3 x time + 1000ms", NULL },
	{ "memory", 'm', "SIZE", RUN | JUDGING | LEARN,
	  "peak-memory limit: 256M, 1G, 65536K (a bare number is KiB)",
	  "256M", "the problem's, else 256M" },
	{ "output", 'o', "SIZE", RUN | JUDGING,
	  "limit on the bytes the program writes to stdout and stderr together: 64M, 512K "
	  "(a bare number is bytes)", "64M", "the problem's, else 64M" },
	{ "output", 'o', "OUT", COMPILE,
	  "where to put the compiled program (for an interpreted language, the source)", NULL, NULL },
	{ "stdin", 'i', "FILE", RUN | LEARN,
	  "file fed to the program on standard input; - for the judge's own standard input",
	  "the judge's standard input when it is a pipe or a file, else /dev/null", NULL },
	{ "answer", 'a', "FILE", RUN,
	  "expected output: OK becomes AC or WA", NULL, NULL },
	{ "checker", 'c', "SPEC", RUN | JUDGING,
	  "how output is compared with the answer: tokens (whitespace-insensitive), exact, "
	  "lines, float:EPS (absolute or relative), or a checker program "
	  "(CHECKER input output answer; exit 0 AC, 1 WA, 2 presentation error = WA)",
	  "tokens", "the problem's, else tokens" },
	{ "interactor", OPT_INTERACTOR, "PROG", RUN,
	  "run the program against an interactor, as an interactive problem does: PROG "
	  "(an executable, a C, C++ or Python source, or a Kattis validator folder) gets "
	  "the -i file, the -a file and a feedback directory as arguments and talks to the "
	  "program over its stdin and stdout; it exits 42 to accept, 43 to reject", NULL, NULL },
	{ "mode", OPT_MODE, "seccomp|ptrace", RUN | JUDGING,
	  "seccomp: the kernel allows the common syscalls and the tracer decides the rest; "
	  "ptrace: the tracer decides every syscall",
	  "seccomp where the kernel has it", NULL },
	{ "dir", OPT_DIR, "DIR", RUN | LEARN,
	  "the program's working directory and {dir}; it may write there",
	  "a private empty directory, removed afterwards", NULL },
	{ "stdout", OPT_STDOUT, "FILE", RUN,
	  "save what the program wrote on standard output in FILE",
	  "copied to the judge's standard output; with --json, not kept", NULL },
	{ "stderr", OPT_STDERR, "FILE", RUN,
	  "save what the program wrote on standard error in FILE",
	  "copied to the judge's standard error; with --json, not kept", NULL },
	{ "json", OPT_JSON, NULL, ALL,
	  "print the result as one JSON object on stdout (schemas in docs/schema/); "
	  "errors too are then JSON", NULL, NULL },
	{ "trace", OPT_TRACE, "FILE", RUN | COMPILE | LEARN,
	  "write every syscall the tracer saw, with its decision, to FILE", NULL, NULL },
	{ "report", OPT_REPORT, "junit FILE", JUDGING,
	  "also write a JUnit XML report to FILE", NULL, NULL },
	{ "fail-fast", OPT_FAIL_FAST, NULL, TEST,
	  "stop at the first test that is not AC", NULL, NULL },
	{ "jobs", OPT_JOBS, "N", TEST | VERIFY,
	  "run N tests at once, each on its own CPU", "1", NULL },
	{ "jobs", OPT_JOBS, "N", GRADE,
	  "N workers, each on its own CPU, share the compiles and the tests of all "
	  "the submissions; a source given twice is compiled once", "1", NULL },
	{ "keep-outputs", OPT_KEEP_OUTPUTS, "DIR", TEST,
	  "keep every test's stdout and stderr as DIR/TEST.stdout and DIR/TEST.stderr "
	  "(DIR is made when missing; symbolic links in it are never followed)", NULL, NULL },
	{ "entry", OPT_ENTRY, "FILE", JUDGING,
	  "the main file of a directory submission (for Java also a class name such as "
	  "pkg.Main)", "the only source, else main.EXT, Main.EXT, __main__.py, solution.EXT, "
	  "else the only source that defines main", NULL },
	{ "csv", OPT_CSV, "FILE", GRADE,
	  "write one CSV row per source to FILE (- for standard output): student, language, "
	  "verdict, score, passed/total, a column per test, max time and memory, message, "
	  "compile error", NULL, NULL },
	{ "html", OPT_HTML, "FILE", GRADE,
	  "write one self-contained HTML page to FILE: a students x tests matrix, the score "
	  "distribution, time and memory per test, each student's feedback", NULL, NULL },
	{ "progress", OPT_PROGRESS, NULL, TEST | GRADE,
	  "show the progress line (\"compiling sol.cpp...\", the test or submission at work) "
	  "on stderr even when it is not a terminal", "only on a terminal", NULL },
	{ "help", 'h', NULL, ALL | LEARN,
	  "show this help and exit", NULL, NULL },
};

static const struct cli_command_info {
	const char *name, *summary, *usage, *about;
} commands[] = {
	[CLI_RUN] = { "run", "run one program under the sandbox",
		"judge run [options] [--] PROGRAM [ARGS...]\n"
		"  or:  judge run [options] SOURCE\n"
		"  or:  judge run -p LANG [options] -- FILE [ARGS...]",
		"Run one program under a syscall policy and print what happened.  A PROGRAM is "
		"an executable run as it is.  A SOURCE (sol.py, Main.java, a.c) or, with -p, "
		"a FILE that is not an executable is run with the policy's run command, after "
		"compiling it when the language compiles.  Without --json the program's output "
		"goes to stdout and stderr and the one-line result to stderr." },
	[CLI_TEST] = { "test", "compile SOURCE, run it on every test of PROBLEM",
		"judge test [options] SOURCE PROBLEM",
		"Compile SOURCE once in a private directory, run it on every test of PROBLEM "
		"(a folder of NAME.in with NAME.ans or NAME.out, or a Kattis package) and "
		"print a table and a summary.  SOURCE may be a directory: its files are one "
		"submission, compiled together, with one main file (--entry).  "
		"Limits given here override the problem's.  "
		"An interrupted run (SIGINT, SIGTERM) is IE \"interrupted\"." },
	[CLI_COMPILE] = { "compile", "compile only (sandboxed compiler); CE on failure",
		"judge compile [options] SOURCE -o OUT",
		"Compile SOURCE with its language's compile command under the compile policy, "
		"and put the program in OUT.  CE (exit 1) carries the compiler's message." },
	[CLI_GRADE] = { "grade", "judge many sources on one problem: table, CSV",
		"judge grade [options] PROBLEM SOURCE...|DIR",
		"Judge every SOURCE (or every source in DIR whose extension names a language, "
		"and every folder in DIR holding sources: one student's multi-file submission) "
		"on PROBLEM and print a row per source." },
	[CLI_VERIFY] = { "verify", "check that a package's submissions get their expected verdicts",
		"judge verify [options] PROBLEM",
		"Judge every submission under PROBLEM/submissions/ (in accepted/, wrong_answer/, "
		"time_limit_exceeded/, run_time_error/, ...) and check that each gets its "
		"folder's verdict, or the one its @EXPECTED_RESULTS@ marker names." },
};

static const char policy_usage[] =
	"judge policy check FILE|NAME...\n"
	"  or:  judge policy list\n"
	"  or:  judge policy learn [options] -- PROGRAM [ARGS...]\n"
	"  or:  judge policy learn [options] --from-source SOURCE [ARGS...]";
static const char policy_about[] =
	"check: load each policy as a run would, with everything it refers to (the policy it "
	"extends, its compile policy, the programs its compile and run commands start), and "
	"say \"ok\" or name the file, key, line and column of the first error.  list: the "
	"policies in the policies directory.  learn: run a trusted reference program in "
	"ptrace mode with nearly everything allowed and everything observed (no network, no "
	"writes outside its work directory, every isolation layer of a run) and print the "
	"smallest policy extending base that lets it run again: the syscalls it made beyond "
	"base with the rules they need, the file trees it read, what it executed, with a "
	"comment on each entry.  With --from-source the policy keeps the language's "
	"commands (-p, or the source's extension).";

/* text from column col, broken at spaces before column 79, continued at indent */
static void wrap(FILE *f, int col, int indent, const char *text)
{
	for (;;) {
		size_t room = (size_t)(79 - col), brk;

		if (strlen(text) <= room) {
			fprintf(f, "%s\n", text);
			return;
		}
		for (brk = room; brk > 0 && text[brk] != ' '; brk--)
			;
		if (brk == 0) {
			brk = strcspn(text, " ");
			if (!text[brk]) {
				fprintf(f, "%s\n", text);
				return;
			}
		}
		fprintf(f, "%.*s\n%*s", (int)brk, text, indent, "");
		text += brk + 1;
		col = indent;
	}
}

#define HELP_COL 30	/* where an option's meaning starts */

static void print_option(FILE *f, enum cli_command cmd, const struct cli_option *op)
{
	char left[64];
	const char *def = cmd != CLI_RUN && cmd != CLI_LEARN && op->def_problem ? op->def_problem :
			  op->def;
	int n;

	if (op->key < 256)
		n = snprintf(left, sizeof(left), "  -%c, --%s%s%s", op->key, op->name,
			     op->arg ? " " : "", op->arg ? op->arg : "");
	else
		n = snprintf(left, sizeof(left), "      --%s%s%s", op->name,
			     op->arg ? " " : "", op->arg ? op->arg : "");
	fputs(left, f);
	if (n >= HELP_COL - 1)
		fprintf(f, "\n%*s", HELP_COL, "");
	else
		fprintf(f, "%*s", HELP_COL - n, "");
	if (def) {
		char *text = xasprintf("%s (default: %s)", op->help, def);

		wrap(f, HELP_COL, HELP_COL, text);
		free(text);
	} else {
		wrap(f, HELP_COL, HELP_COL, op->help);
	}
}

static const char exit_status[] =
	"Exit status: 0 for OK or AC, 1 for any other verdict about the program, 2 for a "
	"usage error, bad input to the judge, or IE.";

void cli_usage(FILE *f)
{
	fputs("Usage: judge COMMAND [options] [ARGS...]\n", f);
	wrap(f, 0, 0, "Run untrusted programs under a per-language syscall policy and say "
	     "what happened: OK, AC, WA, TLE, MLE, OLE, RE, RF, CE or IE.");
	fputs("\nCommands:\n", f);
	for (size_t i = 0; i < CLI_LEARN; i++)
		fprintf(f, "  %-9s%s\n", commands[i].name, commands[i].summary);
	fprintf(f, "  %-9s%s\n", "policy", "check, list or learn syscall policies");
	fprintf(f, "  %-9s%s\n", "worker", "take jobs from Redis Streams until SIGTERM (docs/worker.md)");
	fprintf(f, "  %-9s%s\n", "problem", "problem push: store a package in Redis, print its id");
	fprintf(f, "  %-9s%s\n", "submit", "enqueue jobs on Redis; --wait prints results as test does");
	fprintf(f, "  %-9s%s\n", "status", "workers, slots, queue length, jobs per minute");
	fprintf(f, "  %-9s%s\n", "help", "a command's usage, options and defaults");
	fputs("\nOptions:\n"
	      "  -h, --help                  this text; judge help COMMAND or judge COMMAND\n"
	      "                              --help for a command's options\n"
	      "      --version               the version of this build\n\n", f);
	wrap(f, 0, 0, exit_status);
}

/* the usage lines; under a heading of the manual page, as an indented block */
static void print_usage(FILE *f, const char *usage, bool heading)
{
	if (!heading) {
		fprintf(f, "Usage: %s\n", usage);
		return;
	}
	for (const char *line = usage; *line;) {
		size_t n = strcspn(line, "\n");
		const char *text = !strncmp(line, "  or:  ", 7) ? line + 7 : line;

		fprintf(f, "  %.*s\n", (int)(n - (size_t)(text - line)), text);
		line += n + (line[n] == '\n');
	}
}

static int help_command(FILE *f, const char *command, bool heading)
{
	int cmd = -1;

	if (heading)
		fprintf(f, "\nJudge %s:\n", command);
	/* judge policy learn --help is the help of judge policy, whose options are learn's */
	if (!strcmp(command, "policy") || !strcmp(command, "learn")) {
		print_usage(f, policy_usage, heading);
		wrap(f, 0, 0, policy_about);
		fputs("\nOptions of learn:\n", f);
		for (size_t i = 0; i < ARRAY_SIZE(options); i++)
			if (options[i].cmds & LEARN)
				print_option(f, CLI_LEARN, &options[i]);
		fputc('\n', f);
		wrap(f, 0, 0, exit_status);
		return 0;
	}
	for (size_t i = 0; i < CLI_LEARN; i++)
		if (!strcmp(command, commands[i].name))
			cmd = (int)i;
	if (cmd < 0)
		return -1;
	print_usage(f, commands[cmd].usage, heading);
	wrap(f, 0, 0, commands[cmd].about);
	fputs("\nOptions:\n", f);
	for (size_t i = 0; i < ARRAY_SIZE(options); i++)
		if (options[i].cmds & (1u << cmd))
			print_option(f, (enum cli_command)cmd, &options[i]);
	fputc('\n', f);
	wrap(f, 0, 0, exit_status);
	return 0;
}

int cli_help(FILE *f, const char *command)
{
	return help_command(f, command, false);
}

void cli_help_all(FILE *f)
{
	cli_usage(f);
	/* a heading per command: help2man makes each a section of the manual page */
	for (size_t i = 0; i < CLI_LEARN; i++)
		help_command(f, commands[i].name, true);
	help_command(f, "policy", true);
}

const char *cli_closest_command(const char *name)
{
	static const char *const others[] = { "policy", "worker", "problem", "submit", "status",
					      "help" };
	const char *names[CLI_LEARN + ARRAY_SIZE(others)];
	size_t n = 0;
	int i;

	for (size_t k = 0; k < CLI_LEARN; k++)
		names[n++] = commands[k].name;
	for (size_t k = 0; k < ARRAY_SIZE(others); k++)
		names[n++] = others[k];
	i = util_closest(name, names, n);
	return i < 0 ? NULL : names[i];
}

const char *cli_policies_dir(void)
{
	static char dir[PATH_MAX];
	const char *env = getenv("JUDGE_POLICIES");
	char self[PATH_MAX];
	ssize_t n;

	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		char *slash;

		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			/* a path cut short could name some other directory: not used */
			if (snprintf(dir, sizeof(dir), "%s/../policies", self) < (int)sizeof(dir) &&
			    access(dir, R_OK) == 0)
				return dir;
			if (snprintf(dir, sizeof(dir), "%s/../share/judge/policies", self) <
				    (int)sizeof(dir) &&
			    access(dir, R_OK) == 0)
				return dir;
		}
	}
	return "/usr/local/share/judge/policies";
}

void cli_default_wall(struct cli_opts *o)
{
	if (!o->wall_set)
		o->lim.wall_ms = limits_default_wall_ms(o->lim.cpu_ms);
}

static int bad(struct jerr *err, const char *opt, const char *val, const char *why)
{
	jerr_set(err, "", opt, "%s '%s'", why, val ? val : "");
	return -1;
}

static const char *command_name(enum cli_command cmd)
{
	return cmd == CLI_LEARN ? "policy learn" : commands[cmd].name;
}

/* The option table's entry for what getopt returned, for this command if it takes it. */
static const struct cli_option *find_option(int key, enum cli_command cmd, bool *elsewhere)
{
	*elsewhere = false;
	for (size_t i = 0; i < ARRAY_SIZE(options); i++) {
		if (options[i].key != key)
			continue;
		if (options[i].cmds & (1u << cmd))
			return &options[i];
		*elsewhere = true;
	}
	return NULL;
}

/* "unknown option", with the nearest long option of the command when one is close. */
static int unknown_option(enum cli_command cmd, const char *arg, struct jerr *err)
{
	const char *names[ARRAY_SIZE(options)];
	char name[64];
	size_t n = 0;
	int near;

	if (strncmp(arg, "--", 2) != 0) {
		jerr_set(err, "", "", "unknown option '%s' (judge help %s lists them)", arg,
			 command_name(cmd));
		return -1;
	}
	snprintf(name, sizeof(name), "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
	for (size_t i = 0; i < ARRAY_SIZE(options); i++)
		if (options[i].cmds & (1u << cmd))
			names[n++] = options[i].name;
	near = util_closest(name, names, n);
	if (near >= 0)
		jerr_set(err, "", "", "unknown option '--%s' (did you mean '--%s'?)", name, names[near]);
	else
		jerr_set(err, "", "", "unknown option '--%s' (judge help %s lists them)", name,
			 command_name(cmd));
	return -1;
}

static bool cmd_takes(enum cli_command cmd, int key)
{
	for (size_t i = 0; i < ARRAY_SIZE(options); i++)
		if (options[i].key == key && (options[i].cmds & (1u << cmd)))
			return true;
	return false;
}

/* Whether arg is an option that takes the next argument as its value ("-t", "--time"). */
static bool takes_value(const char *arg)
{
	for (size_t i = 0; i < ARRAY_SIZE(options); i++) {
		if (!options[i].arg)
			continue;
		if ((arg[0] == '-' && arg[1] == options[i].key && !arg[2] && options[i].key < 256) ||
		    (!strncmp(arg, "--", 2) && !strcmp(arg + 2, options[i].name)))
			return true;
	}
	return false;
}

int cli_parse(enum cli_command cmd, int argc, char **argv, struct cli_opts *o, struct jerr *err)
{
	struct option longs[ARRAY_SIZE(options) + 1];
	size_t n_longs = 0;
	int c;
	int64_t v;

	memset(longs, 0, sizeof(longs));
	for (size_t i = 0; i < ARRAY_SIZE(options); i++) {
		bool dup = false;

		for (size_t k = 0; k < n_longs; k++)
			dup |= !strcmp(longs[k].name, options[i].name);
		if (dup)
			continue;
		longs[n_longs++] = (struct option){ options[i].name,
			options[i].arg ? required_argument : no_argument, NULL, options[i].key };
	}
	/*
	 * --json anywhere among the options (for run, before the program):
	 * even an error in the options themselves is then reported as JSON.
	 */
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--json") && (cmd_takes(cmd, OPT_JSON)))
			cli_json_errors = true;
		if ((cmd == CLI_RUN || cmd == CLI_LEARN) && argv[i][0] != '-' &&
		    !(i > 1 && takes_value(argv[i - 1])))
			break;
	}
	memset(o, 0, sizeof(*o));
	o->lim.cpu_ms = LIMITS_DEFAULT_CPU_MS;
	o->lim.memory_kib = LIMITS_DEFAULT_MEMORY_KIB;
	o->lim.output_bytes = LIMITS_DEFAULT_OUTPUT_BYTES;
	o->mode = run_seccomp_available() ? RUN_SECCOMP : RUN_PTRACE;
	o->jobs = 1;
	o->checker = "tokens";

	optind = 0;	/* 0, not 1: glibc then also forgets the last call's "+" and half-read clusters */
	opterr = 0;
	/*
	 * run and learn stop at the program's name; the others take options
	 * anywhere.  The leading ':' tells a missing value from an unknown option.
	 */
	while ((c = getopt_long(argc, argv, cmd == CLI_RUN || cmd == CLI_LEARN ?
				"+:p:t:w:m:o:i:a:c:h" : ":p:t:w:m:o:i:a:c:h",
				longs, NULL)) != -1) {
		const struct cli_option *op;
		bool elsewhere;

		if (c == '?')
			return unknown_option(cmd, optopt ? (char[]){ '-', (char)optopt, 0 } :
					      argv[optind - 1], err);
		if (c == ':') {
			if (!strncmp(argv[optind - 1], "--", 2))
				jerr_set(err, "", "", "option '%s' needs a value", argv[optind - 1]);
			else
				jerr_set(err, "", "", "option '-%c' needs a value", optopt);
			return -1;
		}
		op = find_option(c, cmd, &elsewhere);
		if (!op) {
			const char *name = "";

			for (size_t i = 0; i < ARRAY_SIZE(options); i++)
				if (options[i].key == c)
					name = options[i].name;
			jerr_set(err, "", "", "'--%s' is not an option of judge %s (judge help %s "
				 "lists them)", name, command_name(cmd), command_name(cmd));
			return -1;
		}
		switch (c) {
		case 'p': o->policy = optarg; break;
		case 't':
			if ((v = util_parse_ms(optarg)) <= 0 || v > 86400000)
				return bad(err, "--time", optarg, "expected a time like 1500, 1500ms or 1.5s, got");
			o->lim.cpu_ms = v;
			o->time_set = true;
			break;
		case 'w':
			if ((v = util_parse_ms(optarg)) <= 0 || v > 86400000)
				return bad(err, "--wall", optarg, "expected a time like 1500, 1500ms or 1.5s, got");
			o->lim.wall_ms = v;
			o->wall_set = true;
			break;
		case 'm':
			if ((v = util_parse_kib(optarg)) <= 0 || v > (1LL << 40))
				return bad(err, "--memory", optarg, "expected a size like 256M, got");
			o->lim.memory_kib = v;
			o->memory_set = true;
			break;
		case 'o':
			if (cmd == CLI_COMPILE) {
				o->out = optarg;
				break;
			}
			if ((v = util_parse_bytes(optarg)) <= 0 || v > (1LL << 40))
				return bad(err, "--output", optarg, "expected a size like 64M, got");
			o->lim.output_bytes = v;
			o->output_set = true;
			break;
		case 'i': o->stdin_path = optarg; break;
		case 'a': o->answer_path = optarg; break;
		case 'c':
			o->checker = optarg;
			o->checker_set = true;
			break;
		case OPT_MODE:
			if (strcmp(optarg, "seccomp") == 0) {
				if (!run_seccomp_available())
					return bad(err, "--mode", optarg, "this kernel has no seccomp-bpf:");
				o->mode = RUN_SECCOMP;
			} else if (strcmp(optarg, "ptrace") == 0) {
				o->mode = RUN_PTRACE;
			} else {
				return bad(err, "--mode", optarg, "expected seccomp or ptrace, got");
			}
			break;
		case OPT_STDOUT: o->stdout_path = optarg; break;
		case OPT_STDERR: o->stderr_path = optarg; break;
		case OPT_JSON: o->json = true; break;
		case OPT_TRACE: o->trace_path = optarg; break;
		case OPT_REPORT:
			if (strcmp(optarg, "junit") != 0 || optind >= argc)
				return bad(err, "--report", optarg, "expected 'junit FILE', got");
			o->report_junit = argv[optind++];
			break;
		case OPT_FAIL_FAST: o->fail_fast = true; break;
		case OPT_JOBS: {
			char *end;
			long jobs = strtol(optarg, &end, 10);

			if (*optarg < '0' || *optarg > '9' || *end || jobs <= 0 || jobs > 256)
				return bad(err, "--jobs", optarg, "expected a number of jobs, got");
			o->jobs = (int)jobs;
			break;
		}
		case OPT_DIR: o->dir = optarg; break;
		case OPT_CSV: o->csv = optarg; break;
		case OPT_KEEP_OUTPUTS: o->keep_outputs = optarg; break;
		case OPT_HTML: o->html = optarg; break;
		case OPT_PROGRESS: o->progress = true; break;
		case OPT_ENTRY: o->entry = optarg; break;
		case OPT_FROM_SOURCE: o->from_source = optarg; break;
		case OPT_INTERACTOR: o->interactor = optarg; break;
		case 'h':
			cli_help(stdout, command_name(cmd) + (cmd == CLI_LEARN ? 7 : 0));
			exit(0);
		}
	}
	o->rest = argv + optind;
	o->n_rest = argc - optind;
	cli_default_wall(o);
	return 0;
}

const char *cli_closest_policy_command(const char *name)
{
	static const char *const names[] = { "check", "list", "learn" };
	int i = util_closest(name, names, ARRAY_SIZE(names));

	return i < 0 ? NULL : names[i];
}
