#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "junit.h"

/* Everything the document must survive: markup, quotes, controls, broken UTF-8. */
static const struct junit_case cases[] = {
	{ .name = "sample/1", .status = JUNIT_PASS, .seconds = 0.012 },
	{ .name = "a<b>&\"c\"'d'", .status = JUNIT_FAILURE, .type = "WA",
	  .message = "expected \"3\" & got <4>\nsecond line", .detail = "bell \a here, \xff\xfe bytes, \xef\xbf\xbe" },
	{ .name = "secret/2", .status = JUNIT_ERROR, .type = "IE", .message = "checker failed\x01" },
	{ .name = "secret/3", .status = JUNIT_SKIPPED, .message = "not run: --fail-fast" },
	{ .name = "caf\xc3\xa9", .status = JUNIT_PASS },
};

static char *print(void)
{
	struct junit_suite s = { .name = "a&b", .source = "sol<1>.c", .cases = cases,
				 .n = sizeof(cases) / sizeof(cases[0]) };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cr_assert(f);
	cr_assert_eq(junit_print(f, &s), 0);
	fclose(f);
	return buf;
}

Test(junit, escapes_markup_and_counts)
{
	char *x = print();

	cr_expect(strstr(x, "<testsuite name=\"a&amp;b\" tests=\"5\" failures=\"1\" errors=\"1\" skipped=\"1\""),
		  "%s", x);
	cr_expect(strstr(x, "name=\"a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;\""), "%s", x);
	cr_expect(strstr(x, "message=\"expected &quot;3&quot; &amp; got &lt;4&gt;&#10;second line\""), "%s", x);
	cr_expect(strstr(x, "<failure type=\"WA\""), "%s", x);
	cr_expect(strstr(x, "<error type=\"IE\""), "%s", x);
	cr_expect(strstr(x, "<skipped message=\"not run: --fail-fast\"/>"), "%s", x);
	cr_expect(strstr(x, "<property name=\"source\" value=\"sol&lt;1&gt;.c\"/>"), "%s", x);
	cr_expect(strstr(x, "caf\xc3\xa9"), "valid UTF-8 passes through");
	free(x);
}

Test(junit, no_byte_xml_forbids)
{
	char *x = print();

	for (const unsigned char *p = (const unsigned char *)x; *p; p++)
		cr_expect(*p >= 0x20 || *p == '\n', "control byte 0x%02x at %zu", *p, (size_t)(p - (unsigned char *)x));
	cr_expect(!strstr(x, "\xff") && !strstr(x, "\xef\xbf\xbe"), "broken UTF-8 and U+FFFE are replaced");
	cr_expect(strstr(x, "\xef\xbf\xbd"), "by U+FFFD");
	free(x);
}

Test(junit, a_real_parser_accepts_it)
{
	char dir[] = "/tmp/judge-test-junit-XXXXXX", file[128], cmd[512];
	struct junit_suite s = { .name = "p", .cases = cases, .n = sizeof(cases) / sizeof(cases[0]) };
	struct jerr err;
	int st;

	if (access("/usr/bin/python3", X_OK) != 0)
		harness_skip("no /usr/bin/python3 to parse the XML with");
	cr_assert(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/report.xml", dir);
	cr_assert_eq(junit_write(file, &s, &err), 0, "%s", err.msg);
	snprintf(cmd, sizeof(cmd),
		 "/usr/bin/python3 -c 'import sys, xml.etree.ElementTree as E; "
		 "r = E.parse(sys.argv[1]).getroot(); s = r.find(\"testsuite\"); "
		 "assert len(s.findall(\"testcase\")) == 5; "
		 "assert s.findall(\"testcase\")[1].find(\"failure\").get(\"message\").endswith(\"\\nsecond line\")' %s",
		 file);
	st = system(cmd);
	cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "python's parser rejected %s", file);
	/* written through a temporary file: only the report is left */
	snprintf(cmd, sizeof(cmd), "test $(ls -A %s | wc -l) = 1", dir);
	cr_expect_eq(system(cmd), 0, "a temporary file was left behind");
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_expect_eq(system(cmd), 0);
}

Test(junit, unwritable_path_is_an_error)
{
	struct junit_suite s = { .name = "p", .cases = cases, .n = 1 };
	struct jerr err;

	cr_expect_eq(junit_write("/nonexistent/dir/report.xml", &s, &err), -1);
	cr_expect_str_eq(err.key, "--report");
	cr_expect(strstr(err.file, "/nonexistent/dir/report.xml"));
}
