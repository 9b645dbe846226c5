#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "excerpt.h"
#include "keepout.h"
#include "util.h"

/*
 * The feedback a student reads: stderr's head and tail (bounded, whole UTF-8
 * characters, no terminal escapes), the first difference between output and
 * answer with its line and column, and --keep-outputs never writing through
 * a symbolic link.
 */

static char dir[] = "/tmp/judge-excerpt-XXXXXX";

static void setup(void)
{
	cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
	util_remove_tree(dir);
}

TestSuite(excerpt, .init = setup, .fini = teardown);

static char *file(const char *name, const char *text, size_t n)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f);
	fwrite(text, 1, n, f);
	fclose(f);
	return path;
}

static int memfd_with(const char *text, size_t n)
{
	char *path = file("stderr", text, n);
	int fd = open(path, O_RDONLY);

	free(path);
	cr_assert_geq(fd, 0);
	return fd;
}

static bool valid_printable(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			return false;
	return true;
}

Test(excerpt, short_stderr_whole_escapes_replaced)
{
	const char text[] = "debug: \033[31mred\033[0m\nTraceback\xff\n";
	struct excerpt ex;
	int fd = memfd_with(text, sizeof(text) - 1);

	excerpt_stderr(fd, &ex);
	close(fd);
	cr_expect_eq(ex.stderr_bytes, (int64_t)sizeof(text) - 1);
	cr_expect_not(ex.stderr_cut);
	cr_expect_str_eq(ex.stderr_text, "debug: ?[31mred?[0m\nTraceback?\n");
}

Test(excerpt, long_stderr_head_and_tail_whole_characters)
{
	size_t n = 100000;
	char *big = xmalloc(n);
	struct excerpt ex;
	int fd;

	/* "é" is two bytes: whatever the cut, no half character may remain */
	for (size_t i = 0; i + 1 < n; i += 2)
		memcpy(big + i, "\xc3\xa9", 2);
	memcpy(big, "HEAD", 4);
	memcpy(big + n - 6, " TAIL\n", 6);
	fd = memfd_with(big, n);
	excerpt_stderr(fd, &ex);
	close(fd);
	free(big);
	cr_expect(ex.stderr_cut);
	cr_expect_eq(ex.stderr_bytes, (int64_t)n);
	cr_expect_eq(strncmp(ex.stderr_text, "HEAD", 4), 0);
	cr_expect_not_null(strstr(ex.stderr_text, "TAIL\n"));
	cr_expect_not_null(strstr(ex.stderr_text, "bytes left out"));
	cr_expect_lt(strlen(ex.stderr_text), sizeof(ex.stderr_text));
	cr_expect_null(strchr(ex.stderr_text, '?'), "a half character became '?': %s", ex.stderr_text);
	cr_expect(valid_printable(ex.stderr_text));
}

Test(excerpt, no_stderr)
{
	struct excerpt ex;
	int fd = memfd_with("", 0);

	excerpt_stderr(fd, &ex);
	close(fd);
	cr_expect_eq(ex.stderr_bytes, 0);
	cr_expect_str_eq(ex.stderr_text, "");
}

static int diff(const char *ans, const char *out, bool by_lines, struct excerpt_diff *d)
{
	char *a = file("ans", ans, strlen(ans)), *o = file("out", out, strlen(out));
	struct excerpt_how how = { .by_lines = by_lines, .eps = -1 };
	int r = excerpt_diff(a, o, &how, d);

	free(a);
	free(o);
	return r;
}

Test(excerpt, token_difference_line_and_column)
{
	struct excerpt_diff d;

	cr_assert_eq(diff("1 2\n3 4 5\n", "1   2\n3 4 6\n", false, &d), 1);
	cr_expect_eq(d.token, 5);
	cr_expect_eq(d.line, 2);
	cr_expect_eq(d.column, 5);
	cr_expect_eq(d.exp_line, 2);
	cr_expect_eq(d.exp_column, 5);
	cr_expect_str_eq(d.expected, "3 4 5");
	cr_expect_str_eq(d.got, "3 4 6");
}

Test(excerpt, tokens_equal_is_no_difference)
{
	struct excerpt_diff d;

	cr_expect_eq(diff("1 2\n3\n", "1\n2 3", false, &d), 0);
	cr_expect_not(d.found);
}

