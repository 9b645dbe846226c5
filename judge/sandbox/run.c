#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "decide.h"
#include "elf.h"
#include "cgroup.h"
#include "filter.h"
#include "isolate.h"
#include "landlock.h"
#include "launch.h"
#include "rules.h"
#include "tracee.h"
#include "tracer.h"

#define MEM_SLACK (16LL << 20)	/* the loader, libc and the stack's guard live here */

/*
 * As root the judge adds the layers of isolate.c and a cgroup, unless
 * JUDGE_ROOT_LAYERS=0 (a host where namespaces are not available, say).
 */
bool run_root_layers(void)
{
	const char *e = getenv("JUDGE_ROOT_LAYERS");

	return geteuid() == 0 && !(e && strcmp(e, "0") == 0);
}

bool run_seccomp_available(void)
{
	return prctl(PR_GET_SECCOMP, 0, 0, 0, 0) >= 0;
}

/*
 * execvp's search, done here so that the child only has to execve.  `out`
 * gets the file's real path, `named` the path it was found under (the same
 * unless a symbolic link led there; empty when the name was relative).
 */
static int find_program(const char *name, char *out, size_t len, char *named, size_t nlen)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];

	if (strchr(name, '/')) {
		if (!realpath(name, out))
			snprintf(out, len, "%s", name);
		snprintf(named, nlen, "%s", name[0] == '/' ? name : "");
		return 0;
	}
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path; *p;) {
		const char *e = strchrnul(p, ':');
		int n = snprintf(buf, sizeof(buf), "%.*s/%s", (int)(e - p), p, name);

		if (n > 0 && (size_t)n < sizeof(buf) && access(buf, X_OK) == 0) {
			if (!realpath(buf, out))
				snprintf(out, len, "%s", buf);
			snprintf(named, nlen, "%s", buf[0] == '/' ? buf : "");
			return 0;
		}
		p = *e ? e + 1 : e;
	}
	return -1;
}

static void expand_list(struct strlist *to, const struct strlist *from, const struct template_vars *v)
{
	for (size_t i = 0; i < from->n; i++) {
		char *s = template_expand(from->v[i], v);

		strlist_push(to, s);
		free(s);
	}
}

static void add_real(struct strlist *l, const char *path)
{
	char real[PATH_MAX];

	strlist_push(l, path);
	if (realpath(path, real) && strcmp(real, path) != 0)
		strlist_push(l, real);
}

static void free_paths(struct path_lists *pl)
{
	strlist_free(&pl->read);
	strlist_free(&pl->write);
	strlist_free(&pl->exec);
}

static struct landlock_rule *landlock_rules(const struct path_lists *pl, int *n)
{
	size_t total = pl->read.n + pl->write.n + pl->exec.n, k = 0;
	struct landlock_rule *r = xcalloc(total + 1, sizeof(*r));
	const struct { const struct strlist *l; enum landlock_access a; } sets[] = {
		{ &pl->read, LL_READ }, { &pl->write, LL_WRITE }, { &pl->exec, LL_EXEC },
	};

	for (unsigned s = 0; s < ARRAY_SIZE(sets); s++)
		for (size_t i = 0; i < sets[s].l->n; i++) {
			r[k].path = sets[s].l->v[i];
			r[k].access = sets[s].a;
			k++;
		}
	*n = (int)k;
	return r;
}

