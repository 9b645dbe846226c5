#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dirpool.h"
#include "util.h"

/*
 * The pool stands where every user can plant names (TMPDIR defaults to
 * /tmp): each test gets a sticky, world-writable directory of its own as
 * that TMP.
 */
static char tmp[PATH_MAX / 2];

static void setup(void)
{
	char t[] = "/tmp/judge-dirpool-test-XXXXXX";

	cr_assert_not_null(mkdtemp(t));
	cr_assert_eq(chmod(t, 01777), 0);
	snprintf(tmp, sizeof(tmp), "%s", t);
}

static void teardown(void)
{
	if (tmp[0])
		util_remove_tree(tmp);
}

TestSuite(dirpool, .init = setup, .fini = teardown);

static int take(char *out, struct dirpool_slot *s)
{
	return dirpool_take(tmp, geteuid(), getegid(), out, PATH_MAX, s);
}

/* The path of slot k. */
static const char *slot(int k)
{
	static char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/judge-ws-%u-%d", tmp, (unsigned)geteuid(), k);
	return p;
}

static int entries(const char *dir)
{
	char cmd[PATH_MAX + 64];
	FILE *p;
	int n = -1;

	snprintf(cmd, sizeof(cmd), "find '%s' -mindepth 1 | wc -l", dir);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	cr_assert_eq(fscanf(p, "%d", &n), 1);
	pclose(p);
	return n;
}

static void put_file(const char *dir, const char *name)
{
	char path[PATH_MAX * 2];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	cr_assert_not_null(f, "%s: %s", path, strerror(errno));
	fputs("left\n", f);
	fclose(f);
}

Test(dirpool, a_slot_given_back_is_emptied_and_taken_again)
{
	char a[PATH_MAX], b[PATH_MAX], sub[PATH_MAX * 2];
	struct dirpool_slot s;

	cr_assert_eq(take(a, &s), 0);
	cr_assert(s.held);
	cr_assert_eq(entries(a), 0);
	/* what a program or compiler leaves: files, and a directory it made read-only */
	put_file(a, "out.txt");
	snprintf(sub, sizeof(sub), "%s/cache", a);
	cr_assert_eq(mkdir(sub, 0700), 0);
	put_file(sub, "x");
	cr_assert_eq(chmod(sub, 0500), 0);
	dirpool_give(&s);
	cr_assert_not(s.held);
	cr_assert_eq(entries(a), 0, "given back with %d entries", entries(a));
	cr_assert_eq(take(b, &s), 0);
	cr_assert_str_eq(a, b, "the same slot serves the next judge");
	dirpool_give(&s);
}

Test(dirpool, slots_held_at_once_are_distinct_and_bounded)
{
	struct dirpool_slot s[DIRPOOL_SLOTS + 1];
	char p[DIRPOOL_SLOTS + 1][PATH_MAX];

	for (int i = 0; i < DIRPOOL_SLOTS; i++) {
		cr_assert_eq(take(p[i], &s[i]), 0, "slot %d", i);
		for (int j = 0; j < i; j++)
			cr_assert_str_neq(p[i], p[j]);
	}
	/* every slot busy: the caller makes a directory of its own */
	cr_assert_eq(take(p[DIRPOOL_SLOTS], &s[DIRPOOL_SLOTS]), -1);
	cr_assert_not(s[DIRPOOL_SLOTS].held);
	dirpool_give(&s[3]);
	cr_assert_eq(take(p[DIRPOOL_SLOTS], &s[DIRPOOL_SLOTS]), 0);
	cr_assert_str_eq(p[DIRPOOL_SLOTS], p[3]);
	for (int i = 0; i <= DIRPOOL_SLOTS; i++)
		if (i != 3)
			dirpool_give(&s[i]);
	cr_assert_eq(entries(tmp), DIRPOOL_SLOTS, "the pool holds no more than its slots");
}

Test(dirpool, what_a_killed_judge_left_is_gone_before_use)
{
	char a[PATH_MAX], b[PATH_MAX];
	struct dirpool_slot s;

	cr_assert_eq(take(a, &s), 0);
	dirpool_give(&s);
	/* a judge killed mid-run leaves its files and its lock goes with it */
	put_file(a, "planted");
	cr_assert_eq(take(b, &s), 0);
	cr_assert_str_eq(a, b);
	cr_assert_eq(entries(b), 0);
	dirpool_give(&s);
}

Test(dirpool, a_link_planted_as_a_slot_is_passed_over)
{
	char target[PATH_MAX + 8], out[PATH_MAX];
	struct dirpool_slot s;

	/* TMP is shared: anyone may plant the name of slot 0 before the judge makes it */
	snprintf(target, sizeof(target), "%s/elsewhere", tmp);
	cr_assert_eq(mkdir(target, 0700), 0);
	put_file(target, "keep");
	cr_assert_eq(symlink(target, slot(0)), 0);
	cr_assert_eq(take(out, &s), 0);
	cr_assert_str_eq(out, slot(1));
	cr_assert_eq(entries(target), 1, "the link's target was emptied");
	dirpool_give(&s);
}

/* As root the slot belongs to the uid the program runs as. */
Test(dirpool, as_root_the_slot_is_the_programs)
{
	char out[PATH_MAX];
	struct dirpool_slot s;
	struct stat st;

	if (geteuid() != 0)
		cr_skip_test("needs root: the slot's owner is another user");
	cr_assert_eq(dirpool_take(tmp, 65534, 65534, out, sizeof(out), &s), 0);
	cr_assert_eq(stat(out, &st), 0);
	cr_assert_eq(st.st_uid, 65534);
	cr_assert_eq(st.st_gid, 65534);
	cr_assert_eq(st.st_mode & 07777, 0700);
	dirpool_give(&s);
	/* a slot the program made open to all is closed again before the next run */
	cr_assert_eq(chmod(out, 0777), 0);
	cr_assert_eq(dirpool_take(tmp, 65534, 65534, out, sizeof(out), &s), 0);
	cr_assert_eq(stat(out, &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0700);
	dirpool_give(&s);
}

/* A slot's name planted by another user (TMP is shared) is not taken over. */
Test(dirpool, as_root_another_users_slot_is_not_taken_over)
{
	char out[PATH_MAX];
	struct dirpool_slot s;
	struct stat st;

	if (geteuid() != 0)
		cr_skip_test("needs root: the planter is another user");
	cr_assert_eq(mkdir(slot(0), 0700), 0);
	cr_assert_eq(chmod(slot(0), 0777), 0);
	cr_assert_eq(chown(slot(0), 1234, 1234), 0);
	put_file(slot(0), "theirs");
	cr_assert_eq(dirpool_take(tmp, 65534, 65534, out, sizeof(out), &s), 0);
	cr_assert_str_eq(out, slot(1));
	cr_assert_eq(stat(slot(0), &st), 0);
	cr_assert_eq(st.st_uid, 1234, "another user's slot was taken over");
	cr_assert_eq(st.st_mode & 07777, 0777, "another user's slot was changed");
	cr_assert_eq(entries(slot(0)), 1, "another user's slot was emptied");
	dirpool_give(&s);
}
