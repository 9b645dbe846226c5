#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <string.h>

#include "jsonpos.h"
#include "policy.h"
#include "rules.h"
#include "syscalls.h"

/*
 * Fixtures live in tests/data/policies/: good/ merges, cycle/ loops, bad/ one
 * file per error class.  Each error test pins file, key, line and column, so
 * a message that points one column off shows here, not in a user's editor.
 */

static struct policy pol;	/* ~24 KiB: too big to want on the stack */
static struct jerr err;

static const char *data(const char *rel)
{
	/* a ring, so that a few results can be arguments of one call */
	static char path[8][1024];
	static unsigned which;
	const char *base = getenv("JUDGE_TESTDATA");

	which = (which + 1) % 8;
	snprintf(path[which], sizeof(path[which]), "%s/policies/%s",
		 base ? base : "judge/tests/data", rel);
	return path[which];
}

static const char *shipped(void)
{
	const char *dir = getenv("JUDGE_POLICIES");

	return dir ? dir : "policies";
}

static void load_ok(const char *name_or_path, const char *dir)
{
	char buf[1024];

	memset(&err, 0xa5, sizeof(err));
	if (policy_load(name_or_path, dir, &pol, &err) < 0) {
		jerr_format(&err, buf, sizeof(buf));
		cr_assert_fail("%s: %s", name_or_path, buf);
	}
}

/* Loads bad/<name> and checks every part of the error. */
static void expect_error(const char *rel, const char *file, const char *key, int line, int col,
			 const char *msg)
{
	char buf[1024];

	memset(&pol, 0x5a, sizeof(pol));
	cr_assert_eq(policy_load(data(rel), data("bad"), &pol, &err), -1, "%s loaded", rel);
	jerr_format(&err, buf, sizeof(buf));
	cr_expect_str_eq(err.file, file, "%s", buf);
	cr_expect_str_eq(err.key, key, "%s", buf);
	cr_expect_eq(err.line, line, "line: %s", buf);
	cr_expect_eq(err.col, col, "col: %s", buf);
	cr_expect_str_eq(err.msg, msg, "%s", buf);
	/* a failed load leaves nothing to free */
	cr_expect_null(pol.name);
	cr_expect_null(pol.run.v);
	cr_expect_null(pol.arg_rules);
	policy_free(&pol);
}

static void expect_bad(const char *rel, const char *key, int line, int col, const char *msg)
{
	expect_error(rel, data(rel), key, line, col, msg);
}

static long nr64(const char *name)
{
	long nr = syscalls_lookup(ABI_X86_64, name);

	cr_assert_geq(nr, 0, "%s", name);
	return nr;
}

static struct sys_entry entry(const char *name)
{
	return policy_lookup(&pol, ABI_X86_64, nr64(name));
}

static void expect_list(const struct strlist *l, const char *const *want, size_t n)
{
	cr_assert_eq(l->n, n);
	for (size_t i = 0; i < n; i++)
		cr_expect_str_eq(l->v[i], want[i], "[%zu]", i);
	cr_expect_null(l->v[n], "argv-style NULL at the end");
}

/*** Shipped policies ***/

