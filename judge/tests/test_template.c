#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "template.h"
#include "util.h"

static const struct template_vars vars = {
	.source = "/box/sol.cpp",
	.exe = "/box/sol",
	.dir = "/box",
	.stem = "sol",
	.memory_mb = 256,
	.tmp = "/box/.tmp-x",
};

struct tcase {
	const char *in, *want;
};

Test(template, expand_table)
{
	static const struct tcase cases[] = {
		{ "", "" },
		{ "gcc", "gcc" },
		{ "{exe}", "/box/sol" },
		{ "{source}", "/box/sol.cpp" },
		{ "{dir}/", "/box/" },
		{ "{stem}.class", "sol.class" },
		{ "-Xmx{memory_mb}m", "-Xmx256m" },
		{ "-o {exe} {source}", "-o /box/sol /box/sol.cpp" },
		{ "{exe}{exe}", "/box/sol/box/sol" },
		{ "TMPDIR={dir}", "TMPDIR=/box" },
		{ "{tmp}/", "/box/.tmp-x/" },
		/* unknown placeholders and lone braces stay as written */
		{ "{foo}", "{foo}" },
		{ "{", "{" },
		{ "}", "}" },
		{ "{{exe}}", "{/box/sol}" },
		{ "{exe", "{exe" },
		{ "{EXE}", "{EXE}" },
		{ "{ exe}", "{ exe}" },
		{ "a{}b", "a{}b" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *s = template_expand(cases[i].in, &vars);

		cr_expect_str_eq(s, cases[i].want, "\"%s\"", cases[i].in);
		free(s);
	}
}

Test(template, unset_values_expand_to_nothing)
{
	struct template_vars none = { 0 };
	char *s = template_expand("[{exe}|{source}|{dir}|{stem}|{memory_mb}]", &none);

	cr_expect_str_eq(s, "[||||0]");
	free(s);
}

/* Values far longer than the slack the buffer starts with. */
Test(template, long_values_grow_the_buffer)
{
	static char longdir[5000];
	struct template_vars v = vars;
	char *s, *want;

	memset(longdir, 'd', sizeof(longdir) - 1);
	longdir[0] = '/';
	v.dir = longdir;
	s = template_expand("{dir}/{dir}/{dir}", &v);
	want = xasprintf("%s/%s/%s", longdir, longdir, longdir);
	cr_expect_eq(strlen(s), strlen(want));
	cr_expect_str_eq(s, want);
	free(s);
	free(want);
}

Test(template, memory_mb_extremes)
{
	struct template_vars v = vars;
	char *s;

	v.memory_mb = 0;
	s = template_expand("{memory_mb}", &v);
	cr_expect_str_eq(s, "0");
	free(s);
	v.memory_mb = 1LL << 40;
	s = template_expand("{memory_mb}", &v);
	cr_expect_str_eq(s, "1099511627776");
	free(s);
}
