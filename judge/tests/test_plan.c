#include <criterion/criterion.h>
#include <string.h>
#include <sys/resource.h>

#include "harness.h"
#include "plan.h"

/*
 * A plan is everything decided before a run starts; these tests make plans
 * for varied requests and hosts and launch nothing.
 */

static const struct run_host full_host = { .seccomp = true, .root_layers = false, .landlock_abi = 3 };

static void request(struct run_request *rq, const struct policy *pol, char **argv)
{
	memset(rq, 0, sizeof(*rq));
	rq->pol = pol;
	rq->lim = (struct limits){ .cpu_ms = 1500, .wall_ms = 5500, .memory_kib = 64 * 1024,
				   .output_bytes = 1000 };
	rq->mode = RUN_SECCOMP;
	rq->argv = argv;
	rq->workdir = "/tmp";
}

static void plan_ok(const struct run_request *rq, const struct run_host *host, struct run_plan *p)
{
	struct jerr err;
	char buf[1024];

	if (run_plan(rq, host, p, &err) < 0) {
		jerr_format(&err, buf, sizeof(buf));
		cr_assert_fail("run_plan: %s", buf);
	}
}

static bool has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

/* The kernel's limits follow the request: CPU rounded up plus a second, output plus a byte. */
Test(plan, rlimits_follow_the_limits)
{
	struct policy pol;
	char *argv[] = { (char *)harness_helper("hello"), NULL };
	struct run_request rq;
	struct run_plan p;

	harness_load("c", &pol);
	request(&rq, &pol, argv);
	plan_ok(&rq, &full_host, &p);
	cr_expect_eq(p.rl.cpu_s, 3);
	cr_expect_eq(p.rl.fsize_bytes, 1001);
	cr_expect_eq(p.mem_bytes, (64LL << 20) + (16LL << 20));
	cr_expect_eq(p.rl.mem_bytes, p.mem_bytes + pol.runtime_memory_kib * 1024);
	cr_expect_not(p.rl.mem_data);
	/* one thread under RLIMIT_AS: the stack is bounded by the address space alone */
	cr_expect_eq(p.rl.stack_bytes, (int64_t)RLIM_INFINITY);
	cr_expect_eq(p.rl.nofile, 256);
	cr_expect_not(p.image_too_big);
	run_plan_free(&p);
	policy_free(&pol);
}

/* A threaded runtime under RLIMIT_DATA gets 8 MiB stacks, not one as large as the limit. */
Test(plan, threaded_runtime_stack)
{
	struct policy pol;
	char *argv[] = { (char *)harness_helper("hello"), NULL };
	struct run_request rq;
	struct run_plan p;

	harness_load("go", &pol);
	cr_assert_gt(pol.threads, 1);
	request(&rq, &pol, argv);
	plan_ok(&rq, &full_host, &p);
	cr_expect(p.rl.mem_data);
	cr_expect_eq(p.rl.stack_bytes, 8LL << 20);
	run_plan_free(&p);
	policy_free(&pol);
}

/* The program, found by name in PATH, and its loader are readable and executable. */
Test(plan, program_and_loader_reachable)
{
	struct policy pol;
	char *argv[] = { (char *)"true", NULL };
	struct run_request rq;
	struct run_plan p;
	char real[PATH_MAX];

	harness_load("c", &pol);
	request(&rq, &pol, argv);
	plan_ok(&rq, &full_host, &p);
	cr_assert_not_null(realpath(p.exe, real));
	cr_expect_str_eq(p.exe, real);
	cr_expect(has(&p.paths.read, p.exe));
	cr_expect(has(&p.paths.exec, p.exe));
	cr_expect_eq(p.ei.kind, ELF_KIND_BINARY);
	if (p.ei.interp[0]) {
		cr_expect(has(&p.paths.read, p.ei.interp), "%s", p.ei.interp);
		cr_expect(has(&p.paths.exec, p.ei.interp), "%s", p.ei.interp);
	}
	cr_expect_str_eq(p.dir, "/tmp");
	cr_expect_eq(p.vars.dir, p.dir);
	cr_expect_eq(p.vars.exe, p.exe);
	/* execve's environment ends in NULL */
	cr_expect_null(p.env.v[p.env.n]);
	/* one Landlock rule per path, the lists in order */
	cr_expect_eq(p.ll.abi, 3);
	cr_expect_eq((size_t)p.ll.n_rules, p.paths.read.n + p.paths.write.n + p.paths.exec.n);
	cr_expect_str_eq(p.ll.rules[0].path, p.paths.read.v[0]);
	cr_expect_eq(p.ll.rules[0].access, LL_READ);
	run_plan_free(&p);
	policy_free(&pol);
}

