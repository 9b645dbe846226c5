#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compile.h"
#include "harness.h"
#include "util.h"

/*
 * The sandboxed compile.  Real compiles use the shipped c policy; the ways a
 * compile can fail use judge/tests/data/compile/lang.json with a helper
 * program put in as the compiler, under compiler.json.  Each test works in a
 * directory of its own, which is TMPDIR too, so workspaces land there.
 */

static char dir[64];

static void setup(void)
{
	strcpy(dir, "/tmp/judge-test-compile-XXXXXX");
	cr_assert(mkdtemp(dir), "mkdtemp");
	/* as root the compiler runs as nobody, who must pass through TMPDIR */
	cr_assert(chmod(dir, 0711) == 0, "chmod");
	setenv("TMPDIR", dir, 1);
}

static void teardown(void)
{
	util_remove_tree(dir);
}

TestSuite(compile, .init = setup, .fini = teardown);

static const char *write_file(const char *name, const char *text)
{
	static char path[4][PATH_MAX];
	static unsigned which;
	FILE *f;

	which = (which + 1) % 4;
	snprintf(path[which], sizeof(path[which]), "%s/%s", dir, name);
	f = fopen(path[which], "w");
	cr_assert(f, "fopen %s", path[which]);
	fputs(text, f);
	fclose(f);
	return path[which];
}

static bool is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The test language, with argv as its compile command. */
static void test_lang(struct policy *lang, const char *const *argv, size_t n)
{
	char path[PATH_MAX];

	harness_format(path, "%s/compile/lang.json", harness_testdata());
	harness_load(path, lang);
	strlist_free(&lang->compile);
	for (size_t i = 0; i < n; i++)
		strlist_push(&lang->compile, argv[i]);
}

/* Compiles `source` (a file in the test's directory) as `lang`; err must not be needed. */
static void compile(const struct policy *lang, const char *source, struct workspace *ws,
		    struct compile_result *cr)
{
	struct jerr err;
	char buf[1024];

	cr_assert_eq(workspace_create(source, ws, &err), 0, "workspace_create: %s", err.msg);
	if (compile_in(lang, ws, getenv("JUDGE_POLICIES"), NULL, cr, &err) < 0) {
		jerr_format(&err, buf, sizeof(buf));
		cr_assert_fail("compile_in: %s", buf);
	}
	cr_assert(cr->message, "a result always has a message");
}

/*** Workspaces ***/

Test(compile, workspace_copies_the_source_under_its_own_name)
{
	const char *src = write_file("sol.v2.c", "int main(void) { return 0; }\n");
	struct workspace ws;
	struct jerr err;
	char *text;

	cr_assert_eq(workspace_create(src, &ws, &err), 0, "%s", err.msg);
	cr_expect(is_dir(ws.dir));
	cr_expect(strncmp(ws.dir, dir, strlen(dir)) == 0, "%s is not under TMPDIR %s", ws.dir, dir);
	cr_expect_str_eq(strrchr(ws.source, '/') + 1, "sol.v2.c");
	cr_expect_str_eq(ws.stem, "sol.v2");
	cr_expect_str_eq(strrchr(ws.exe, '/') + 1, "prog");
	text = util_read_file(ws.source, NULL);
	cr_assert(text);
	cr_expect_str_eq(text, "int main(void) { return 0; }\n");
	free(text);
	workspace_remove(&ws);
}

Test(compile, workspace_exe_never_overwrites_a_source_called_prog)
{
	const char *src = write_file("prog", "x\n");
	struct workspace ws;
	struct jerr err;

	cr_assert_eq(workspace_create(src, &ws, &err), 0, "%s", err.msg);
	cr_expect_str_neq(ws.exe, ws.source);
	cr_expect_str_eq(ws.stem, "prog");
	workspace_remove(&ws);
}

Test(compile, workspace_refuses_what_is_not_a_readable_file)
{
	struct workspace ws;
	struct jerr err;
	char missing[PATH_MAX];

	snprintf(missing, sizeof(missing), "%s/none.c", dir);
	cr_expect_eq(workspace_create(missing, &ws, &err), -1);
	cr_expect_str_eq(err.file, missing);
	cr_expect_eq(workspace_create(dir, &ws, &err), -1, "a directory is not a source");
}

