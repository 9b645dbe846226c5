#ifndef JUDGE_PLAN_H
#define JUDGE_PLAN_H

#include <limits.h>
#include <stdbool.h>

#include "elf.h"
#include "filter.h"
#include "landlock.h"
#include "launch.h"
#include "meter.h"
#include "policy.h"
#include "rules.h"
#include "template.h"
#include "verdict.h"
#include "view.h"

/*
 * The first half of a run: everything decided from the request, the policy
 * and the program file before anything runs (as nsjail prepares its policy
 * in the parent).  A plan is data: the unit tests inspect plans without
 * launching anything, and run_execute (run.c) carries one out.
 */

enum run_mode { RUN_SECCOMP, RUN_PTRACE };

struct learn;
struct run_keep;

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
	/* a problem's file_io: one more file it may read, one more it may write (absolute) */
	const char *io_read, *io_write;
	const char *trace_path;		/* --trace, or NULL */
	struct learn *learn;		/* judge policy learn's recorder (learn.h), or NULL */
	struct template_vars vars;	/* source, stem, memory_mb; exe and dir are filled in */
	/*
	 * The caller's place for the plan of its last run (run.h), reused by
	 * the next run of the same request on another input; NULL: planned
	 * afresh, as every run of a program run once is.
	 */
	struct run_keep *keep;
};

/* What the machine offers, probed by the caller so that a plan stays a pure function of it. */
struct run_host {
	bool seccomp;		/* the kernel installs seccomp filters */
	bool root_layers;	/* as root: namespaces, uid drop, cgroup (JUDGE_ROOT_LAYERS) */
	int landlock_abi;	/* 0: no Landlock */
	const char *view_missing;	/* NULL: the filesystem view can be built; else why not */
};

struct run_plan {
	char exe[PATH_MAX];		/* the program's real path */
	char named[PATH_MAX];		/* the path it was found under; "" when relative */
	char dir[PATH_MAX];		/* its working directory, {dir} */
	struct elf_info ei;
	struct template_vars vars;	/* the request's, with exe and dir filled in */
	int64_t mem_bytes;		/* the memory limit and the loader's slack: the cgroup's limit */
	/*
	 * The image alone is larger than the memory limit: the run is MLE
	 * ("image") without launching, and nothing below is planned.
	 */
	bool image_too_big;
	struct path_lists paths;	/* the policy's file lists expanded, the program's own added */
	struct strlist env;		/* NULL-terminated, as execve wants */
	struct filter flt;		/* insns NULL: no seccomp on this host */
	struct landlock_rule *ll_rules;
	struct landlock_spec ll;	/* abi 0: no Landlock */
	struct rlimit_plan rl;
	bool trace_syscalls;		/* no seccomp: the tracer stops on every syscall */
	bool root_layers;		/* namespaces, uid drop, a cgroup of mem_bytes */
	bool pin_cpu;			/* ptrace mode, one thread: program and tracer share a CPU */
	bool view_on;			/* the filesystem view (view.c) */
	struct view view;
	struct sandbox_layers layers;	/* all but `cgroup`, known once it is created */
};

/*
 * Fills `p` from `rq` for a host offering `host`.  Returns 0, or -1 with
 * `err` for bad input: a program that cannot be found, is not executable or
 * is built for another machine, a policy the filter cannot express.
 * run_plan_free() releases `p` either way.
 */
int run_plan(const struct run_request *rq, const struct run_host *host, struct run_plan *p,
	     struct jerr *err);
void run_plan_free(struct run_plan *p);

#endif
