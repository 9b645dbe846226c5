#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

static const char *const headers[] = { "test", "verdict", "time", "message" };

static char *render(bool colour)
{
	struct table t;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	const char *r1[] = { "sample/1", "AC", "5 ms", "" };
	const char *r2[] = { "secret/10", "WA", "123 ms", "wrong answer" };
	const char *r3[] = { "caf\xc3\xa9", "TLE", "1000 ms", NULL };

	cr_assert(f);
	table_init(&t, 4, headers, 1u << 2, 1);
	table_add(&t, r1);
	table_add(&t, r2);
	table_add(&t, r3);
	table_print(&t, f, colour);
	table_free(&t);
	fclose(f);
	return buf;
}

Test(table, plain_when_not_a_terminal)
{
	FILE *f = tmpfile();
	char *x;

	cr_assert(f);
	cr_expect(!table_colour(f), "a file is not a terminal");
	fclose(f);
	x = render(false);
	cr_expect(!strchr(x, '\033'), "no escape sequences:\n%s", x);
	cr_expect_str_eq(x,
			 "test       verdict     time  message\n"
			 "sample/1   AC          5 ms\n"
			 "secret/10  WA        123 ms  wrong answer\n"
			 "caf\xc3\xa9       TLE      1000 ms\n");
	free(x);
}

Test(table, no_colour_is_honoured)
{
	setenv("NO_COLOR", "1", 1);
	cr_expect(!table_colour(stdout));
	unsetenv("NO_COLOR");
	setenv("TERM", "dumb", 1);
	cr_expect(!table_colour(stdout));
}

Test(table, colour_marks_only_the_verdict)
{
	char *x = render(true);

	cr_expect(strstr(x, "\033[1;32mAC"), "%s", x);
	cr_expect(strstr(x, "\033[1;31mWA"), "%s", x);
	cr_expect(strstr(x, "\033[1;33mTLE"), "%s", x);
	cr_expect(strstr(x, "secret/10  \033["), "names stay plain: %s", x);
	free(x);
}

Test(table, long_cells_are_cut)
{
	struct table t;
	char long_text[400], *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	const char *row[] = { "1", "WA", "1 ms", long_text };

	memset(long_text, 'x', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	long_text[10] = '\n';
	table_init(&t, 4, headers, 0, 1);
	table_add(&t, row);
	table_print(&t, f, false);
	table_free(&t);
	fclose(f);
	cr_expect(strstr(buf, "..."), "%s", buf);
	/* "1     WA       1 ms  " and the cell, cut to TABLE_CELL_MAX columns */
	cr_expect_eq(strlen(strchr(buf, '\n') + 1), (size_t)(21 + TABLE_CELL_MAX + 1), "%s", buf);
	cr_expect_eq(strchr(strchr(buf, '\n') + 1, '\n')[1], '\0', "the newline in the cell became a space");
	free(buf);
}

Test(table, progress_line_rewrites_itself)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	table_progress(f, false, 3, 10, "secret/2", "AC");
	table_progress_clear(f);
	fclose(f);
	cr_expect_str_eq(buf, "\r\033[K[3/10] secret/2  AC\r\033[K");
	free(buf);
}

Test(table, width_counts_code_points)
{
	cr_expect_eq(table_width("caf\xc3\xa9"), 4);
	cr_expect_eq(table_width(""), 0);
}
