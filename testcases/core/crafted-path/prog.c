/*
 * Paths made to cost the tracer as much as possible, each stat-ed many
 * times: the tracer resolves every path a rule checks, so a resolution that
 * is not linear (one realpath() per missing trailing component was) lets
 * one stat() of a 4 KiB path keep the judge busy for a second, unbilled.
 *   usage: prog VARIANT REPEAT     (REPEAT 0: forever)
 * Variants: deep (2000 missing components), dotdot (missing "x/.." pairs),
 * updown (existing "../dir" pairs), mixed (existing pairs, then missing
 * components: the quadratic case), short (the same with the shortest
 * existing pair, "d/..", in the work directory), libs (the /lib link, then missing
 * components), chain (a chain of 20 links in the work directory, then
 * missing components), loop (two links naming each other), all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX 4095

static char path[MAX + 1];

/* head, then `unit` repeated over `share` of the room left, then `unit2` to the end */
static void fill2(const char *head, const char *unit, double share, const char *unit2)
{
	size_t n = strlen(head), u = strlen(unit), u2 = strlen(unit2);
	size_t stop = n + (size_t)((MAX - n) * share);

	memcpy(path, head, n);
	while (n + u <= stop) {
		memcpy(path + n, unit, u);
		n += u;
	}
	while (u2 && n + u2 <= MAX) {
		memcpy(path + n, unit2, u2);
		n += u2;
	}
	path[n] = '\0';
}

static void fill(const char *head, const char *unit, const char *tail)
{
	size_t t = strlen(tail);

	fill2(head, unit, 1.0, "");
	if (strlen(path) + t > MAX)
		path[MAX - t] = '\0';
	strcat(path, tail);
}

static void make(const char *v)
{
	if (strcmp(v, "deep") == 0)
		fill("/usr/lib/x86_64-linux-gnu/", "a/", "a");
	else if (strcmp(v, "dotdot") == 0)
		fill("/usr/lib/x86_64-linux-gnu/", "x/../", "libc.so.6");
	else if (strcmp(v, "updown") == 0)
		fill("/usr/lib/x86_64-linux-gnu/", "../x86_64-linux-gnu/", "nothing");
	else if (strcmp(v, "mixed") == 0)
		fill2("/usr/lib/x86_64-linux-gnu/", "../x86_64-linux-gnu/", 0.5, "a/");
	else if (strcmp(v, "short") == 0) {
		/* relative: room for the work directory's name before it */
		fill2("", "d/../", 0.5, "a/");
		path[MAX - 256] = '\0';
	}
	else if (strcmp(v, "libs") == 0)
		fill("/lib/x86_64-linux-gnu/../../lib/x86_64-linux-gnu/", "a/", "a");
	else if (strcmp(v, "chain") == 0)
		fill("c0/", "a/", "a");
	else if (strcmp(v, "loop") == 0)
		fill("loop1/", "a/", "a");
	else {
		fprintf(stderr, "unknown variant %s\n", v);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	static const char *const all[] = { "deep", "dotdot", "updown", "mixed", "short", "libs", "chain", "loop" };
	long repeat = argc > 2 ? atol(argv[2]) : 1;
	struct stat st;

	if (argc < 2)
		return 2;
	for (long i = 0; repeat == 0 || i < repeat; i++) {
		for (size_t k = 0; k < sizeof(all) / sizeof(all[0]); k++) {
			if (strcmp(argv[1], "all") != 0 && strcmp(argv[1], all[k]) != 0)
				continue;
			make(all[k]);
			stat(path, &st);
		}
	}
	return 0;
}