Test(policy, shipped_base)
{
	struct sys_entry e;

	load_ok("base", shipped());
	cr_expect_str_eq(pol.name, "base");
	cr_expect(pol.abis[ABI_X86_64]);
	cr_expect_not(pol.abis[ABI_I386]);
	cr_expect_not(pol.abis[ABI_X32]);
	cr_expect_eq(entry("read").action, SYS_ALLOW);
	cr_expect_eq(entry("exit_group").action, SYS_ALLOW);
	e = entry("openat");
	cr_expect_eq(e.action, SYS_RULE);
	cr_expect_eq(e.rule, RULE_PATH);
	/* FIONREAD, FIONBIO, FIONCLEX, FIOCLEX run; every other request fails ENOTTY */
	e = entry("ioctl");
	cr_assert_eq(e.action, SYS_RULE);
	cr_assert_eq(e.rule, RULE_ARG);
	cr_assert_lt((size_t)e.arg_rule, pol.n_arg_rules);
	cr_expect_eq(pol.arg_rules[e.arg_rule].arg, 1);
	cr_expect_eq(pol.arg_rules[e.arg_rule].n_values, 4);
	cr_expect_eq(pol.arg_rules[e.arg_rule].values[0], FIONREAD);
	cr_expect_eq(pol.arg_rules[e.arg_rule].else_err, ENOTTY);
	e = entry("prlimit64");
	cr_assert_eq(e.action, SYS_RULE);
	cr_assert_eq(e.rule, RULE_ARG);
	cr_assert_lt((size_t)e.arg_rule, pol.n_arg_rules);
	cr_expect_eq(pol.arg_rules[e.arg_rule].arg, 2);
	cr_expect_eq(pol.arg_rules[e.arg_rule].n_values, 1);
	cr_expect_eq(pol.arg_rules[e.arg_rule].values[0], 0);
	cr_expect_not(pol.arg_rules[e.arg_rule].has_mask);
	cr_expect_eq(entry("execve").rule, RULE_EXEC);
	cr_expect_eq(entry("tgkill").rule, RULE_SELF);
	cr_expect_eq(entry("socket").action, SYS_KILL);
	cr_expect_eq(entry("ptrace").action, SYS_KILL);
	cr_expect_eq(entry("clone").action, SYS_KILL);
	cr_expect(pol.default_action.kill);
	cr_expect_not(pol.files_deny.kill);
	cr_expect_eq(pol.files_deny.err, EACCES);
	cr_expect_eq(pol.processes, 1);
	cr_expect_eq(pol.threads, 1);
	cr_expect_eq(pol.run.n, 0);
	for (size_t i = 0; i < pol.files_read.n; i++)
		cr_expect_neq(strncmp(pol.files_read.v[i], "/proc", 5), 0, "%s", pol.files_read.v[i]);
	policy_free(&pol);
}

Test(policy, shipped_c_and_cpp)
{
	static const char *const run[] = { "{exe}" };

	load_ok("c", shipped());
	cr_expect_str_eq(pol.name, "c");
	cr_expect_eq(pol.extensions.n, 1);
	cr_expect_str_eq(pol.extensions.v[0], "c");
	cr_expect_str_eq(pol.compile.v[0], "gcc");
	cr_expect_str_eq(pol.compile.v[pol.compile.n - 1], "-lm");
	expect_list(&pol.run, run, 1);
	cr_expect_str_eq(pol.compile_policy, "compile");
	cr_expect_eq(entry("read").action, SYS_ALLOW);
	cr_expect_eq(entry("openat").rule, RULE_PATH);
	cr_expect_eq(entry("socket").action, SYS_KILL);
	cr_assert_eq(pol.files_exec.n, 1);
	cr_expect_str_eq(pol.files_exec.v[0], "{exe}");
	policy_free(&pol);

	load_ok("cpp", shipped());
	cr_expect_str_eq(pol.extensions.v[0], "cpp");
	cr_expect_str_eq(pol.compile.v[0], "g++");
	expect_list(&pol.run, run, 1);
	cr_expect_eq(pol.arg_rules[entry("ioctl").arg_rule].else_err, ENOTTY);
	policy_free(&pol);
}

Test(policy, shipped_compile)
{
	load_ok("compile", shipped());
	cr_expect_eq(pol.processes, 16);
	cr_expect_eq(pol.threads, 16);
	cr_expect_eq(entry("execve").rule, RULE_EXEC);
	cr_expect_eq(entry("vfork").rule, RULE_CLONE);
	cr_expect_eq(entry("clone").rule, RULE_CLONE);
	cr_expect_eq(entry("clone3").err, ENOSYS);
	cr_expect_eq(entry("wait4").action, SYS_ALLOW);
	cr_expect_eq(entry("unlink").rule, RULE_PATH);
	cr_expect_eq(entry("socket").action, SYS_KILL);
	cr_assert_eq(pol.files_write.n, 1);
	cr_expect_str_eq(pol.files_write.v[0], "{dir}/");
	cr_expect_eq(pol.files_exec.n, 3);
	cr_expect_eq(pol.files_deny.err, ENOENT);
	/* the override left its own prlimit64 rule and base's ioctl, not base's prlimit64 */
	cr_expect_eq(pol.n_arg_rules, 2);
	cr_expect_eq(pol.arg_rules[entry("prlimit64").arg_rule].arg, 0);
	policy_free(&pol);
}