static int entries_in(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	cr_assert_not_null(d, "%s: %s", dir, strerror(errno));
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
	closedir(d);
	return n;
}

Test(compile, workspace_remove_takes_everything_a_compiler_left)
{
	const char *src = write_file("a.c", "\n");
	struct workspace ws;
	struct jerr err;
	char sub[PATH_MAX + 32], copy[PATH_MAX];

	cr_assert_eq(workspace_create(src, &ws, &err), 0, "%s", err.msg);
	snprintf(copy, sizeof(copy), "%s", ws.dir);
	snprintf(sub, sizeof(sub), "%s/cache", ws.dir);
	cr_assert_eq(mkdir(sub, 0755), 0);
	snprintf(sub, sizeof(sub), "%s/cache/deep", ws.dir);
	cr_assert_eq(mkdir(sub, 0755), 0);
	snprintf(sub, sizeof(sub), "%s/cache/deep/obj.o", ws.dir);
	cr_assert_eq(symlink("/etc/passwd", sub), 0);
	snprintf(sub, sizeof(sub), "%s/cache", ws.dir);
	/* a read-only directory, as go's module cache makes */
	cr_assert_eq(chmod(sub, 0555), 0);
	workspace_remove(&ws);
	/* a slot of the pool stays, empty, for the next workspace (dirpool.h) */
	cr_expect(access(copy, F_OK) != 0 || entries_in(copy) == 0, "%s is still there, not empty",
		  copy);
	cr_expect(access("/etc/passwd", F_OK) == 0, "a link inside must not take its target");
}

Test(compile, workspace_vars_and_run_argv_name_the_workspace)
{
	const char *src = write_file("main.cmptest", "\n");
	static const char *const argv[] = { "/bin/true" };
	struct policy lang;
	struct workspace ws;
	struct template_vars v;
	struct jerr err;
	char **run;

	test_lang(&lang, argv, 1);
	cr_assert_eq(workspace_create(src, &ws, &err), 0, "%s", err.msg);
	workspace_vars(&ws, 256, &v);
	cr_expect_str_eq(v.dir, ws.dir);
	cr_expect_str_eq(v.exe, ws.exe);
	cr_expect_str_eq(v.source, ws.source);
	cr_expect_eq(v.memory_mb, 256);
	run = compile_run_argv(&lang, &ws, 64);
	cr_assert(run);
	cr_expect_str_eq(run[0], ws.exe);
	cr_expect_str_eq(run[1], ws.dir);
	cr_expect_str_eq(run[2], "main");
	cr_expect_str_eq(run[3], "64");
	cr_expect_null(run[4]);
	compile_argv_free(run);
	workspace_remove(&ws);
	policy_free(&lang);
}

/*** Languages by extension ***/

Test(compile, policy_for_follows_the_extension)
{
	const char *pd = harness_policies_dir();

	cr_expect_str_eq(compile_policy_for("a.c", pd), "c");
	cr_expect_str_eq(compile_policy_for("/x/y/sol.cpp", pd), "cpp");
	cr_expect_str_eq(compile_policy_for("dir.d/a.cc", pd), "cpp");
	cr_expect_str_eq(compile_policy_for("a.py", pd), "python3", "pypy3 is chosen by name");
	cr_expect_str_eq(compile_policy_for("Main.java", pd), "java");
	cr_expect_str_eq(compile_policy_for("a.rs", pd), "rust");
	cr_expect_str_eq(compile_policy_for("a.go", pd), "go");
	cr_expect_str_eq(compile_policy_for("a.pas", pd), "pascal");
	cr_expect_str_eq(compile_policy_for("a.js", pd), "javascript");
	/* never a compile policy, which extends the language and sorts before it */
	cr_expect_str_eq(compile_policy_for("a.lisp", pd), "lisp");
	cr_expect_str_eq(compile_policy_for("a.cs", pd), "csharp");
	cr_expect_str_eq(compile_policy_for("a.pro", pd), "prolog");
	cr_expect_str_eq(compile_policy_for("a.plg", pd), "prolog");	/* DOMjudge's */
	cr_expect_str_eq(compile_policy_for("a.rb", pd), "ruby");
	cr_expect_str_eq(compile_policy_for("a.php", pd), "php");
	cr_expect_str_eq(compile_policy_for("a.R", pd), "r");
	cr_expect_str_eq(compile_policy_for("a.ex", pd), "elixir");
	/* elixir extends erlang without claiming its .erl */
	cr_expect_str_eq(compile_policy_for("a.erl", pd), "erlang");
	cr_expect_str_eq(compile_policy_for("a.kt", pd), "kotlin");
	cr_expect_null(compile_policy_for("Makefile", pd));
	cr_expect_null(compile_policy_for(".py", pd), "a hidden file has no extension");
	cr_expect_null(compile_policy_for("a.", pd));
	cr_expect_null(compile_policy_for("a.PY", pd), "extensions are case-sensitive");
	cr_expect_null(compile_policy_for("a.json", pd), "a policy is not a language");
	cr_expect_null(compile_policy_for("a.c", "/nonexistent"));
}

