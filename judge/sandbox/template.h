#ifndef JUDGE_TEMPLATE_H
#define JUDGE_TEMPLATE_H

#include <stddef.h>
#include <stdint.h>

/* Values for the placeholders of policy commands and paths. */
struct template_vars {
	const char *source;	/* {source} */
	const char *exe;	/* {exe} */
	const char *dir;	/* {dir}: the program's working directory */
	const char *stem;	/* {stem}: source name without directory and extension */
	int64_t memory_mb;	/* {memory_mb} */
	const char *tmp;	/* {tmp}: the run's private scratch directory (run.c), or NULL */
	char *const *sources;	/* {sources}: an argument of its own that is exactly "{sources}" */
	size_t n_sources;	/* becomes these n arguments (compile.c); elsewhere it is {source} */
};

/* A new string with every known placeholder replaced; others stay as written. */
char *template_expand(const char *tmpl, const struct template_vars *v);

#endif