Test(policy, list_shipped)
{
	struct strlist names;
	size_t i;

	cr_assert_eq(policy_list(shipped(), &names), 0);
	cr_assert_geq(names.n, 4);
	for (i = 1; i < names.n; i++)
		cr_expect_lt(strcmp(names.v[i - 1], names.v[i]), 0, "sorted");
	for (i = 0; i < names.n; i++)
		cr_expect_null(strchr(names.v[i], '.'), "%s", names.v[i]);
	strlist_free(&names);
}

Test(policy, list_fixture_dir)
{
	static const char *const want[] = { "child", "grandchild", "minimal", "parent", "tmp",
						    "uses_base" };
	struct strlist names;

	cr_assert_eq(policy_list(data("good"), &names), 0);
	expect_list(&names, want, ARRAY_SIZE(want));
	strlist_free(&names);
	cr_expect_eq(policy_list(data("no_such_dir"), &names), -1);
	cr_expect_eq(names.n, 0);
}

/*** Merging ***/

Test(policy, extends_merges_and_overrides)
{
	/* the child's own extensions: a policy that extends another does not claim its files */
	static const char *const ext[] = { "b", "c" };
	static const char *const env[] = { "A=1", "B=20", "C=3" };
	static const char *const run[] = { "{exe}", "--parent" };
	static const char *const rd[] = { "/etc/a", "/usr/", "{dir}/" };
	static const char *const wr[] = { "{dir}/out" };
	const struct arg_rule *r;
	struct sys_entry e;

	load_ok("child", data("good"));
	cr_expect_str_eq(pol.name, "child");
	cr_expect_str_eq(pol.file, data("good/child.json"));
	cr_expect_str_eq(pol.description, "child");
	expect_list(&pol.extensions, ext, 2);
	expect_list(&pol.env, env, 3);
	expect_list(&pol.run, run, 2);
	expect_list(&pol.files_read, rd, 3);
	expect_list(&pol.files_write, wr, 1);
	cr_expect_eq(pol.files_exec.n, 0);
	/* scalars: from the parent unless the child says */
	cr_expect_eq(pol.processes, 2);
	cr_expect_eq(pol.threads, 4);
	cr_expect_eq(pol.mem_rlimit, MEM_RLIMIT_DATA);
	cr_expect_not(pol.files_deny.kill);
	cr_expect_eq(pol.files_deny.err, EPERM);
	/* syscalls: the child wins in every direction */
	cr_expect_eq(entry("read").action, SYS_ALLOW);
	cr_expect_eq(entry("getpid").action, SYS_KILL);
	cr_expect_eq(entry("ioctl").action, SYS_ALLOW);
	cr_expect_eq(entry("openat").rule, RULE_PATH);
	cr_expect_eq(entry("kill").rule, RULE_SELF);
	e = entry("prlimit64");
	cr_assert_eq(e.rule, RULE_ARG);
	cr_assert_eq(pol.n_arg_rules, 1);
	r = &pol.arg_rules[e.arg_rule];
	cr_expect_eq(r->arg, 0);
	cr_assert_eq(r->n_values, 2);
	cr_expect_eq(r->values[0], 0);
	cr_expect_eq(r->values[1], (uint64_t)-100);
	cr_expect(r->has_mask);
	cr_expect_eq(r->mask, 0xff);
	/* the parent's "default": "ENOSYS" reaches unlisted syscalls */
	e = entry("socket");
	cr_expect_eq(e.action, SYS_ERRNO);
	cr_expect_eq(e.err, ENOSYS);
	cr_expect_eq(policy_lookup(&pol, ABI_X86_64, 5000).err, ENOSYS);
	cr_expect_eq(policy_lookup(&pol, ABI_X86_64, -1).err, ENOSYS);
	/* ABIs the policy does not admit are killed whatever the entry */
	cr_expect_eq(policy_lookup(&pol, ABI_I386, 3).action, SYS_KILL);
	policy_free(&pol);
}

