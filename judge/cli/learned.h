#ifndef JUDGE_LEARNED_H
#define JUDGE_LEARNED_H

#include <jansson.h>

#include "learn.h"
#include "policy.h"

/*
 * What a learning run recorded (learn.h), as the smallest policy that
 * extends base and lets the same program do the same again: the syscalls
 * it made beyond base, with the rule each needs; the file trees it read,
 * collapsed to directories; what it executed; whether it wrote in its work
 * directory; how many processes and threads it had; and a comment on each
 * entry saying why it is there.
 */
struct learned_input {
	const struct learn *l;
	/*
	 * The language's own policy (-p, or the source's): its description,
	 * extensions, compile, compile_policy, run, env and memory settings are
	 * kept as they are.  NULL for a PROGRAM learned alone.
	 */
	const struct policy *skeleton;
	const char *description;	/* when there is no skeleton */
	const char *workdir;		/* paths under it are written {dir}/ */
	/* paths every run adds by itself (the program, the link it was named by) */
	const struct strlist *own;
};

json_t *learned_policy(const struct learned_input *in);

/*
 * The files.read entry that covers `path` (normalized): "{dir}/" within
 * workdir; the path itself under /etc, /dev, /proc, /sys, /run, /tmp,
 * /var, /root and /home, and when it is fewer than four levels deep; else
 * its first three levels as a directory ("/usr/lib/python3.11/"; four
 * under /usr/local).  Caller frees.
 */
char *learned_collapse(const char *path, const char *workdir);

/* The policy as text: one key a line, lists on one line, tabs, as the shipped policies are. */
char *learned_format(const json_t *policy);

#endif
