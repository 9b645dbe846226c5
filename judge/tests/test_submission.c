#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "submission.h"
#include "util.h"

/*
 * Directory submissions: which language, which entry point, which files the
 * compile command gets as {sources}.  Pure file inspection: nothing compiles.
 */

static char dir[64];

static void setup(void)
{
	strcpy(dir, "/tmp/judge-test-sub-XXXXXX");
	cr_assert(mkdtemp(dir), "mkdtemp");
	setenv("TMPDIR", dir, 1);
}

static void teardown(void)
{
	util_remove_tree(dir);
}

TestSuite(submission, .init = setup, .fini = teardown);

/* Writes dir/sub/rel, making the folders on the way. */
static void put(const char *rel, const char *text)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/sub/%s", dir, rel);
	for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	f = fopen(path, "w");
	cr_assert(f, "fopen %s", path);
	fputs(text, f);
	fclose(f);
}

static int open_sub(const char *entry, const char *policy, struct submission *s, struct jerr *err)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/sub", dir);
	return submission_open(path, entry, policy, harness_policies_dir(), s, err);
}

Test(submission, the_only_file_defining_main_is_the_entry)
{
	struct submission s;
	struct jerr err;

	put("add.c", "int add(int a, int b) { return a + b; }\n");
	put("add.h", "int add(int, int);\n");
	put("sol.c", "#include \"add.h\"\nint main (void) { return add(1, 2) != 3; }\n");
	cr_assert_eq(open_sub(NULL, NULL, &s, &err), 0, "%s", err.msg);
	cr_expect_str_eq(s.language, "c");
	cr_expect_str_eq(s.entry, "sol.c");
	cr_expect_eq(s.n_files, 3);
	submission_free(&s);
}

Test(submission, a_conventional_name_wins_over_main_detection)
{
	struct submission s;
	struct jerr err;

	put("main.py", "import helper\nhelper.run()\n");
	put("helper.py", "def run():\n    pass\n\nif __name__ == \"__main__\":\n    run()\n");
	cr_assert_eq(open_sub(NULL, NULL, &s, &err), 0, "%s", err.msg);
	cr_expect_str_eq(s.language, "python3");
	cr_expect_str_eq(s.entry, "main.py");
	submission_free(&s);
}

Test(submission, entry_may_be_a_java_class_name)
{
	struct submission s;
	struct jerr err;

	put("app/Main.java", "package app;\npublic class Main { public static void main(String[] a) {} }\n");
	put("app/util/Tool.java", "package app.util;\npublic class Tool { public static void main(String[] a) {} }\n");
	cr_assert_eq(open_sub("app.util.Tool", NULL, &s, &err), 0, "%s", err.msg);
	cr_expect_str_eq(s.language, "java");
	cr_expect_str_eq(s.entry, "app/util/Tool.java");
	submission_free(&s);
}

Test(submission, two_mains_and_no_conventional_name_is_an_error_naming_entry)
{
	struct submission s;
	struct jerr err;

	put("a.c", "int main(void) { return 0; }\n");
	put("b.c", "int main(void) { return 1; }\n");
	cr_expect_eq(open_sub(NULL, NULL, &s, &err), -1);
	cr_expect(strstr(err.msg, "--entry"), "%s", err.msg);
	submission_free(&s);
	cr_assert_eq(open_sub("b.c", NULL, &s, &err), 0, "%s", err.msg);
	cr_expect_str_eq(s.entry, "b.c");
	submission_free(&s);
}

Test(submission, files_of_two_languages_need_p_or_entry)
{
	struct submission s;
	struct jerr err;

	put("x.c", "int main(void) { return 0; }\n");
	put("y.py", "print(1)\n");
	cr_expect_eq(open_sub(NULL, NULL, &s, &err), -1);
	cr_expect(strstr(err.msg, "languages"), "%s", err.msg);
	submission_free(&s);
	cr_assert_eq(open_sub("y.py", NULL, &s, &err), 0, "%s", err.msg);
	cr_expect_str_eq(s.language, "python3");
	submission_free(&s);
}

Test(submission, workspace_holds_every_file_and_sources_of_the_language)
{
	struct submission s;
	struct policy pol;
	struct workspace ws;
	struct jerr err;
	char path[PATH_MAX + 16];

	put("main.cc", "int f();\nint main() { return f(); }\n");
	put("lib/f.c++", "int f() { return 0; }\n");
	put("lib/f.h", "int f();\n");
	put("README", "notes\n");
	cr_assert_eq(open_sub(NULL, NULL, &s, &err), 0, "%s", err.msg);
	cr_expect_str_eq(s.language, "cpp");
	harness_load("cpp", &pol);
	cr_assert_eq(submission_workspace(&s, &pol, &ws, &err), 0, "%s", err.msg);
	cr_expect_eq(ws.n_sources, 2, "main.cc and lib/f.c++, not the header or README");
	cr_expect(strstr(ws.source, "/main.cc"));
	snprintf(path, sizeof(path), "%s/lib/f.h", ws.dir);
	cr_expect(access(path, R_OK) == 0, "the header is copied beside its source");
	cr_expect_str_eq(ws.stem, "main");
	workspace_remove(&ws);
	policy_free(&pol);
	submission_free(&s);
}

Test(submission, a_symlink_in_the_folder_is_not_taken)
{
	struct submission s;
	struct jerr err;
	char link[PATH_MAX];

	put("main.c", "int main(void) { return 0; }\n");
	snprintf(link, sizeof(link), "%s/sub/secret.c", dir);
	cr_assert_eq(symlink("/etc/passwd", link), 0);
	cr_assert_eq(open_sub(NULL, NULL, &s, &err), 0, "%s", err.msg);
	cr_expect_eq(s.n_files, 1);
	submission_free(&s);
}