Test(policy, extends_by_relative_path_adds_abi)
{
	static const char *const run[] = { "/usr/bin/env", "{exe}" };
	long i386_read = syscalls_lookup(ABI_I386, "read");
	long socketcall = syscalls_lookup(ABI_I386, "socketcall");

	load_ok(data("good/grandchild.json"), NULL);
	cr_expect_str_eq(pol.name, "grandchild");
	cr_expect(pol.abis[ABI_I386]);
	cr_expect_not(pol.abis[ABI_X32]);
	/* names from the ancestors are resolved in the ABI the child added */
	cr_expect_eq(policy_lookup(&pol, ABI_I386, i386_read).action, SYS_ALLOW);
	cr_expect_eq(policy_lookup(&pol, ABI_I386, syscalls_lookup(ABI_I386, "getpid")).action,
		     SYS_KILL);
	/* a name only i386 has applies there only */
	cr_expect_eq(policy_lookup(&pol, ABI_I386, socketcall).action, SYS_ALLOW);
	cr_expect_eq(entry("socket").action, SYS_KILL);
	cr_expect(pol.default_action.kill);
	expect_list(&pol.run, run, 2);
	policy_free(&pol);
}

Test(policy, extends_falls_back_to_policies_dir)
{
	load_ok(data("good/uses_base.json"), shipped());
	cr_expect_eq(entry("read").action, SYS_ALLOW);
	cr_expect_eq(entry("openat").rule, RULE_PATH);
	cr_expect_eq(pol.files_read.n > 0, 1);
	policy_free(&pol);
}

Test(policy, empty_object_gives_defaults)
{
	load_ok(data("good/minimal.json"), NULL);
	cr_expect(pol.abis[ABI_X86_64]);
	cr_expect(pol.default_action.kill);
	cr_expect_eq(pol.files_deny.err, EACCES);
	cr_expect_eq(pol.processes, 1);
	cr_expect_eq(pol.threads, 1);
	cr_expect_eq(pol.mem_rlimit, MEM_RLIMIT_AS);
	cr_expect_null(pol.compile_policy);
	cr_expect_eq(entry("read").action, SYS_KILL);
	policy_free(&pol);
}

Test(policy, cycle_detected)
{
	expect_error("cycle/a.json", data("cycle/b.json"), "extends", 2, 14,
		     "cycle: a.json -> b.json -> a.json");
}

Test(policy, self_cycle_detected)
{
	expect_error("cycle/self.json", data("cycle/self.json"), "extends", 1, 13,
		     "cycle: self.json -> self.json");
}

/*** One test per error class ***/

Test(policy_error, json_syntax)
{
	/* jansson's own position: just after the ':' it did not expect */
	expect_bad("bad/syntax.json", "", 3, 9, "']' expected near ':'");
}

Test(policy_error, duplicate_key)
{
	expect_bad("bad/duplicate_key.json", "", 3, 9, "duplicate object key near '\"allow\"'");
}

Test(policy_error, unknown_top_level_key)
{
	expect_bad("bad/unknown_key.json", "alow", 3, 3, "unknown key (did you mean \"allow\"?)");
}

Test(policy_error, unknown_nested_key)
{
	expect_bad("bad/files_key.json", "files.raed", 2, 13, "unknown key (did you mean \"read\"?)");
	expect_bad("bad/rule_key.json", "rules.mmap.values", 2, 32, "unknown key");
}

Test(policy_error, unknown_syscall_with_suggestion)
{
	expect_bad("bad/unknown_syscall.json", "allow[2]", 3, 13,
		   "unknown syscall \"opne\" (did you mean \"open\"?)");
}

Test(policy_error, syscall_of_another_abi)
{
	expect_bad("bad/other_abi.json", "allow[1]", 1, 20,
		   "\"socketcall\" is not a syscall of x86_64 (it is one of i386; add that to \"abis\")");
}

Test(policy_error, columns_count_characters)
{
	expect_bad("bad/unicode.json", "allow[0]", 2, 46,
		   "unknown syscall \"r\xc3\xa9" "ad\" (did you mean \"read\"?)");
}

Test(policy_error, wrong_type)
{
	expect_bad("bad/wrong_type.json", "allow", 3, 12, "expected an array of strings");
	expect_bad("bad/comment_type.json", "comments.write", 2, 41, "expected a string");
}

Test(policy_error, listed_in_both)
{
	expect_bad("bad/allow_and_deny.json", "deny[1]", 4, 22,
		   "\"write\" is listed in both allow and deny");
	expect_bad("bad/twice.json", "allow[2]", 2, 30, "\"read\" is listed twice in allow");
}

