#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "learn.h"
#include "learned.h"
#include "run.h"
#include "syscalls.h"

/*
 * judge policy learn: the learning policy (learn.c), the path collapsing and
 * the policy made of a run (learned.c), and the promise itself: a program
 * runs again under what was learned from it, and a program that needs more
 * is RF naming what it needs.
 */

Test(learn, collapse_to_trees)
{
	static const struct { const char *path, *want; } t[] = {
		{ "/usr/lib/python3.11/encodings/utf_8.py", "/usr/lib/python3.11/" },
		{ "/usr/lib/python3.11", "/usr/lib/python3.11" },	/* the directory itself */
		{ "/usr/share/zoneinfo/Europe/Paris", "/usr/share/zoneinfo/" },
		{ "/usr/local/lib/python3.11/dist-packages/x.py", "/usr/local/lib/python3.11/" },
		{ "/usr/bin/python3", "/usr/bin/python3" },	/* never all of /usr/bin */
		{ "/opt/tool/lib/x.so", "/opt/tool/lib/" },
		{ "/etc/ssl/certs/ca.pem", "/etc/ssl/certs/ca.pem" },	/* the machine's state: by name */
		{ "/proc/self/maps", "/proc/self/maps" },
		{ "/home/u/.config/x/y", "/home/u/.config/x/y" },
		{ "/tmp/judge-abc/prog", "{dir}/" },
		{ "/tmp/judge-abc", "{dir}/" },
		{ "/tmp/judge-abcd/prog", "/tmp/judge-abcd/prog" },	/* a sibling is not the work dir */
	};

	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		char *got = learned_collapse(t[i].path, "/tmp/judge-abc");

		cr_expect_str_eq(got, t[i].want, "%s", t[i].path);
		free(got);
	}
}

static struct sys_entry entry(const struct policy *p, const char *name)
{
	return policy_lookup(p, ABI_X86_64, syscalls_lookup(ABI_X86_64, name));
}

static bool listed(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return true;
	return false;
}

Test(learn, learning_policy_observes_but_keeps_isolation)
{
	struct policy p;

	harness_load("base", &p);
	learn_policy_make(&p);
	/* the rules stay, so the tracer sees every path and every clone */
	cr_expect_eq(entry(&p, "openat").action, SYS_RULE);
	cr_expect_eq(entry(&p, "openat").rule, RULE_PATH);
	cr_expect_eq(entry(&p, "unlink").rule, RULE_PATH);
	cr_expect_eq(entry(&p, "execve").rule, RULE_EXEC);
	cr_expect_eq(entry(&p, "clone").rule, RULE_CLONE);
	cr_expect_eq(entry(&p, "kill").rule, RULE_SELF);
	/* no network, nothing beyond the program */
	cr_expect_eq(entry(&p, "socket").action, SYS_ERRNO);
	cr_expect_eq(entry(&p, "socket").err, EACCES);
	cr_expect_eq(entry(&p, "ptrace").action, SYS_ERRNO);
	cr_expect_eq(entry(&p, "mount").action, SYS_ERRNO);
	cr_expect_eq(entry(&p, "clone3").err, ENOSYS);
	/* the rest runs */
	cr_expect_eq(entry(&p, "getdents64").action, SYS_ALLOW);
	cr_expect_eq(entry(&p, "wait4").action, SYS_ALLOW);
	/* an argument rule that ends in RF is lifted (and watched); one that ends in an errno stays */
	cr_expect_eq(entry(&p, "prlimit64").action, SYS_ALLOW);
	cr_expect_eq(entry(&p, "ioctl").rule, RULE_ARG);
	/* read anywhere, write only in the work directory */
	cr_expect(listed(&p.files_read, "/"));
	cr_expect(listed(&p.files_read, "/usr/"), "the view binds no root: each tree is named");
	cr_expect_not(listed(&p.files_read, "/tmp/"));
	cr_expect_eq(p.files_write.n, 1);
	cr_expect_str_eq(p.files_write.v[0], "{dir}/");
	policy_free(&p);
}

/*** whole runs ***/

struct learned {
	char dir[64];		/* the work directory of the runs */
	char file[96];		/* the learned policy, as JSON */
	struct policy base, learning;
};

static void run_in(const struct policy *pol, const char *dir, enum run_mode mode,
		   struct learn *l, char *const *argv, struct harness_run *h)
{
	struct run_request rq = { 0 };
	struct jerr err;
	char buf[1024];

