#ifndef JUDGE_RUN_H
#define JUDGE_RUN_H

#include <stdbool.h>

#include "meter.h"
#include "output.h"
#include "policy.h"
#include "template.h"
#include "verdict.h"

/*
 * One run of one program under a policy: the whole data flow
 * policy -> filter -> launch -> trace loop -> measurements, in one place.
 * Checking the output and deciding the verdict is the caller's next step.
 */

enum run_mode { RUN_SECCOMP, RUN_PTRACE };

struct run_request {
	const struct policy *pol;
	struct limits lim;
	enum run_mode mode;
	char *const *argv;		/* argv[0] is looked up in PATH when it has no '/' */
	const char *stdin_path;		/* NULL: /dev/null */
	/*
	 * Interactive runs: the program's stdin and stdout are these pipe ends
	 * instead of stdin_path and a memory file (out.out_fd is then -1).  The
	 * caller keeps them, and closes them.
	 */
	bool pipes;
	int pipe_in, pipe_out;
	const char *workdir;		/* the program's cwd and {dir}; NULL: the judge's cwd */
	const char *trace_path;		/* --trace, or NULL */
	struct template_vars vars;	/* source, stem, memory_mb; exe and dir are filled in */
};

struct run_result {
	struct outcome o;
	struct usage u;
	struct output out;	/* the program's stdout and stderr; caller closes */
	struct sandbox_layers layers;
};

/*
 * Returns 0 with `rr` filled (an internal failure is an IE outcome, not -1),
 * or -1 with `err` for bad input: a program that cannot be found, is not
 * executable, or is built for another machine.
 */
int run_program(const struct run_request *rq, struct run_result *rr, struct jerr *err);

/* Whether runs get the root-only layers (namespaces, uid drop, cgroup). */
bool run_root_layers(void);

/* Whether this kernel lets a process install a seccomp filter. */
bool run_seccomp_available(void);

#endif
