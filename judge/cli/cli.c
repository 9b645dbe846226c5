#include "cli.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

enum { OPT_MODE = 256, OPT_STDOUT, OPT_STDERR, OPT_JSON, OPT_TRACE, OPT_REPORT, OPT_FAIL_FAST,
       OPT_JOBS, OPT_DIR, OPT_CSV };

void cli_usage(FILE *f)
{
	fputs("usage: judge run  [options] -- PROGRAM [ARGS...]\n"
	      "       judge test [options] SOURCE PROBLEM\n"
	      "       judge compile [options] SOURCE -o OUT\n"
	      "       judge grade [options] PROBLEM SOURCE...|DIR\n"
	      "       judge verify [options] PROBLEM\n"
	      "       judge policy check FILE...  |  judge policy list\n"
	      "options: -p POLICY  -t MS  -w MS  -m SIZE  -o SIZE  -i FILE  -a FILE  -c CHECKER\n"
	      "         --mode seccomp|ptrace  --stdout FILE  --stderr FILE  --json  --trace FILE\n"
	      "         --dir DIR  --report junit FILE  --fail-fast  --jobs N  --csv FILE\n", f);
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
			snprintf(dir, sizeof(dir), "%s/../policies", self);
			if (access(dir, R_OK) == 0)
				return dir;
			snprintf(dir, sizeof(dir), "%s/../share/judge/policies", self);
			if (access(dir, R_OK) == 0)
				return dir;
		}
	}
	return "/usr/local/share/judge/policies";
}

void cli_default_wall(struct cli_opts *o)
{
	if (!o->wall_set)
		o->lim.wall_ms = 3 * o->lim.cpu_ms + 1000;
}

static int bad(struct jerr *err, const char *opt, const char *val, const char *why)
{
	jerr_set(err, "", opt, "%s '%s'", why, val ? val : "");
	return -1;
}

int cli_parse(enum cli_command cmd, int argc, char **argv, struct cli_opts *o, struct jerr *err)
{
	static const struct option longs[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "time", required_argument, NULL, 't' },
		{ "wall", required_argument, NULL, 'w' },
		{ "memory", required_argument, NULL, 'm' },
		{ "output", required_argument, NULL, 'o' },
		{ "stdin", required_argument, NULL, 'i' },
		{ "answer", required_argument, NULL, 'a' },
		{ "checker", required_argument, NULL, 'c' },
		{ "mode", required_argument, NULL, OPT_MODE },
		{ "stdout", required_argument, NULL, OPT_STDOUT },
		{ "stderr", required_argument, NULL, OPT_STDERR },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "trace", required_argument, NULL, OPT_TRACE },
		{ "report", required_argument, NULL, OPT_REPORT },
		{ "fail-fast", no_argument, NULL, OPT_FAIL_FAST },
		{ "jobs", required_argument, NULL, OPT_JOBS },
		{ "dir", required_argument, NULL, OPT_DIR },
		{ "csv", required_argument, NULL, OPT_CSV },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	int64_t v;

	memset(o, 0, sizeof(*o));
	o->lim.cpu_ms = 1000;
	o->lim.memory_kib = 256 * 1024;
	o->lim.output_bytes = 64LL << 20;
	o->mode = run_seccomp_available() ? RUN_SECCOMP : RUN_PTRACE;
	o->jobs = 1;
	o->checker = "tokens";

	optind = 0;	/* 0, not 1: glibc then also forgets the last call's "+" and half-read clusters */
	opterr = 0;
	/* run stops at the program's name; the others take options anywhere */
	while ((c = getopt_long(argc, argv, cmd == CLI_RUN ? "+p:t:w:m:o:i:a:c:h" : "p:t:w:m:o:i:a:c:h",
				longs, NULL)) != -1) {
		switch (c) {
		case 'p': o->policy = optarg; break;
		case 't':
			if ((v = util_parse_ms(optarg)) <= 0 || v > 86400000)
				return bad(err, "--time", optarg, "expected milliseconds, got");
			o->lim.cpu_ms = v;
			o->time_set = true;
			break;
		case 'w':
			if ((v = util_parse_ms(optarg)) <= 0 || v > 86400000)
				return bad(err, "--wall", optarg, "expected milliseconds, got");
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
		case OPT_JOBS:
			if ((v = util_parse_ms(optarg)) <= 0 || v > 256)
				return bad(err, "--jobs", optarg, "expected a number of jobs, got");
			o->jobs = (int)v;
			break;
		case OPT_DIR: o->dir = optarg; break;
		case OPT_CSV: o->csv = optarg; break;
		case 'h':
			cli_usage(stdout);
			exit(0);
		default:
			if (optopt && optopt < 256)
				jerr_set(err, "", "", "unknown option '-%c' or missing value", optopt);
			else
				jerr_set(err, "", "", "unknown option '%s' or missing value",
					 argv[optind - 1]);
			return -1;
		}
	}
	o->rest = argv + optind;
	o->n_rest = argc - optind;
	cli_default_wall(o);
	return 0;
}