	memset(h, 0, sizeof(*h));
	h->lim = harness_limits();
	rq.pol = pol;
	rq.lim = h->lim;
	rq.mode = mode;
	rq.argv = argv;
	rq.workdir = dir;
	rq.learn = l;
	rq.vars.memory_mb = h->lim.memory_kib / 1024;
	if (run_program(&rq, &h->rr, &err) < 0) {
		jerr_format(&err, buf, sizeof(buf));
		cr_assert_fail("run_program(%s): %s", argv[0], buf);
	}
	verdict_decide(&h->rr.o, &h->rr.u, &h->lim, CHECK_NONE, NULL, &h->res);
}

/* Learns from `helper` and writes the policy to lr->file. */
static void learn_from(struct learned *lr, const char *helper)
{
	char *argv[] = { (char *)harness_helper(helper), NULL };
	struct learned_input in = { 0 };
	struct strlist own = { 0 };
	struct harness_run h;
	struct learn *l = xcalloc(1, sizeof(*l));
	json_t *j;
	char *text;
	FILE *f;

	strcpy(lr->dir, "/tmp/judge-learn-test-XXXXXX");
	cr_assert_not_null(mkdtemp(lr->dir), "mkdtemp: %s", strerror(errno));
	snprintf(lr->file, sizeof(lr->file), "%s.json", lr->dir);
	harness_load("base", &lr->base);
	harness_load("base", &lr->learning);
	learn_policy_make(&lr->learning);
	learn_init(l, &lr->base, &lr->learning);
	run_in(&lr->learning, lr->dir, RUN_PTRACE, l, argv, &h);
	cr_assert_eq(h.res.verdict, V_OK, "%s while learning: %s", helper, h.res.message);
	output_close(&h.rr.out);
	strlist_push(&own, argv[0]);
	in.l = l;
	in.description = helper;
	in.workdir = lr->dir;
	in.own = &own;
	j = learned_policy(&in);
	text = learned_format(j);
	f = fopen(lr->file, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
	free(text);
	json_decref(j);
	strlist_free(&own);
	learn_free(l);
	free(l);
}

static void learned_done(struct learned *lr)
{
	unlink(lr->file);
	rmdir(lr->dir);
	policy_free(&lr->base);
	policy_free(&lr->learning);
}

static void run_under(struct learned *lr, const char *helper, enum run_mode mode,
		      struct harness_run *h)
{
	char *argv[] = { (char *)harness_helper(helper), NULL };
	struct policy p;

	harness_load(lr->file, &p);
	run_in(&p, lr->dir, mode, NULL, argv, h);
	output_close(&h->rr.out);
	policy_free(&p);
}

Test(learn, refused_socket_is_learned_as_refused, .timeout = 120)
{
	struct learned lr;
	struct harness_run h;
	json_error_t je;
	json_t *j;

	learn_from(&lr, "socket");
	j = json_load_file(lr.file, 0, &je);
	cr_assert_not_null(j, "%s: %s", lr.file, je.text);
	cr_expect_str_eq(json_string_value(json_object_get(json_object_get(j, "errno"), "socket")),
			 "EACCES");
	cr_expect_str_eq(json_string_value(json_object_get(j, "extends")), "base");
	cr_expect_not_null(json_object_get(json_object_get(j, "comments"), "socket"),
			   "every entry says why it is there");
	json_decref(j);
	/* the same program, under what was learned: it goes on as it did, in both modes */
	run_under(&lr, "socket", RUN_SECCOMP, &h);
	cr_expect_eq(h.res.verdict, V_OK, "seccomp: %s", h.res.message);
	run_under(&lr, "socket", RUN_PTRACE, &h);
	cr_expect_eq(h.res.verdict, V_OK, "ptrace: %s", h.res.message);
	learned_done(&lr);
}

Test(learn, a_program_needing_more_is_rf_naming_it, .timeout = 120)
{
	struct learned lr;
	struct harness_run h;

	learn_from(&lr, "hello");
	run_under(&lr, "hello", RUN_SECCOMP, &h);
	cr_expect_eq(h.res.verdict, V_OK, "hello under its own policy: %s", h.res.message);
	run_under(&lr, "socket", RUN_SECCOMP, &h);
	cr_expect_eq(h.res.verdict, V_RF, "socket under hello's policy: %s", h.res.message);
	cr_expect_str_eq(h.rr.o.sys.name, "socket");
	run_under(&lr, "forker", RUN_SECCOMP, &h);
	cr_expect_eq(h.res.verdict, V_RF, "fork under hello's policy: %s", h.res.message);
	learned_done(&lr);
}