/* What the host lacks changes the plan, and the layers it reports, not the request. */
Test(plan, host_decides_the_layers)
{
	struct policy pol;
	char *argv[] = { (char *)harness_helper("hello"), NULL };
	struct run_request rq;
	struct run_plan p;
	struct run_host bare = { 0 }, root = full_host;

	harness_load("c", &pol);
	request(&rq, &pol, argv);

	plan_ok(&rq, &full_host, &p);
	cr_expect_not_null(p.flt.insns);
	cr_expect_gt(p.flt.len, 0);
	cr_expect_not(p.trace_syscalls);
	cr_expect_str_eq(p.layers.mode, "seccomp");
	cr_expect(p.layers.seccomp);
	cr_expect(p.layers.rlimits);
	cr_expect_eq(p.layers.landlock, 3);
	cr_expect_not(p.root_layers);
	cr_expect_not(p.layers.uid_drop);
	cr_expect_not(p.pin_cpu);
	run_plan_free(&p);

	plan_ok(&rq, &bare, &p);
	cr_expect_null(p.flt.insns);
	cr_expect(p.trace_syscalls);
	cr_expect_str_eq(p.layers.mode, "ptrace-syscall");
	cr_expect_not(p.layers.seccomp);
	cr_expect_eq(p.layers.landlock, 0);
	cr_expect_eq(p.ll.n_rules, 0);
	run_plan_free(&p);

	root.root_layers = true;
	rq.mode = RUN_PTRACE;
	plan_ok(&rq, &root, &p);
	cr_expect(p.root_layers);
	cr_expect(p.layers.uid_drop);
	cr_expect(p.layers.namespaces);
	cr_expect_str_eq(p.layers.mode, "ptrace");
	/* ptrace mode, one thread: the program and its tracer share a CPU */
	cr_expect(p.pin_cpu);
	run_plan_free(&p);
	policy_free(&pol);
}

/* An image larger than the memory limit is MLE before anything else is planned. */
Test(plan, image_too_big)
{
	struct policy pol;
	char *argv[] = { (char *)harness_helper("big_bss"), NULL };
	struct run_request rq;
	struct run_plan p;

	harness_load("c", &pol);
	request(&rq, &pol, argv);
	plan_ok(&rq, &full_host, &p);
	cr_expect(p.image_too_big);
	cr_expect_gt(p.ei.load_bytes, 512ULL << 20);
	cr_expect_null(p.flt.insns);
	cr_expect_eq(p.paths.read.n, 0);
	run_plan_free(&p);

	rq.lim.memory_kib = 1024 * 1024;
	plan_ok(&rq, &full_host, &p);
	cr_expect_not(p.image_too_big);
	run_plan_free(&p);
	policy_free(&pol);
}

Test(plan, program_not_found)
{
	struct policy pol;
	char *argv[] = { (char *)"no-such-program-anywhere", NULL };
	struct run_request rq;
	struct run_plan p;
	struct jerr err;
	char buf[1024];

	harness_load("c", &pol);
	request(&rq, &pol, argv);
	cr_assert_eq(run_plan(&rq, &full_host, &p, &err), -1);
	jerr_format(&err, buf, sizeof(buf));
	cr_expect(strstr(buf, "no-such-program-anywhere") && strstr(buf, "not found"), "%s", buf);
	run_plan_free(&p);
	policy_free(&pol);
}