Test(policy_error, bad_errno_name)
{
	expect_bad("bad/bad_errno.json", "errno.openat", 2, 41,
		   "unknown errno name \"EACESS\" (did you mean \"EACCES\"?)");
	expect_bad("bad/bad_default.json", "default", 2, 14,
		   "expected \"kill\" or an errno name such as \"EACCES\"");
}

Test(policy_error, rule_not_applicable)
{
	expect_bad("bad/rule_not_applicable.json", "rules.read", 4, 13,
		   "a \"path\" rule cannot apply to read");
}

Test(policy_error, bad_rules)
{
	expect_bad("bad/unknown_rule.json", "rules.openat", 1, 22,
		   "unknown rule \"paths\" (expected \"path\", \"exec\", \"clone\", \"self\" or "
		   "{\"arg\": N, ...})");
	expect_bad("bad/bad_rule.json", "rules.prlimit64.arg", 2, 34, "must be between 0 and 5");
	expect_bad("bad/bad_mask.json", "rules.mmap.mask", 2, 40,
		   "expected an integer or a hex string \"0x...\" of at most 16 digits");
	expect_bad("bad/bad_else.json", "rules.ioctl.else", 2, 56,
		   "unknown errno name \"ENOTYY\" (did you mean \"ENOTTY\"?)");
}

Test(policy_error, bad_abi)
{
	expect_bad("bad/bad_abi.json", "abis[1]", 2, 22,
		   "unknown ABI \"arm64\" (expected \"x86_64\", \"i386\" or \"x32\")");
}

Test(policy_error, missing_extends_target)
{
	char msg[1024];

	snprintf(msg, sizeof(msg), "cannot find policy \"no_such_policy\" (no file %s)",
		 data("bad/no_such_policy.json"));
	expect_bad("bad/missing_extends.json", "extends", 3, 14, msg);

	/* both places it looked, when they differ */
	snprintf(msg, sizeof(msg), "cannot find policy \"no_such_policy\" (looked for %s and "
		 "%s/no_such_policy.json)", data("bad/no_such_policy.json"), shipped());
	cr_assert_eq(policy_load(data("bad/missing_extends.json"), shipped(), &pol, &err), -1);
	cr_expect_str_eq(err.msg, msg);
	cr_expect_str_eq(err.key, "extends");
	cr_expect_eq(err.line, 3);
}

Test(policy_error, error_in_parent_names_the_parent)
{
	expect_error("bad/bad_parent.json", data("bad/processes_zero.json"), "processes", 3, 16,
		     "must be between 1 and 65536");
}

Test(policy_error, processes_below_one)
{
	expect_bad("bad/processes_zero.json", "processes", 3, 16, "must be between 1 and 65536");
}

Test(policy_error, bad_files_entry)
{
	expect_bad("bad/relative_file.json", "files.read[1]", 3, 27,
		   "expected an absolute path or one starting with {dir}/ or {tmp}/");
	expect_bad("bad/dir_prefix.json", "files.write[0]", 2, 23,
		   "expected an absolute path or one starting with {dir}/ or {tmp}/");
	expect_bad("bad/dotdot.json", "files.read[0]", 2, 22,
		   "a path with an empty, \".\" or \"..\" component cannot be matched as a prefix");
	/* "/" is a prefix of every path: it would open the whole host */
	expect_bad("bad/root_prefix.json", "files.read[1]", 2, 31,
		   "\"/\" would match every path; name the files or directories themselves");
}

Test(policy_error, unknown_placeholder)
{
	expect_bad("bad/placeholder.json", "run[1]", 2, 20,
		   "unknown placeholder {src} (known: {source} {sources} {exe} {dir} {stem} {memory_mb} "
		   "{tmp})");
}

/* {tmp} is made for each run, after its command line: env and files only */
Test(policy_error, tmp_only_in_env_and_files)
{
	expect_bad("bad/tmp_in_run.json", "run[1]", 2, 20,
		   "{tmp} can be named only in env and files: it is made for each run, after the "
		   "command line");
}

Test(policy, tmp_in_env_and_files)
{
	cr_assert_eq(policy_load(data("good/tmp.json"), shipped(), &pol, &err), 0, "%s", err.msg);
	cr_expect(policy_uses_tmp(&pol));
	cr_expect_str_eq(pol.files_write.v[0], "{tmp}/");
	policy_free(&pol);
	cr_assert_eq(policy_load("c", shipped(), &pol, &err), 0, "%s", err.msg);
	cr_expect_not(policy_uses_tmp(&pol));
}