/*** Compiling ***/

Test(compile, c_source_compiles_to_a_program, .timeout = 60)
{
	const char *src = write_file("ok.c", "#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n");
	struct policy lang;
	struct workspace ws;
	struct compile_result cr;

	harness_load("c", &lang);
	compile(&lang, src, &ws, &cr);
	cr_expect_eq(cr.verdict, V_OK, "%s: %s", verdict_name(cr.verdict), cr.message);
	cr_expect_eq(access(ws.exe, X_OK), 0, "no executable %s", ws.exe);
	cr_expect_gt(cr.memory_kib, 0);
	cr_expect_geq(cr.wall_ms, 0);
	compile_result_free(&cr);
	workspace_remove(&ws);
	policy_free(&lang);
}

Test(compile, c_syntax_error_is_ce_with_the_compilers_words, .timeout = 60)
{
	const char *src = write_file("bad.c", "int main(void) { return x; }\n");
	struct policy lang;
	struct workspace ws;
	struct compile_result cr;

	harness_load("c", &lang);
	compile(&lang, src, &ws, &cr);
	cr_expect_eq(cr.verdict, V_CE, "%s", verdict_name(cr.verdict));
	cr_expect(strstr(cr.message, "bad.c:1:"), "the file as the student named it: %s", cr.message);
	cr_expect(strstr(cr.message, "error"), "%s", cr.message);
	cr_expect_null(strstr(cr.message, ws.dir), "the work directory leaked: %s", cr.message);
	compile_result_free(&cr);
	workspace_remove(&ws);
	policy_free(&lang);
}

/* cc1 reads an endless "header" until the 2 GiB limit stops it: CE, not a hang. */
Test(compile, include_of_dev_urandom_is_ce, .timeout = 120)
{
	const char *src = write_file("bomb.c", "#include </dev/urandom>\nint main(void) { return 0; }\n");
	struct policy lang;
	struct workspace ws;
	struct compile_result cr;

	harness_load("c", &lang);
	compile(&lang, src, &ws, &cr);
	cr_expect_eq(cr.verdict, V_CE, "%s: %s", verdict_name(cr.verdict), cr.message);
	cr_expect(strstr(cr.message, "memory"), "%s", cr.message);
	cr_expect_leq(cr.cpu_ms, 31000);
	compile_result_free(&cr);
	workspace_remove(&ws);
	policy_free(&lang);
}

/* The compile policy is the setter's configuration: what it forbids the compiler is IE, not CE. */
Test(compile, forbidden_syscall_in_the_compiler_is_ie_naming_it, .timeout = 60)
{
	const char *argv[] = { harness_helper("socket") };
	const char *src = write_file("a.cmptest", "\n");
	struct policy lang;
	struct workspace ws;
	struct compile_result cr;

	test_lang(&lang, argv, 1);
	compile(&lang, src, &ws, &cr);
	cr_expect_eq(cr.verdict, V_IE, "%s", verdict_name(cr.verdict));
	cr_expect(strstr(cr.message, "forbids syscall socket (x86_64 #41)"), "%s", cr.message);
	compile_result_free(&cr);
	workspace_remove(&ws);
	policy_free(&lang);
}

