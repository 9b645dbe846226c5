#ifndef JUDGE_POLICY_H
#define JUDGE_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi.h"
#include "errnames.h"
#include "rulekinds.h"
#include "strlist.h"
#include "syscalls.h"
#include "sysprops.h"
#include "util.h"

/*
 * A policy loaded from JSON (SPEC §4), with every "extends" already merged and
 * every syscall name resolved to a number in each ABI the policy admits.
 * Nothing here knows about ptrace or seccomp: filter.c and decide.c turn it
 * into the kernel half and the tracer half of the sandbox.
 */

/* What happens to one syscall of one ABI. */
enum sys_action {
	SYS_DEFAULT = 0,	/* not listed: the policy's "default" action */
	SYS_ALLOW,		/* allowed outright, decided in the kernel */
	SYS_RULE,		/* allowed when its argument rule holds (tracer) */
	SYS_ERRNO,		/* fails with `err`, the program goes on */
	SYS_KILL,		/* forbidden: the run ends with RF */
};

/* A denial: kill with RF, or fail the syscall with an errno. */
struct deny_action {
	bool kill;
	int err;		/* errno value when !kill */
};

struct sys_entry {
	uint8_t action;		/* enum sys_action */
	uint8_t rule;		/* enum rule_kind, for SYS_RULE */
	int16_t arg_rule;	/* index into policy.arg_rules, for RULE_ARG */
	int err;		/* errno, for SYS_ERRNO */
};

/*
 * {"arg": N, "in": [v, ...]} allows the syscall when argument N is one of the
 * values; {"arg": N, "mask": M} when argument N has no bit outside M.  Both may
 * be given, and then both must hold.  "else": ERRNO makes a call the rule
 * refuses fail with that errno instead of ending the run with RF.
 */
struct arg_rule {
	int arg;		/* 0..5 */
	size_t n_values;
	uint64_t values[32];
	bool has_mask;
	uint64_t mask;
	int else_err;		/* errno for a refused call; 0: RF */
};

/* How memory is bounded when no cgroup is available (see README). */
enum mem_rlimit {
	MEM_RLIMIT_AS,		/* RLIMIT_AS: native programs; counts every mapping */
	MEM_RLIMIT_DATA,	/* RLIMIT_DATA: runtimes that reserve large PROT_NONE ranges */
};

struct policy {
	char *name;		/* the file's basename without .json */
	char *file;		/* path of the file that was loaded */
	char *description;
	struct strlist extensions;	/* without the dot: "c", "cpp" */
	struct strlist compile;	/* argv template; n == 0 when nothing to compile */
	char *compile_policy;	/* policy the compiler runs under; NULL = "compile" */
	struct strlist run;	/* argv template */
	struct strlist env;	/* "KEY=VALUE", the program's whole environment */
	bool abis[ABI_COUNT];	/* ABIs the program may use; default x86_64 only */
	struct sys_entry sys[ABI_COUNT][SYSCALLS_MAX];
	struct deny_action default_action;	/* for SYS_DEFAULT; default kill */
	struct strlist files_read;	/* path prefixes: a trailing '/' means a directory */
	struct strlist files_write;
	struct strlist files_exec;
	struct deny_action files_deny;	/* a path outside the lists; default EACCES */
	int processes;		/* most processes alive at once, the first included; default 1 */
	int threads;		/* most threads alive at once in all processes; default 1 */
	enum mem_rlimit mem_rlimit;
	/*
	 * "runtime_memory": what a runtime maps for itself (JIT, metaspace, GC
	 * tables) on top of the program's own memory, added to the rlimit
	 * backstop only; the resident limit the tracer and cgroup enforce stays
	 * the one asked for.  KiB, default 0.
	 */
	int64_t runtime_memory_kib;
	/* "memory_exit_code": the exit status the runtime uses when the heap is full (MLE); 0 = none */
	int memory_exit_code;
	struct arg_rule *arg_rules;
	size_t n_arg_rules;
};

/*
 * Placeholders allowed in compile, run, env and files: {source} {exe} {dir}
 * {stem} (source name without directory and extension) {memory_mb}; in env
 * and files only, {tmp}: a private empty directory inside {dir}, made for
 * each run and removed with everything in it when the run ends.
 */

/* Whether env or files name {tmp}: each run then gets its scratch directory. */
bool policy_uses_tmp(const struct policy *p);

/*
 * Loads `name_or_path`: a path when it contains '/' or ends in ".json", else
 * "<dir>/<name>.json" with dir = policies_dir.  "extends" names are looked up
 * in the extending file's own directory first, then in policies_dir.
 * Returns 0, or -1 with `err` naming the file, the JSON path of the bad value
 * ("rules.openat", "allow[3]") and its line and column.
 */
int policy_load(const char *name_or_path, const char *policies_dir,
		struct policy *out, struct jerr *err);
void policy_free(struct policy *p);

/* The entry for (abi, nr), with SYS_DEFAULT resolved; out-of-range = default. */
struct sys_entry policy_lookup(const struct policy *p, enum abi a, long nr);

/* Names of the *.json policies in dir, sorted; caller frees with strlist_free. */
int policy_list(const char *policies_dir, struct strlist *names);

#endif
