#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pathres.h"
#include "util.h"

/*
 * pathres walks the real filesystem: a fresh directory holds a tree whose
 * resolved names the test knows.
 */
static char box[PATH_MAX];

static void mk(const char *fmt, const char *arg, bool dir)
{
	char p[PATH_MAX * 2];

	snprintf(p, sizeof(p), "%s/", box);
	snprintf(p + strlen(p), sizeof(p) - strlen(p), fmt, arg);
	if (dir)
		cr_assert_eq(mkdir(p, 0755), 0, "mkdir %s: %m", p);
	else
		cr_assert_eq(close(open(p, O_CREAT | O_WRONLY | O_EXCL, 0644)), 0, "%s: %m", p);
}

static void ln(const char *target, const char *name)
{
	char p[PATH_MAX * 2];

	snprintf(p, sizeof(p), "%s/%s", box, name);
	cr_assert_eq(symlink(target, p), 0, "symlink %s: %m", p);
}

static void setup(void)
{
	char tmpl[] = "/tmp/judge-pathres-XXXXXX";

	cr_assert_not_null(mkdtemp(tmpl));
	cr_assert_not_null(realpath(tmpl, box));
	mk("d", NULL, true);
	mk("d/e", NULL, true);
	mk("d/e/f", NULL, false);
	mk("out", NULL, true);
	ln("d/e", "toe");		/* relative, to a directory */
	ln("../out", "d/up");		/* relative with "..", out of d */
	ln("/etc", "abs");		/* absolute */
	ln("nowhere/x", "dangling");
	ln("loop2", "loop1");
	ln("loop1", "loop2");
	for (int i = 0; i < 45; i++) {
		char t[16], n[16];

		snprintf(t, sizeof(t), "l%d", i + 1);
		snprintf(n, sizeof(n), "l%d", i);
		ln(t, n);
	}
	ln("d", "l45");
}

static void teardown(void)
{
	if (box[0])
		util_remove_tree(box);
}

struct res_case {
	const char *path;	/* relative to the box; "/..." stays absolute */
	const char *want;	/* relative to the box, "/..." absolute; NULL: -1 */
	int err;		/* errno when want is NULL */
};

static const struct res_case cases[] = {
	{ "d/e/f", "d/e/f", 0 },
	{ "d/./e//f", "d/e/f", 0 },
	{ "toe/f", "d/e/f", 0 },
	/* the link first, then "..": toe/.. is d, not the box */
	{ "toe/../e/f", "d/e/f", 0 },
	{ "d/up", "out", 0 },
	{ "d/up/../d", "d", 0 },
	{ "abs/passwd", "/etc/passwd", 0 },
	/* a missing tail: the existing prefix resolved, the rest as text */
	{ "toe/new", "d/e/new", 0 },
	{ "toe/a/b/../c", "d/e/a/c", 0 },
	{ "d/e/f/x", "d/e/f/x", 0 },
	/* a link whose target is missing: O_CREAT would create it elsewhere */
	{ "dangling", NULL, ENOENT },
	{ "loop1", NULL, ELOOP },
	{ "loop1/x", NULL, ELOOP },
	/* 46 links in a row: more than the kernel follows */
	{ "l0/e", NULL, ELOOP },
	{ "l10/e/f", "d/e/f", 0 },
};

Test(pathres, table, .init = setup, .fini = teardown)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct res_case *c = &cases[i];
		char in[PATH_MAX * 2], want[PATH_MAX * 2], out[PATH_MAX];
		int r;

		snprintf(in, sizeof(in), "%s%s%s", c->path[0] == '/' ? "" : box,
			 c->path[0] == '/' ? "" : "/", c->path);
		errno = 0;
		r = pathres_resolve(in, out, sizeof(out), NULL);
		if (!c->want) {
			cr_expect_eq(r, -1, "%s resolved to %s", c->path, r == 0 ? out : "?");
			cr_expect_eq(errno, c->err, "%s: errno %d, want %d", c->path, errno, c->err);
			continue;
		}
		snprintf(want, sizeof(want), "%s%s%s", c->want[0] == '/' ? "" : box,
			 c->want[0] == '/' ? "" : "/", c->want);
		cr_expect_eq(r, 0, "%s: %m", c->path);
		if (r == 0)
			cr_expect_str_eq(out, want, "%s", c->path);
	}
}

/*
 * box + "/d/.." n times + "/toe/../.." 10 times (a link each: the kernel
 * follows 40 in one walk at most) + "/a" n times (missing).
 */
static void crafted(char *p, size_t len, int n)
{
	size_t k = (size_t)snprintf(p, len, "%s", box);

	for (int i = 0; i < n; i++)
		k += (size_t)snprintf(p + k, len - k, "/d/..");
	for (int i = 0; i < 10; i++)
		k += (size_t)snprintf(p + k, len - k, "/toe/../..");
	for (int i = 0; i < n; i++)
		k += (size_t)snprintf(p + k, len - k, "/a");
	cr_assert_lt(k, len - 1);
}

/*
 * The work grows linearly with the path: the old resolution called
 * realpath() once per missing trailing component, each walking the whole
 * existing prefix again (quadratic; a second of tracer CPU for one stat).
 * Counted in filesystem calls, not time.
 */
Test(pathres, linear_in_components, .init = setup, .fini = teardown)
{
	static char p[PATH_MAX];
	unsigned long calls[4], own = 0;
	char out[PATH_MAX];

	for (const char *c = box; *c; c++)
		own += *c == '/';

	for (int i = 0; i < 4; i++) {
		struct pathres_stats st;
		int n = 40 << i;	/* 40 .. 320: 3 n + 30 components, under PATH_MAX */

		crafted(p, sizeof(p), n);
		cr_assert_eq(pathres_resolve(p, out, sizeof(out), &st), 0, "%m");
		cr_expect_eq(st.components, own + (unsigned long)(3 * n + 30));
		/* at most three calls a component, four a link, and a few to start */
		cr_expect_leq(st.calls, 3 * st.components + 4 * st.links + 4,
			      "n=%d: %lu calls for %lu components, %lu links", n, st.calls,
			      st.components, st.links);
		cr_expect_eq(st.links, 10UL, "n=%d: %lu links", n, st.links);
		calls[i] = st.calls;
	}
	for (int i = 1; i < 4; i++)
		cr_expect_leq(calls[i], 2 * calls[i - 1] + 8,
			      "doubling the path more than doubled the work: %lu -> %lu",
			      calls[i - 1], calls[i]);
}

/* However long the path, each resolution is bounded by its length. */
Test(pathres, missing_tail_costs_nothing_more, .init = setup, .fini = teardown)
{
	static char p[PATH_MAX];
	char out[PATH_MAX];
	struct pathres_stats st;
	size_t k = (size_t)snprintf(p, sizeof(p), "%s/d", box);

	while (k + 2 < sizeof(p) - 1)
		k += (size_t)snprintf(p + k, sizeof(p) - k, "/a");
	cr_assert_eq(pathres_resolve(p, out, sizeof(out), &st), 0, "%m");
	/* the walk stops at the first missing component: the rest is text */
	cr_expect_leq(st.calls, 3 * 12 + 8, "%lu calls", st.calls);
}