Test(compile, compiler_failure_status_is_ce, .timeout = 60)
{
	const char *argv[] = { harness_helper("exit3") };
	const char *src = write_file("a.cmptest", "\n");
	struct policy lang;
	struct workspace ws;
	struct compile_result cr;

	test_lang(&lang, argv, 1);
	compile(&lang, src, &ws, &cr);
	cr_expect_eq(cr.verdict, V_CE, "%s", verdict_name(cr.verdict));
	cr_expect(strstr(cr.message, "status 3"), "%s", cr.message);
	compile_result_free(&cr);
	workspace_remove(&ws);
	policy_free(&lang);
}

Test(compile, flooding_compiler_is_ce_with_its_output_cut, .timeout = 60)
{
	const char *argv[] = { harness_helper("flood") };
	const char *src = write_file("a.cmptest", "\n");
	struct policy lang;
	struct workspace ws;
	struct compile_result cr;

	test_lang(&lang, argv, 1);
	compile(&lang, src, &ws, &cr);
	cr_expect_eq(cr.verdict, V_CE, "%s", verdict_name(cr.verdict));
	cr_expect_leq(strlen(cr.message), (64 << 10) + 512);
	cr_expect(strstr(cr.message, "cut at 64 KiB"), "no note of the cut");
	cr_expect(strstr(cr.message, "64 MiB"), "no reason given");
	compile_result_free(&cr);
	workspace_remove(&ws);
	policy_free(&lang);
}

Test(compile, success_without_the_program_is_ce, .timeout = 60)
{
	/* hello ignores its arguments, so {exe} is named and never written */
	const char *argv[] = { harness_helper("hello"), "-o", "{exe}" };
	const char *src = write_file("a.cmptest", "\n");
	struct policy lang;
	struct workspace ws;
	struct compile_result cr;

	test_lang(&lang, argv, 3);
	compile(&lang, src, &ws, &cr);
	cr_expect_eq(cr.verdict, V_CE, "%s", verdict_name(cr.verdict));
	cr_expect(strstr(cr.message, "hello\n"), "the compiler's output comes first: %s", cr.message);
	cr_expect(strstr(cr.message, "wrote no program"), "%s", cr.message);
	compile_result_free(&cr);
	workspace_remove(&ws);
	policy_free(&lang);
}

Test(compile, nothing_to_compile_is_ok)
{
	const char *src = write_file("a.cmptest", "\n");
	struct policy lang;
	struct workspace ws;
	struct compile_result cr;

	test_lang(&lang, NULL, 0);
	compile(&lang, src, &ws, &cr);
	cr_expect_eq(cr.verdict, V_OK);
	cr_expect_str_eq(cr.message, "");
	compile_result_free(&cr);
	workspace_remove(&ws);
	policy_free(&lang);
}

Test(compile, missing_compiler_is_the_judges_fault)
{
	static const char *const argv[] = { "/nonexistent/cc" };
	const char *src = write_file("a.cmptest", "\n");
	struct policy lang;
	struct workspace ws;
	struct compile_result cr;

	test_lang(&lang, argv, 1);
	compile(&lang, src, &ws, &cr);
	cr_expect_eq(cr.verdict, V_IE, "%s", verdict_name(cr.verdict));
	cr_expect(strstr(cr.message, "/nonexistent/cc"), "%s", cr.message);
	compile_result_free(&cr);
	workspace_remove(&ws);
	policy_free(&lang);
}

Test(compile, unloadable_compile_policy_is_bad_input)
{
	static const char *const argv[] = { "/bin/true" };
	const char *src = write_file("a.cmptest", "\n");
	struct policy lang;
	struct workspace ws;
	struct compile_result cr;
	struct jerr err;

	test_lang(&lang, argv, 1);
	free(lang.compile_policy);
	lang.compile_policy = xstrdup("/nonexistent/compile.json");
	cr_assert_eq(workspace_create(src, &ws, &err), 0, "%s", err.msg);
	cr_expect_eq(compile_in(&lang, &ws, getenv("JUDGE_POLICIES"), NULL, &cr, &err), -1);
	cr_expect_str_eq(err.file, "/nonexistent/compile.json");
	workspace_remove(&ws);
	policy_free(&lang);
}