Test(policy_error, missing_file)
{
	expect_bad("bad/no_such_file.json", "", 0, 0, strerror(ENOENT));
}

Test(policy_error, missing_policy_by_name)
{
	cr_assert_eq(policy_load("no_such_policy", data("bad"), &pol, &err), -1);
	cr_expect_str_eq(err.file, data("bad/no_such_policy.json"));
	cr_expect_str_eq(err.key, "");
	cr_expect_eq(err.line, 0);
	cr_expect_str_eq(err.msg, strerror(ENOENT));
}

Test(policy_error, directory)
{
	expect_bad("bad/", "", 0, 0, "is a directory, not a policy file");
}

Test(policy_error, empty_file)
{
	expect_bad("bad/empty.json", "", 0, 0, "empty file, expected a JSON object");
}

Test(policy_error, top_level_not_an_object)
{
	expect_bad("bad/not_object.json", "", 1, 3, "expected a JSON object at the top level");
}

Test(policy_error, null_err_is_allowed)
{
	cr_expect_eq(policy_load(data("bad/empty.json"), NULL, &pol, NULL), -1);
}

/*** Errno names ***/

Test(policy, errno_names)
{
	static const char *const names[] = {
		"EPERM", "ENOENT", "EACCES", "ENOSYS", "EINVAL", "ENOMEM", "EAGAIN", "EBADF",
		"ENOTSUP", "EOPNOTSUPP", "EROFS", "EXDEV", "ENOTTY", "ESRCH", "ENOTDIR",
		"EISDIR", "EEXIST", "EFAULT", "ENODEV", "EAFNOSUPPORT", "EPROTONOSUPPORT",
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		int e = policy_errno_from_name(names[i]);

		cr_expect_gt(e, 0, "%s", names[i]);
		cr_expect_eq(policy_errno_from_name(policy_errno_name(e)), e, "%s", names[i]);
	}
	cr_expect_eq(policy_errno_from_name("EACCES"), EACCES);
	cr_expect_str_eq(policy_errno_name(ENOTTY), "ENOTTY");
	cr_expect_str_eq(policy_errno_name(EOPNOTSUPP), "EOPNOTSUPP");
	cr_expect_eq(policy_errno_from_name("eacces"), -1);
	cr_expect_eq(policy_errno_from_name(""), -1);
	cr_expect_null(policy_errno_name(0));
	cr_expect_null(policy_errno_name(100000));
}

Test(policy, strlist)
{
	struct strlist l = { 0 };

	strlist_push(&l, "a");
	strlist_push(&l, "b");
	cr_assert_eq(l.n, 2);
	cr_expect_str_eq(l.v[1], "b");
	cr_expect_null(l.v[2]);
	strlist_free(&l);
	cr_expect_eq(l.n, 0);
	cr_expect_null(l.v);
	strlist_free(&l);
}

/*** jsonpos ***/

static const char pos_text[] =
	"{\n"
	"  \"a\": [1, {\"b\": \"x\"}, [true, null]],\n"
	"\t\"k.e\\\"y\": {\"\\u0063\": -1.5e3},\n"
	"  \"\xc3\xa9t\xc3\xa9\": \"\xe2\x82\xac\", \"z\": {}\n"
	"}\n";

static struct jsonpos at(const char *path, bool key, int expect_r)
{
	struct jsonpos p = { -1, -1 };
	int r = key ? jsonpos_key(pos_text, strlen(pos_text), path, &p)
		    : jsonpos_value(pos_text, strlen(pos_text), path, &p);

	cr_expect_eq(r, expect_r, "%s", path);
	return p;
}

#define expect_at(path, key, l, c)                                                  \
	do {                                                                        \
		struct jsonpos p_ = at(path, key, 0);                               \
		cr_expect(p_.line == (l) && p_.col == (c), "%s: %d:%d, want %d:%d", \
			  path, p_.line, p_.col, l, c);                             \
	} while (0)

