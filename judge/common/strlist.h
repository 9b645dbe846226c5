#ifndef JUDGE_STRLIST_H
#define JUDGE_STRLIST_H

#include <stdbool.h>
#include <stddef.h>

/* A list of owned strings, kept NULL-terminated so it can serve as an argv. */
struct strlist {
	char **v;
	size_t n;
};

void strlist_push(struct strlist *l, const char *s);
void strlist_free(struct strlist *l);
bool strlist_has(const struct strlist *l, const char *s);

#endif
