#ifndef JUDGE_COMPILE_H
#define JUDGE_COMPILE_H

#include <limits.h>
#include <stdint.h>

#include "dirpool.h"
#include "policy.h"
#include "template.h"
#include "util.h"
#include "verdict.h"

/*
 * A private working directory for one submission: the source is copied in
 * under its own name, the compiler writes there (and only there), and the
 * program later runs with it as {dir}.  Removed with everything in it.
 */
struct workspace {
	char dir[PATH_MAX];	/* {dir}: a slot of the pool (dirpool.h) or a fresh mkdtemp one */
	struct dirpool_slot slot;
	char source[PATH_MAX];	/* {source}: dir/<the source's file name> */
	char exe[PATH_MAX];	/* {exe}: dir/prog (or what the language's policy makes of it) */
	char stem[256];		/* {stem}: the source name without directory and extension */
	char **sources;		/* {sources}: every source of a multi-file submission, absolute;
				 * owned; NULL: {source} alone */
	size_t n_sources;
	char **files;		/* a multi-file submission's files, relative to dir, as copied
				 * (before the compiler added any); owned */
	size_t n_files;
};

int workspace_create(const char *source, struct workspace *ws, struct jerr *err);
/* Only the directory: where `judge run` puts a program that brings no source. */
int workspace_create_empty(struct workspace *ws, struct jerr *err);
void workspace_remove(struct workspace *ws);
void workspace_vars(const struct workspace *ws, int64_t memory_mb, struct template_vars *v);

struct compile_result {
	enum verdict verdict;	/* V_OK compiled (or nothing to compile), V_CE, V_IE */
	char *message;		/* the compiler's stdout + stderr, at most 64 KiB; owned */
	int64_t cpu_ms, wall_ms, memory_kib;
};

/*
 * Runs `lang`'s compile command in ws under the compile policy
 * (lang->compile_policy, default "compile"), sandboxed with about 30 s CPU,
 * 2 GiB memory and bounded output.  A compiler that fails, or is killed by a
 * limit, is CE with its message.  A syscall the compile policy forbids, and a
 * compile that leaves no {exe} for a run command that needs one, are the
 * policy's fault: IE naming what went wrong.  trace_path: --trace for the
 * compiler, or NULL.  -1 + err only for bad input (a policy that cannot be
 * loaded); an internal failure is V_IE.
 */
int compile_in(const struct policy *lang, const struct workspace *ws, const char *policies_dir,
	       const char *trace_path, struct compile_result *cr, struct jerr *err);
/*
 * lang's compile policy (lang->compile_policy, default "compile"): beside
 * lang's own file first, then in policies_dir.  -1 with err naming it.
 */
int compile_load_policy(const struct policy *lang, const char *policies_dir, struct policy *out,
			struct jerr *err);
void compile_result_free(struct compile_result *cr);

/* `lang`'s run command expanded for ws: a NULL-terminated argv; free with compile_argv_free. */
char **compile_run_argv(const struct policy *lang, const struct workspace *ws, int64_t memory_mb);
void compile_argv_free(char **argv);

/* The language policy for a source file from its extension, or NULL. */
const char *compile_policy_for(const char *source, const char *policies_dir);
/* Why compile_policy_for found none: no policies at all, or no such extension. */
void compile_no_language(const char *source, const char *policies_dir, struct jerr *err);

#endif