int run_program(const struct run_request *rq, struct run_result *rr, struct jerr *err)
{
	const struct policy *pol = rq->pol;
	char exe[PATH_MAX], named[PATH_MAX], cwd[PATH_MAX], real_interp[PATH_MAX];
	struct template_vars vars = rq->vars;
	struct path_lists pl = { 0 };
	struct elf_info ei;
	struct filter flt = { 0 };
	struct landlock_spec ll = { 0 };
	struct landlock_rule *llr = NULL;
	struct strlist env = { 0 };
	struct tracee_table tt;
	struct decide_ctx dc;
	struct tracer_config tc = { 0 };
	struct launch_spec ls = { 0 };
	struct launch l;
	struct isolate_spec iso = { .netns_fd = -1 };
	cpu_set_t saved_cpus;
	bool pinned;
	struct cgroup cg = { 0 };
	struct jerr lerr;
	FILE *log = NULL;
	int in_fd = -1;
	int64_t mem_bytes = rq->lim.memory_kib * 1024 + MEM_SLACK;

	memset(rr, 0, sizeof(*rr));
	rr->out.out_fd = rr->out.err_fd = -1;

	if (find_program(rq->argv[0], exe, sizeof(exe), named, sizeof(named)) < 0) {
		jerr_set(err, rq->argv[0], "", "program not found in PATH");
		return -1;
	}
	if (elf_inspect(exe, &ei, err) < 0)
		return -1;
	if (!rq->workdir && !getcwd(cwd, sizeof(cwd))) {
		jerr_set(err, "", "", "getcwd: %s", strerror(errno));
		return -1;
	}
	vars.dir = rq->workdir ? rq->workdir : cwd;
	vars.exe = exe;
	if (output_open(&rr->out, err) < 0)
		return -1;
	if (rq->pipes) {
		close(rr->out.out_fd);
		rr->out.out_fd = -1;
	}

	rr->layers.mode = rq->mode == RUN_SECCOMP ? "seccomp" : "ptrace";
	rr->layers.rlimits = true;

	/* An image bigger than the memory limit cannot even be loaded. */
	if (ei.kind == ELF_KIND_BINARY && (int64_t)ei.load_bytes > mem_bytes) {
		outcome_memory_exceeded(&rr->o, MLE_IMAGE);
		snprintf(rr->o.sys.detail, sizeof(rr->o.sys.detail), "the program image needs %llu KiB",
			 (unsigned long long)(ei.load_bytes / 1024));
		return 0;
	}

	expand_list(&pl.read, &pol->files_read, &vars);
	expand_list(&pl.write, &pol->files_write, &vars);
	expand_list(&pl.exec, &pol->files_exec, &vars);
	/* The program itself, and whatever the kernel runs first for it. */
	add_real(&pl.read, exe);
	add_real(&pl.exec, exe);
	/*
	 * The link the program was started through (/usr/bin/python3 ->
	 * python3.11): interpreters readlink their argv[0] to find their
	 * libraries.  Read only; the kernel execs the link's target.
	 */
	if (named[0] && strcmp(named, exe) != 0)
		strlist_push(&pl.read, named);
	if (ei.interp[0]) {
		add_real(&pl.read, ei.interp);
		add_real(&pl.exec, ei.interp);
		/* a script's interpreter has its own loader; an ELF's loader has none */
		if (ei.kind == ELF_KIND_SCRIPT && realpath(ei.interp, real_interp)) {
			struct elf_info ii;

			if (elf_inspect(real_interp, &ii, NULL) == 0 && ii.interp[0] &&
			    ii.kind == ELF_KIND_BINARY) {
				add_real(&pl.read, ii.interp);
				add_real(&pl.exec, ii.interp);
			}
		}
	}
	for (size_t i = 0; i < pol->env.n; i++) {
		char *s = template_expand(pol->env.v[i], &vars);

		strlist_push(&env, s);
		free(s);
	}
	/* execve wants a NULL-terminated array: push a slot, then empty it */
	strlist_push(&env, "");
	free(env.v[--env.n]);
	env.v[env.n] = NULL;

	in_fd = rq->pipes ? fcntl(rq->pipe_in, F_DUPFD_CLOEXEC, 3) :
		open(rq->stdin_path ? rq->stdin_path : "/dev/null", O_RDONLY | O_CLOEXEC);
	if (in_fd < 0) {
		jerr_set(err, rq->stdin_path, "", "cannot open: %s", strerror(errno));
		goto bad_input;
	}
	if (rq->trace_path && !(log = fopen(rq->trace_path, "we"))) {
		jerr_set(err, rq->trace_path, "", "cannot write: %s", strerror(errno));
		goto bad_input;
	}

	if (run_seccomp_available()) {
		if (filter_compile(pol, rq->mode == RUN_SECCOMP ? FILTER_SECCOMP : FILTER_TRACE_ALL,
				   &flt, err) < 0)
			goto bad_input;
		rr->layers.seccomp = true;
	} else {
		/* No seccomp here: the tracer stops on every syscall entry and exit. */
		tc.trace_syscalls = true;
		ls.trace_syscalls = true;
		rr->layers.mode = "ptrace-syscall";
	}
	ll.abi = landlock_probe();
	if (ll.abi > 0) {
		llr = landlock_rules(&pl, &ll.n_rules);
		ll.rules = llr;
		rr->layers.landlock = ll.abi;
	}

	ls.exe = exe;
	ls.exec_by_fd = ei.kind == ELF_KIND_BINARY;
	ls.argv = rq->argv;
	ls.envp = env.v;
	ls.workdir = vars.dir;
	ls.fd_in = in_fd;
	ls.fd_out = rq->pipes ? rq->pipe_out : rr->out.out_fd;
	ls.fd_err = rr->out.err_fd;
	ls.rl.cpu_s = (rq->lim.cpu_ms + 999) / 1000 + 1;
	ls.rl.mem_bytes = mem_bytes + pol->runtime_memory_kib * 1024;
	ls.rl.mem_data = pol->mem_rlimit == MEM_RLIMIT_DATA;
	/*
	 * glibc gives each new thread a stack of RLIMIT_STACK bytes.  A stack
	 * limit as large as the memory limit can never be mapped a second time
	 * under RLIMIT_AS, so a program starting a thread its policy forbids
	 * would get MLE for a refused mmap instead of RF for its clone.
	 * Unlimited, the main stack is still bounded by RLIMIT_AS and threads
	 * get glibc's default size; RLIMIT_DATA does not count the stack.
	 */
	/*
	 * Threaded runtimes size every helper thread's stack by RLIMIT_STACK
	 * (glibc, libuv), and under RLIMIT_DATA each counts in full: 8 MiB,
	 * the usual default, keeps a dozen helper threads from eating the limit.
	 */
	if (pol->threads > 1 && mem_bytes > (8LL << 20))
		ls.rl.stack_bytes = 8LL << 20;
	else if (!ls.rl.mem_data)
		ls.rl.stack_bytes = (int64_t)RLIM_INFINITY;
	else
		ls.rl.stack_bytes = mem_bytes;
	/*
	 * One byte over the limit: a program that writes past it leaves limit + 1
	 * bytes even when it blocks SIGXFSZ and only sees EFBIG, so the size alone
	 * proves OLE.
	 */
	ls.rl.fsize_bytes = rq->lim.output_bytes + 1;
	ls.rl.nofile = 256;
	ls.filter = flt.insns ? &flt : NULL;
	ls.landlock = ll.abi > 0 ? &ll : NULL;
	if (run_root_layers()) {
		isolate_default_ids(&iso.uid, &iso.gid);
		iso.enabled = true;
		iso.writable = pl.write.n ? vars.dir : NULL;
		iso.netns_fd = isolate_netns_fd();
		ls.isolate = &iso;
		rr->layers.uid_drop = true;
		rr->layers.namespaces = true;
		if (cgroup_create(&cg, mem_bytes, pol->threads + 1) == 0) {
			ls.cgroup = &cg;
			rr->layers.cgroup = true;
		}
	}

	tracee_table_init(&tt);
	dc.pol = pol;
	dc.paths = &pl;
	dc.tt = &tt;
	tc.dc = &dc;
	tc.lim = rq->lim;
	tc.mem_data = ls.rl.mem_data;
	tc.mem_rlimit_kib = ls.rl.mem_bytes / 1024;
	tc.log = log;

	/*
	 * In ptrace mode a single-threaded program and its tracer take turns,
	 * never run at once: on one CPU a stop costs about 8 us, across two
	 * about 55 us (docs/bench.md).  Seccomp mode stops too rarely to gain,
	 * and there judges running side by side keep the scheduler's freedom.
	 * The child inherits the mask; the judge gets its own back after.
	 */
	pinned = rq->mode == RUN_PTRACE && pol->threads == 1 &&
		 sched_getaffinity(0, sizeof(saved_cpus), &saved_cpus) == 0;
	if (pinned) {
		cpu_set_t one;
		int cpu = sched_getcpu();

		CPU_ZERO(&one);
		CPU_SET(cpu < 0 ? 0 : cpu, &one);
		pinned = sched_setaffinity(0, sizeof(one), &one) == 0;
	}
	if (launch_start(&ls, &l, &lerr) < 0) {
		rr->o.ie = true;
		snprintf(rr->o.ie_msg, sizeof(rr->o.ie_msg), "launch: %s", lerr.msg);
	} else {
		tracer_run(&tc, &l, &rr->o, &rr->u);
		close(l.errfd);
	}
	if (pinned)
		sched_setaffinity(0, sizeof(saved_cpus), &saved_cpus);
	/* a runtime that says so when its heap is full (the JVM's ExitOnOutOfMemoryError) */
	if (pol->memory_exit_code && rr->o.exited && rr->o.exit_code == pol->memory_exit_code)
		outcome_memory_exceeded(&rr->o, MLE_RUNTIME);
	if (ls.cgroup) {
		/*
		 * Every task is dead by now; the group's own accounts are read
		 * before it goes.  Its peak counts page cache the program caused,
		 * so memory_kb stays the resident figure and the group only says
		 * whether the limit was hit.
		 */
		cgroup_kill(&cg);
		if (cgroup_memory_hit(&cg))
			outcome_memory_exceeded(&rr->o, MLE_CGROUP);
		cgroup_destroy(&cg);
	}
	rr->u.output_bytes = output_size(rr->out.out_fd) + output_size(rr->out.err_fd);
	if (rr->u.output_bytes > rq->lim.output_bytes)
		rr->o.output_exceeded = true;

	tracee_table_free(&tt);
	if (log)
		fclose(log);
	close(in_fd);
	free(llr);
	filter_free(&flt);
	free_paths(&pl);
	strlist_free(&env);
	return 0;

bad_input:
	if (in_fd >= 0)
		close(in_fd);
	if (log)
		fclose(log);
	free_paths(&pl);
	strlist_free(&env);
	output_close(&rr->out);
	return -1;
}