Test(excerpt, output_ended_early)
{
	struct excerpt_diff d;

	cr_assert_eq(diff("1\n2\n", "1\n", false, &d), 1);
	cr_expect_eq(d.token, 2);
	cr_expect(d.got_eof);
	cr_expect_not(d.exp_eof);
	cr_expect_str_eq(d.expected, "2");
}

Test(excerpt, line_difference_column_in_characters)
{
	struct excerpt_diff d;

	cr_assert_eq(diff("ok\n\xc3\xa9t\xc3\xa9 abc\n", "ok  \n\xc3\xa9t\xc3\xa9 abd\n", true, &d), 1);
	cr_expect_eq(d.token, 0);
	cr_expect_eq(d.line, 2);
	cr_expect_eq(d.column, 7);
	cr_expect_str_eq(d.got, "\xc3\xa9t\xc3\xa9 abd");
}

Test(excerpt, lines_trailing_blank_lines_ignored)
{
	struct excerpt_diff d;

	cr_expect_eq(diff("a\nb\n", "a\nb\n\n\n", true, &d), 0);
}

Test(excerpt, long_line_cut_around_the_place)
{
	char ans[4000], out[4000];
	struct excerpt_diff d;

	memset(ans, 'x', 3000);
	ans[3000] = '\0';
	strcpy(out, ans);
	out[2500] = 'y';
	cr_assert_eq(diff(ans, out, true, &d), 1);
	cr_expect_eq(d.column, 2501);
	cr_expect_lt(strlen(d.got), (size_t)EXCERPT_LINE + 8);
	cr_expect_not_null(strchr(d.got, 'y'), "%s", d.got);
	cr_expect_eq(strncmp(d.got, "...", 3), 0);
}

Test(excerpt, summary_names_the_place)
{
	struct excerpt ex = { 0 };
	char *s;

	cr_assert_eq(diff("3\n", "4\n", false, &ex.diff), 1);
	s = excerpt_summary(&ex);
	cr_expect_str_eq(s, "token 1 (line 1, column 1): expected '3', got '4'");
	free(s);
	memset(&ex, 0, sizeof(ex));
	strcpy(ex.stderr_text, "Traceback\n  File x\nZeroDivisionError: division by zero\n\n");
	ex.stderr_bytes = 60;
	s = excerpt_summary(&ex);
	cr_expect_str_eq(s, "stderr: ZeroDivisionError: division by zero");
	free(s);
}

Test(excerpt, keep_outputs_refuses_symlinks)
{
	struct jerr err;
	char *kept = xasprintf("%s/kept", dir), *link = xasprintf("%s/link", dir);
	char *victim = file("victim", "victim\n", 7), *planted, buf[16] = "";
	int fd, src = memfd_with("program output\n", 15), vfd;

	/* DIR itself a symbolic link: refused, naming the option */
	cr_assert_eq(symlink(dir, link), 0);
	cr_expect_lt(keepout_open(link, &err), 0);
	cr_expect_str_eq(err.key, "--keep-outputs");

	fd = keepout_open(kept, &err);
	cr_assert_geq(fd, 0, "%s", err.msg);
	/* a link planted where a test's output goes is replaced, not followed */
	planted = xasprintf("%s/t1.stdout", kept);
	cr_assert_eq(symlink(victim, planted), 0);
	cr_expect_eq(keepout_save(fd, "t1", "stdout", src, &err), 0, "%s", err.msg);
	vfd = open(victim, O_RDONLY);
	cr_expect_eq(read(vfd, buf, sizeof(buf) - 1), 7);
	close(vfd);
	cr_expect_str_eq(buf, "victim\n");
	/* a planted folder link below DIR stops the write */
	free(planted);
	planted = xasprintf("%s/group", kept);
	cr_assert_eq(symlink(dir, planted), 0);
	cr_expect_lt(keepout_save(fd, "group/t2", "stdout", src, &err), 0);
	free(planted);
	planted = xasprintf("%s/t2.stdout", dir);
	cr_expect_eq(access(planted, F_OK), -1);
	/* nested names make their folders */
	cr_expect_eq(keepout_save(fd, "secret/t3", "stderr", src, &err), 0, "%s", err.msg);
	free(planted);
	planted = xasprintf("%s/secret/t3.stderr", kept);
	cr_expect_eq(access(planted, F_OK), 0);
	close(fd);
	close(src);
	free(planted);
	free(kept);
	free(link);
	free(victim);
}
