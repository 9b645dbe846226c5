#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

struct size_case {
	const char *in;
	int64_t want;	/* -1: rejected */
};

Test(util, parse_kib_table)
{
	static const struct size_case cases[] = {
		{ "256M", 262144 },
		{ "256m", 262144 },
		{ "1G", 1048576 },
		{ "1g", 1048576 },
		{ "65536K", 65536 },
		{ "65536k", 65536 },
		{ "100000", 100000 },	/* bare = KiB */
		{ "1", 1 },
		{ "0", 0 },
		{ "256MiB", 262144 },
		{ "1GiB", 1048576 },
		{ "64MB", 65536 },
		{ "2048B", 2 },		/* bytes, in whole KiB */
		{ "", -1 },
		{ "M", -1 },
		{ "abc", -1 },
		{ "12X", -1 },
		{ "12MM", -1 },
		{ "12 M", -1 },
		{ " 12M", -1 },
		{ "-5", -1 },
		{ "+5", -1 },
		{ "1.5G", -1 },
		{ "0x10", -1 },
		{ "1T", -1 },
		{ "99999999999999999999", -1 },
		{ "9223372036854775807", -1 },	/* KiB that do not fit in int64 bytes */
		{ "9999999999999G", -1 },
		{ "8589934591G", 8589934591LL << 20 },	/* the most bytes an int64 holds, in G */
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_expect_eq(util_parse_kib(cases[i].in), cases[i].want, "\"%s\" -> %lld", cases[i].in,
			     (long long)util_parse_kib(cases[i].in));
	cr_expect_eq(util_parse_kib(NULL), -1);
}

Test(util, parse_bytes_table)
{
	static const struct size_case cases[] = {
		{ "64M", 64LL << 20 },
		{ "1G", 1LL << 30 },
		{ "1K", 1024 },
		{ "65536", 65536 },	/* bare = bytes */
		{ "10B", 10 },
		{ "0", 0 },
		{ "16MiB", 16LL << 20 },
		{ "", -1 },
		{ "x", -1 },
		{ "1.5M", -1 },
		{ "-1", -1 },
		{ "5 ", -1 },
		{ "99999999999999999999", -1 },
		{ "9999999999G", -1 },
		{ "8589934591G", 8589934591LL << 30 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_expect_eq(util_parse_bytes(cases[i].in), cases[i].want, "\"%s\" -> %lld", cases[i].in,
			     (long long)util_parse_bytes(cases[i].in));
}

Test(util, parse_ms_table)
{
	static const struct size_case cases[] = {
		{ "1000", 1000 },
		{ "0", 0 },
		{ "007", 7 },
		{ "86400000", 86400000 },
		{ "1000000000000", 1000000000000LL },
		{ "", -1 },
		{ "1s", 1000 },
		{ "1.5s", 1500 },
		{ "500ms", 500 },
		{ "0.001s", 1 },
		{ "1.0", -1 },
		{ "1.5ms", -1 },
		{ "1.0001s", -1 },
		{ "1.s", -1 },
		{ ".5s", -1 },
		{ "5m", -1 },
		{ "5 s", -1 },
		{ "ms", -1 },
		{ "-1", -1 },
		{ "+1", -1 },
		{ " 1", -1 },
		{ "1 ", -1 },
		{ "9223372036854775808", -1 },
		{ "99999999999999999999", -1 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_expect_eq(util_parse_ms(cases[i].in), cases[i].want, "\"%s\" -> %lld", cases[i].in,
			     (long long)util_parse_ms(cases[i].in));
	cr_expect_eq(util_parse_ms(NULL), -1);
}

Test(util, jerr_format_parts)
{
	struct jerr e;
	char buf[1024];

	jerr_set(&e, "p.json", "rules.openat", "bad %s", "rule");
	e.line = 3;
	e.col = 14;
	jerr_format(&e, buf, sizeof(buf));
	cr_expect_str_eq(buf, "p.json:3:14: rules.openat: bad rule");

	jerr_set(&e, "p.json", "", "empty file");
	jerr_format(&e, buf, sizeof(buf));
	cr_expect_str_eq(buf, "p.json: empty file");

	jerr_set(&e, "", "--time", "expected milliseconds");
	jerr_format(&e, buf, sizeof(buf));
	cr_expect_str_eq(buf, "--time: expected milliseconds");

	jerr_set(&e, NULL, NULL, "plain");
	jerr_format(&e, buf, sizeof(buf));
	cr_expect_str_eq(buf, "plain");

	/* a NULL jerr is allowed: the caller does not want the detail */
	jerr_set(NULL, "f", "k", "m");

	/* a small buffer is cut, never overrun */
	jerr_set(&e, "file", "key", "message");
	memset(buf, 'Z', sizeof(buf));
	jerr_format(&e, buf, 8);
	cr_expect_eq(strlen(buf), 7);
	cr_expect_eq(buf[8], 'Z');
}

Test(util, read_file)
{
	char path[] = "/tmp/judge-util-XXXXXX";
	int fd = mkstemp(path);
	size_t len = 99;
	char *s;
	static char big[100000];

	cr_assert_geq(fd, 0);
	memset(big, 'q', sizeof(big));
	cr_assert_eq(write(fd, big, sizeof(big)), (ssize_t)sizeof(big));
	close(fd);
	s = util_read_file(path, &len);
	cr_assert_not_null(s);
	cr_expect_eq(len, sizeof(big));
	cr_expect_eq(s[len], '\0');
	cr_expect_eq(memcmp(s, big, len), 0);
	free(s);
	unlink(path);

	errno = 0;
	cr_expect_null(util_read_file("/nonexistent/judge", &len));
	cr_expect_eq(errno, ENOENT);
}

Test(util, now_is_monotonic)
{
	int64_t a = util_now_ns(), b = util_now_ns();

	cr_expect_gt(a, 0);
	cr_expect_geq(b, a);
}

/* A message cut short loses the character the cut split, never half of it. */
Test(util, message_cut_at_a_character)
{
	char buf[8];

	util_message(buf, sizeof(buf), "%s", "abc");
	cr_expect_str_eq(buf, "abc");
	util_message(buf, sizeof(buf), "%s", "abcdefghij");
	cr_expect_str_eq(buf, "abcdefg");
	/* "abcde" then é (2 bytes) fits in 7; then € (3 bytes) does not */
	util_message(buf, sizeof(buf), "%s", "abcde\xc3\xa9\xe2\x82\xac");
	cr_expect_str_eq(buf, "abcde\xc3\xa9");
	util_message(buf, sizeof(buf), "%s", "abcdef\xc3\xa9");
	cr_expect_str_eq(buf, "abcdef");
	util_message(buf, sizeof(buf), "%s", "abcd\xf0\x9f\x98\x80z");
	cr_expect_str_eq(buf, "abcd");
	util_message(buf, sizeof(buf), "%s", "a\xf0\x9f\x98\x80xyz");
	cr_expect_str_eq(buf, "a\xf0\x9f\x98\x80xy");
}