Test(jsonpos, values_and_keys)
{
	expect_at("", false, 1, 1);
	expect_at("a", false, 2, 8);
	expect_at("a", true, 2, 3);
	expect_at("a[0]", false, 2, 9);
	expect_at("a[1]", false, 2, 12);
	expect_at("a[1].b", false, 2, 18);
	expect_at("a[1].b", true, 2, 13);
	expect_at("a[2][1]", false, 2, 31);
	expect_at("a[2]", true, 2, 24);	/* an index: the value itself */
}

Test(jsonpos, escaped_and_quoted_keys)
{
	/* a tab is one column, as in jansson */
	expect_at("[\"k.e\\\"y\"]", true, 3, 2);
	expect_at("[\"k.e\\\"y\"]", false, 3, 12);
	/* "\u0063" is "c" */
	expect_at("[\"k.e\\\"y\"].c", false, 3, 23);
}

Test(jsonpos, utf8_counts_characters)
{
	expect_at("\xc3\xa9t\xc3\xa9", true, 4, 3);
	expect_at("\xc3\xa9t\xc3\xa9", false, 4, 10);
	expect_at("z", false, 4, 20);
}

Test(jsonpos, missing_paths)
{
	at("nope", false, -1);
	at("a[3]", false, -1);
	at("a[0].b", false, -1);	/* 1 is not an object */
	at("z.q", false, -1);
	at("z[0]", false, -1);	/* {} is not an array */
	at("a[", false, -1);
	at("[\"unterminated", false, -1);
	at(".", false, -1);
}

Test(jsonpos, malformed_text_is_safe)
{
	static const char *const texts[] = {
		"", "{", "{\"a\"", "{\"a\":", "{\"a\": [1, 2", "{\"a\": \"\\", "[[[[[[", "\"",
		"{\"a\": \"\\u12\"}", "{\"a\" 1}", "}", "{\"b\": 1,",
	};
	struct jsonpos p;

	for (size_t i = 0; i < ARRAY_SIZE(texts); i++) {
		cr_expect_eq(jsonpos_value(texts[i], strlen(texts[i]), "a[2]", &p), -1, "%s", texts[i]);
		cr_expect_eq(jsonpos_value(texts[i], strlen(texts[i]), "b.c", &p), -1, "%s", texts[i]);
	}
	/* len is a hard bound even without a NUL */
	cr_expect_eq(jsonpos_value("{\"a\": 1}", 5, "a", &p), -1);
	cr_expect_eq(jsonpos_value(NULL, 0, "a", &p), -1);
}

Test(jsonpos, append)
{
	char buf[32] = "";

	jsonpos_append_key(buf, sizeof(buf), "rules");
	jsonpos_append_key(buf, sizeof(buf), "openat");
	cr_expect_str_eq(buf, "rules.openat");
	buf[0] = '\0';
	jsonpos_append_key(buf, sizeof(buf), "allow");
	jsonpos_append_index(buf, sizeof(buf), 3);
	cr_expect_str_eq(buf, "allow[3]");
	buf[0] = '\0';
	jsonpos_append_key(buf, sizeof(buf), "env");
	jsonpos_append_key(buf, sizeof(buf), "a.\"b");
	cr_expect_str_eq(buf, "env[\"a.\\\"b\"]");
	/* a segment that does not fit is left out whole */
	jsonpos_append_key(buf, sizeof(buf), "a_very_long_key_that_cannot_fit");
	cr_expect_str_eq(buf, "env[\"a.\\\"b\"]");
	jsonpos_append_index(buf, sizeof(buf), (size_t)-1);
	cr_expect_str_eq(buf, "env[\"a.\\\"b\"]");
	jsonpos_append_index(buf, sizeof(buf), 7);
	cr_expect_str_eq(buf, "env[\"a.\\\"b\"][7]");
}

Test(jsonpos, round_trip_with_loader_paths)
{
	static const char text[] = "{\"env\": {\"a.\\\"b\": \"1\", \"x\": [\"y\"]}}";
	char buf[64] = "";
	struct jsonpos p;

	jsonpos_append_key(buf, sizeof(buf), "env");
	jsonpos_append_key(buf, sizeof(buf), "a.\"b");
	cr_assert_eq(jsonpos_value(text, strlen(text), buf, &p), 0);
	cr_expect_eq(p.col, 19);
	cr_assert_eq(jsonpos_key(text, strlen(text), buf, &p), 0);
	cr_expect_eq(p.col, 10);
}
