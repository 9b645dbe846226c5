#ifndef JUDGE_JOB_H
#define JUDGE_JOB_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meter.h"
#include "run.h"
#include "util.h"

/*
 * A job of the Redis service (docs/worker.md has its JSON Schema): one
 * submission (one source file, or several judged together) to judge on one
 * pushed problem.
 *
 *   {"id":"j-1", "problem":"<64 hex: the package's content hash>",
 *    "language":"cpp", "sources":[{"name":"sum.cpp","content":"..."}], "entry":"sum.cpp",
 *    "limits":{"time_ms":1000,"wall_ms":4000,"memory_kb":262144,"output_bytes":67108864},
 *    "checker":"tokens", "mode":"seccomp", "fail_fast":false, "submitted_ms":1700000000000}
 *
 * id, problem and sources are required; the rest falls back as in `judge
 * test` (the language from the source's extension, limits from the problem).
 */
#define JOB_ID_MAX	64
#define JOB_DEFAULT_MAX_SOURCE	(1 << 20)	/* all the sources together */
#define JOB_MAX_FILES	256
#define JOB_NAME_MAX	256

/* One file of the submission: "sum.c", or "app/Main.java" in a multi-file one. */
struct job_file {
	char name[JOB_NAME_MAX];
	char *content;			/* owned; may hold NUL bytes */
	size_t len;
};

struct job {
	char id[JOB_ID_MAX + 1];	/* "" until a valid one was read */
	char problem[65];
	char language[33];		/* "" = from the extension */
	struct job_file *files;		/* owned; one for a single-file submission */
	size_t n_files;
	char entry[JOB_NAME_MAX];	/* a multi-file submission's main file; "" = found */
	struct limits lim;
	bool time_set, wall_set, memory_set, output_set;
	char *checker;			/* owned; NULL = the problem's */
	enum run_mode mode;
	bool mode_set;
	bool fail_fast;
	int64_t submitted_ms;		/* 0 when not given */
};

/*
 * Parses and checks a job's JSON.  0, or -1 with `err`: key names the field
 * ("sources[0].name", "limits.time_ms", "job" when the text is not JSON) and
 * line/col point into the text.  The id is kept when it was valid even if a
 * later field is not, so the error result can carry it.  job_free() either way.
 */
int job_parse(const char *text, size_t len, size_t max_source, struct job *j, struct jerr *err);
void job_free(struct job *j);

/* A job's JSON, for submitters (the inverse of job_parse). */
json_t *job_json(const struct job *j);

/* Whether s may be a job id: 1-64 of [A-Za-z0-9._:-]. */
bool job_id_valid(const char *s);

#endif
