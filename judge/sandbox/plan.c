#include "plan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "syscalls.h"

#define MEM_SLACK (16LL << 20)	/* the loader, libc and the stack's guard live here */

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

/* `path` and, when it differs, its real path, on both lists (each path is resolved once). */
static void add_real2(struct strlist *a, struct strlist *b, const char *path)
{
	char real[PATH_MAX];
	bool other = realpath(path, real) && strcmp(real, path) != 0;

	strlist_push(a, path);
	strlist_push(b, path);
	if (other) {
		strlist_push(a, real);
		strlist_push(b, real);
	}
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

/* The files the program may reach: the policy's lists, the program and what the kernel runs for it. */
static void plan_paths(const struct run_request *rq, struct run_plan *p)
{
	const struct policy *pol = rq->pol;
	struct path_lists *pl = &p->paths;
	char real_interp[PATH_MAX];

	expand_list(&pl->read, &pol->files_read, &p->vars);
	expand_list(&pl->write, &pol->files_write, &p->vars);
	expand_list(&pl->exec, &pol->files_exec, &p->vars);
	if (rq->io_read)
		strlist_push(&pl->read, rq->io_read);
	if (rq->io_write)
		strlist_push(&pl->write, rq->io_write);
	/* The program itself (p->exe is its real path already), and whatever the kernel runs first for it. */
	strlist_push(&pl->read, p->exe);
	strlist_push(&pl->exec, p->exe);
	/*
	 * The link the program was started through (/usr/bin/python3 ->
	 * python3.11): interpreters readlink their argv[0] to find their
	 * libraries.  Read only; the kernel execs the link's target.
	 */
	if (p->named[0] && strcmp(p->named, p->exe) != 0)
		strlist_push(&pl->read, p->named);
	if (p->ei.interp[0]) {
		add_real2(&pl->read, &pl->exec, p->ei.interp);
		/* a script's interpreter has its own loader; an ELF's loader has none */
		if (p->ei.kind == ELF_KIND_SCRIPT && realpath(p->ei.interp, real_interp)) {
			struct elf_info ii;

			if (elf_inspect(real_interp, &ii, NULL) == 0 && ii.interp[0] &&
			    ii.kind == ELF_KIND_BINARY)
				add_real2(&pl->read, &pl->exec, ii.interp);
		}
	}
}

static void plan_env(const struct policy *pol, struct run_plan *p)
{
	for (size_t i = 0; i < pol->env.n; i++) {
		char *s = template_expand(pol->env.v[i], &p->vars);

		strlist_push(&p->env, s);
		free(s);
	}
	/* execve wants a NULL-terminated array: push a slot, then empty it */
	strlist_push(&p->env, "");
	free(p->env.v[--p->env.n]);
	p->env.v[p->env.n] = NULL;
}

/* The kernel's own limits, a backstop to the tracer's. */
static void plan_rlimits(const struct run_request *rq, struct run_plan *p)
{
	const struct policy *pol = rq->pol;
	struct rlimit_plan *rl = &p->rl;

	/*
	 * RLIMIT_CPU counts from the fork, the bill from the execve (tracer.c):
	 * the launcher's few milliseconds come off the second's slack, so the
	 * kernel's SIGXCPU still never comes before the tracer's TLE would.
	 */
	rl->cpu_s = (rq->lim.cpu_ms + 999) / 1000 + 1;
	rl->mem_bytes = p->mem_bytes + pol->runtime_memory_kib * 1024;
	rl->mem_data = pol->mem_rlimit == MEM_RLIMIT_DATA;
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
	if (pol->threads > 1 && p->mem_bytes > (8LL << 20))
		rl->stack_bytes = 8LL << 20;
	else if (!rl->mem_data)
		rl->stack_bytes = (int64_t)RLIM_INFINITY;
	else
		rl->stack_bytes = p->mem_bytes;
	/*
	 * One byte over the limit: a program that writes past it leaves limit + 1
	 * bytes even when it blocks SIGXFSZ and only sees EFBIG, so the size alone
	 * proves OLE.
	 */
	rl->fsize_bytes = rq->lim.output_bytes + 1;
	rl->nofile = 256;
}

/*
 * Whether the program's view needs the host's /proc: a path-taking syscall
 * the kernel runs unchecked (compile.json's readlink, for the compilers
 * that find themselves through /proc/self/exe) or a /proc/self entry in
 * the lists.
 */
static bool view_needs_proc(const struct policy *pol, const struct path_lists *pl)
{
	const struct strlist *lists[] = { &pl->read, &pl->write, &pl->exec };

	for (enum abi a = 0; a < ABI_COUNT; a++) {
		if (!pol->abis[a])
			continue;
		for (long nr = 0; nr < syscalls_count(a) && nr < SYSCALLS_MAX; nr++) {
			const char *name = syscalls_name(a, nr);

			if (pol->sys[a][nr].action == SYS_ALLOW && name &&
			    rules_applies(RULE_PATH, name))
				return true;
		}
	}
	for (unsigned i = 0; i < ARRAY_SIZE(lists); i++)
		for (size_t j = 0; j < lists[i]->n; j++)
			if (strncmp(lists[i]->v[j], "/proc/self", 10) == 0 ||
			    strncmp(lists[i]->v[j], "/proc/thread-self", 17) == 0)
				return true;
	return false;
}

int run_plan(const struct run_request *rq, const struct run_host *host, struct run_plan *p,
	     struct jerr *err)
{
	const struct policy *pol = rq->pol;

	memset(p, 0, sizeof(*p));
	if (find_program(rq->argv[0], p->exe, sizeof(p->exe), p->named, sizeof(p->named)) < 0) {
		jerr_set(err, rq->argv[0], "", "program not found in PATH");
		return -1;
	}
	if (elf_inspect(p->exe, &p->ei, err) < 0)
		return -1;
	if (rq->workdir)
		snprintf(p->dir, sizeof(p->dir), "%s", rq->workdir);
	else if (!getcwd(p->dir, sizeof(p->dir))) {
		jerr_set(err, "", "", "getcwd: %s", strerror(errno));
		return -1;
	}
	p->vars = rq->vars;
	p->vars.dir = p->dir;
	p->vars.exe = p->exe;
	p->mem_bytes = rq->lim.memory_kib * 1024 + MEM_SLACK;
	p->layers.mode = rq->mode == RUN_SECCOMP ? "seccomp" : "ptrace";
	p->layers.rlimits = true;

	/* An image bigger than the memory limit cannot even be loaded. */
	if (p->ei.kind == ELF_KIND_BINARY && (int64_t)p->ei.load_bytes > p->mem_bytes) {
		p->image_too_big = true;
		return 0;
	}

	plan_paths(rq, p);
	plan_env(pol, p);
	plan_rlimits(rq, p);
	if (host->seccomp) {
		if (filter_compile_cached(pol, rq->mode == RUN_SECCOMP ? FILTER_SECCOMP :
					  FILTER_TRACE_ALL, &p->flt, err) < 0)
			return -1;
		p->layers.seccomp = true;
	} else {
		/* No seccomp here: the tracer stops on every syscall entry and exit. */
		p->trace_syscalls = true;
		p->layers.mode = "ptrace-syscall";
	}
	p->ll.abi = host->landlock_abi;
	if (p->ll.abi > 0) {
		p->ll_rules = landlock_rules(&p->paths, &p->ll.n_rules);
		p->ll.rules = p->ll_rules;
		p->layers.landlock = p->ll.abi;
	}
	if (host->root_layers) {
		p->root_layers = true;
		p->layers.uid_drop = true;
		p->layers.namespaces = true;
	}
	if (!host->view_missing) {
		p->view_on = true;
		view_plan(&p->view, &p->paths, p->dir, view_needs_proc(pol, &p->paths));
		p->view.userns = !host->root_layers;
		p->layers.view = host->root_layers ? "root" : "userns";
	} else {
		p->layers.view_missing = host->view_missing;
	}
	/*
	 * In ptrace mode a single-threaded program and its tracer take turns,
	 * never run at once: on one CPU a stop costs about 8 us, across two
	 * about 55 us (docs/bench.md).  Seccomp mode stops too rarely to gain,
	 * and there judges running side by side keep the scheduler's freedom.
	 */
	p->pin_cpu = rq->mode == RUN_PTRACE && pol->threads == 1;
	return 0;
}

void run_plan_free(struct run_plan *p)
{
	strlist_free(&p->paths.read);
	strlist_free(&p->paths.write);
	strlist_free(&p->paths.exec);
	strlist_free(&p->env);
	filter_free(&p->flt);
	free(p->ll_rules);
	p->ll_rules = NULL;
	if (p->view_on)
		view_free(&p->view);
	p->view_on = false;
}
