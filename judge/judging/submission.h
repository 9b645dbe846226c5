#ifndef JUDGE_SUBMISSION_H
#define JUDGE_SUBMISSION_H

#include <stdbool.h>
#include <stddef.h>

#include "compile.h"
#include "policy.h"
#include "util.h"

/*
 * What one submission is: a single source file, or a directory of files
 * judged together (SPEC §5), with the one file that is its entry point.
 *
 * A directory's language is the one its files' extensions name (or -p); its
 * entry point is, in this order: --entry (a file, or for Java a class name
 * such as pkg.Main); the only source file of that language; a conventional
 * name (main.EXT, Main.EXT, __main__.py, solution.EXT); the only source that
 * defines a main (int main(, static void main, func main, if __name__ ==
 * "__main__").  Every file is copied into the workspace, keeping folders; the
 * compile command sees the entry as {source} and every source of the
 * language as {sources}.
 */

#define SUBMISSION_MAX_FILES	256
#define SUBMISSION_MAX_BYTES	(16 << 20)	/* all files together */
#define SUBMISSION_MAX_DEPTH	8

struct submission {
	char *path;		/* as given */
	char *root;		/* the directory holding the files ("." for a bare file name) */
	bool is_dir;
	char **files;		/* relative to root, natural order; a file alone: its name */
	size_t n_files;
	char *entry;		/* one of files */
	char *language;		/* the policy's name */
};

/*
 * Opens `path` (a file or a directory).  `entry` is --entry or NULL; `policy`
 * is -p or NULL (then the language comes from the extensions).  0, or -1
 * with `err` naming the path and what is wrong (no language, several
 * languages, no entry point, too many files).  submission_free() either way.
 */
int submission_open(const char *path, const char *entry, const char *policy,
		    const char *policies_dir, struct submission *s, struct jerr *err);
void submission_free(struct submission *s);

/* Whether dir holds at least one file (at any depth) in a known language. */
bool submission_dir_has_sources(const char *dir, const char *policies_dir);

/*
 * A workspace holding every file of s: ws->source is the entry, ws->sources
 * every file whose extension is one of lang's (the entry always among them).
 */
int submission_workspace(const struct submission *s, const struct policy *lang,
			 struct workspace *ws, struct jerr *err);

#endif
