#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decide.h"
#include "cgroup.h"
#include "isolate.h"
#include "launch.h"
#include "safefile.h"
#include "tracee.h"
#include "tracer.h"

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

struct run_host run_host_probe(void)
{
	return (struct run_host){
		.seccomp = run_seccomp_available(),
		.root_layers = run_root_layers(),
		.landlock_abi = landlock_probe(),
		.view_missing = view_unavailable(run_root_layers()),
	};
}

/*
 * {tmp}: a directory of the run's own inside its work directory, so that
 * the view, Landlock and the tracer treat it as they treat {dir} (the work
 * directory is bound writable once the policy writes anywhere).  Owned by
 * the uid the program runs as.  0, or -1 with errno.
 */
static int scratch_make(const struct run_request *rq, bool root_layers, char *out, size_t len)
{
	char cwd[PATH_MAX];
	const char *dir = rq->workdir;
	uid_t uid;
	gid_t gid;

	if (!dir) {
		if (!getcwd(cwd, sizeof(cwd)))
			return -1;
		dir = cwd;
	}
	if (snprintf(out, len, "%s/.tmp-XXXXXX", dir) >= (int)len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (!mkdtemp(out))
		return -1;
	if (root_layers) {
		isolate_default_ids(&uid, &gid);
		if (chown(out, uid, gid) < 0) {
			int e = errno;

			rmdir(out);
			errno = e;
			return -1;
		}
	}
	return 0;
}

/* Appends `s` to the key, its length first, so that no two lists of strings read the same. */
static void key_add(char **k, const char *s)
{
	char *n = xasprintf("%s%zu:%s;", *k, strlen(s ? s : ""), s ? s : "");

	free(*k);
	*k = n;
}

/*
 * Everything a plan is made from but the program file, as text, or NULL
 * for a request that plans afresh: one whose plan would differ from run to
 * run ({tmp}, file_io files made per test) or that records its run.
 */
static char *keep_key(const struct run_request *rq, const struct run_host *h)
{
	const struct template_vars *v = &rq->vars;
	char *k;

	if (!rq->workdir || v->tmp || rq->io_read || rq->io_write || rq->trace_path || rq->learn)
		return NULL;
	k = xasprintf("%p %d %lld %lld %lld %lld %lld %d %d %d;", (const void *)rq->pol, (int)rq->mode,
		      (long long)rq->lim.cpu_ms, (long long)rq->lim.wall_ms, (long long)rq->lim.memory_kib,
		      (long long)rq->lim.output_bytes, (long long)v->memory_mb, h->seccomp,
		      h->root_layers, h->landlock_abi);
	key_add(&k, h->view_missing);
	key_add(&k, rq->workdir);
	key_add(&k, v->source);
	key_add(&k, v->stem);
	for (size_t i = 0; i < v->n_sources; i++)
		key_add(&k, v->sources[i]);
	key_add(&k, "argv");
	for (size_t i = 0; rq->argv[i]; i++)
		key_add(&k, rq->argv[i]);
	return k;
}

/* `key` and the identity of the file at `path`; NULL when it cannot be read. */
static char *key_with_file(const char *key, const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return NULL;
	return xasprintf("%s%llu %llu %lld %lld.%09ld %lld.%09ld", key, (unsigned long long)st.st_dev,
			 (unsigned long long)st.st_ino, (long long)st.st_size,
			 (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
			 (long long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
}

void run_keep_free(struct run_keep *k)
{
	if (k->valid)
		run_plan_free(&k->plan);
	free(k->key);
	k->key = NULL;
	k->valid = false;
}

/* run_program's plan and execution with the caller's kept plan; takes `key`. */
static int run_kept(const struct run_request *rq, const struct run_host *host, char *key,
		    struct run_result *rr, struct jerr *err)
{
	struct run_keep *k = rq->keep;
	struct run_plan *p = &k->plan;
	char *full;
	int rc;

	if (k->valid) {
		full = key_with_file(key, p->exe);
		if (full && strcmp(full, k->key) == 0) {
			free(full);
			free(key);
			k->reused++;
			/* the same values as planned; the caller's strings, not the first caller's */
			p->vars = rq->vars;
			p->vars.dir = p->dir;
			p->vars.exe = p->exe;
			return run_execute(rq, p, rr, err);
		}
		free(full);
		run_keep_free(k);
	}
	if (run_plan(rq, host, p, err) < 0) {
		run_plan_free(p);
		free(key);
		return -1;
	}
	k->key = key_with_file(key, p->exe);
	k->valid = k->key != NULL;
	free(key);
	rc = run_execute(rq, p, rr, err);
	if (!k->valid)
		run_plan_free(p);
	return rc;
}

int run_program(const struct run_request *rq, struct run_result *rr, struct jerr *err)
{
	struct run_host host = run_host_probe();
	struct run_request with_tmp;
	struct run_plan plan;
	char tmp[PATH_MAX], *key;
	int rc = -1;

	memset(rr, 0, sizeof(*rr));
	rr->out.out_fd = rr->out.err_fd = -1;
	tmp[0] = '\0';
	if (!rq->vars.tmp && policy_uses_tmp(rq->pol)) {
		if (scratch_make(rq, host.root_layers, tmp, sizeof(tmp)) < 0) {
			jerr_set(err, rq->workdir ? rq->workdir : ".", "",
				 "cannot make the policy's {tmp} directory here: %s", strerror(errno));
			return -1;
		}
		with_tmp = *rq;
		with_tmp.vars.tmp = tmp;
		rq = &with_tmp;
	}
	if (rq->keep && (key = keep_key(rq, &host))) {
		rc = run_kept(rq, &host, key, rr, err);
	} else {
		if (run_plan(rq, &host, &plan, err) == 0)
			rc = run_execute(rq, &plan, rr, err);
		run_plan_free(&plan);
	}
	/* every process of the run is dead by now: nothing can add to it while it goes */
	if (tmp[0])
		util_remove_tree(tmp);
	return rc;
}

/*
 * Whether the policy lets the program make anything that lives in an IPC
 * namespace: a SysV segment, semaphore set or message queue, or a POSIX
 * message queue (i386 reaches the SysV ones through ipc()).  An errno or a
 * kill is no way to make one.
 */
static bool creates_ipc(const struct policy *pol)
{
	static const char *const makers[] = { "shmget", "semget", "msgget", "mq_open", "ipc" };

	for (int a = 0; a < ABI_COUNT; a++) {
		if (!pol->abis[a])
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(makers); i++) {
			long nr = syscalls_lookup((enum abi)a, makers[i]);
			uint8_t act;

			if (nr < 0)
				continue;
			act = policy_lookup(pol, (enum abi)a, nr).action;
			if (act == SYS_ALLOW || act == SYS_RULE)
				return true;
		}
	}
	return false;
}

static void close_sinks(int *out, int *err)
{
	if (*out >= 0)
		close(*out);
	if (*err >= 0)
		close(*err);
	*out = *err = -1;
}

int run_execute(const struct run_request *rq, const struct run_plan *p, struct run_result *rr,
		struct jerr *err)
{
	const struct policy *pol = rq->pol;
	struct tracee_table tt;
	struct decide_ctx dc;
	struct tracer_config tc = { 0 };
	struct launch_spec ls = { 0 };
	struct launch l;
	struct isolate_spec iso = { .netns_fd = -1, .ipcns_fd = -1, .utsns_fd = -1 };
	struct view view;
	cpu_set_t saved_cpus;
	bool pinned;
	struct cgroup cg = { 0 };
	struct jerr lerr;
	FILE *log = NULL;
	struct safefile logsf = { .dirfd = -1, .fd = -1 };
	int in_fd = -1, out_sink = -1, err_sink = -1;

	memset(rr, 0, sizeof(*rr));
	rr->out.out_fd = rr->out.err_fd = -1;
	if (output_open(&rr->out, err) < 0)
		return -1;
	if (rq->pipes) {
		close(rr->out.out_fd);
		rr->out.out_fd = -1;
	}
	rr->layers = p->layers;
	if (p->image_too_big) {
		outcome_memory_exceeded(&rr->o, MLE_IMAGE);
		snprintf(rr->o.sys.detail, sizeof(rr->o.sys.detail), "the program image needs %llu KiB",
			 (unsigned long long)(p->ei.load_bytes / 1024));
		return 0;
	}

	in_fd = rq->pipes ? fcntl(rq->pipe_in, F_DUPFD_CLOEXEC, 3) :
		open(rq->stdin_path ? rq->stdin_path : "/dev/null", O_RDONLY | O_CLOEXEC);
	if (in_fd < 0) {
		jerr_set(err, rq->stdin_path, "", "cannot open: %s", strerror(errno));
		goto bad_input;
	}
	if ((!rq->pipes && (out_sink = output_sink(rr->out.out_fd)) < 0) ||
	    (err_sink = output_sink(rr->out.err_fd)) < 0) {
		jerr_set(err, "", "", "cannot reopen the output file write-only: %s", strerror(errno));
		goto bad_input;
	}
	if (rq->trace_path) {
		if (safefile_create(&logsf, rq->trace_path, 0644) < 0) {
			jerr_set(err, rq->trace_path, "", "%s", logsf.why);
			goto bad_input;
		}
		if (!(log = fdopen(logsf.fd, "w"))) {
			jerr_set(err, rq->trace_path, "", "cannot write: %s", strerror(errno));
			safefile_abort(&logsf);
			goto bad_input;
		}
		logsf.fd = -1;	/* fclose closes it */
	}

	ls.exe = p->exe;
	ls.exec_by_fd = p->ei.kind == ELF_KIND_BINARY;
	ls.argv = rq->argv;
	ls.envp = p->env.v;
	ls.workdir = p->dir;
	ls.fd_in = in_fd;
	ls.fd_out = rq->pipes ? rq->pipe_out : out_sink;
	ls.fd_err = err_sink;
	ls.rl = p->rl;
	ls.trace_syscalls = p->trace_syscalls;
	ls.filter = p->flt.insns ? &p->flt : NULL;
	ls.landlock = p->ll.abi > 0 ? &p->ll : NULL;
	if (p->view_on) {
		/* the plan's, with the namespaces of a view this judge built already */
		view = p->view;
		view_share(&view);
		ls.view = &view;
		iso.view = true;
	}
	if (p->root_layers) {
		isolate_default_ids(&iso.uid, &iso.gid);
		iso.enabled = true;
		iso.writable = p->paths.write.n ? p->dir : NULL;
		iso.netns_fd = isolate_netns_fd();
		/* every run starts clean all the same: isolate.h says why */
		if (!creates_ipc(pol) && isolate_kept_ns_fds(&iso.ipcns_fd, &iso.utsns_fd) < 0)
			iso.ipcns_fd = iso.utsns_fd = -1;
		ls.isolate = &iso;
		if (cgroup_acquire(&cg, p->mem_bytes, pol->threads + 1) == 0) {
			ls.cgroup = &cg;
			rr->layers.cgroup = true;
		}
	}

	tracee_table_init(&tt);
	dc.pol = pol;
	dc.paths = &p->paths;
	dc.tt = &tt;
	tc.dc = &dc;
	tc.lim = rq->lim;
	tc.trace_syscalls = p->trace_syscalls;
	tc.every_syscall = rq->mode == RUN_PTRACE || p->trace_syscalls;
	tc.mem_data = p->rl.mem_data;
	tc.mem_rlimit_kib = p->rl.mem_bytes / 1024;
	tc.log = log;
	tc.learn = rq->learn;

	/* The child inherits the mask; the judge gets its own back after. */
	pinned = p->pin_cpu && sched_getaffinity(0, sizeof(saved_cpus), &saved_cpus) == 0;
	if (pinned) {
		cpu_set_t one;
		int cpu = sched_getcpu();

		CPU_ZERO(&one);
		CPU_SET(cpu < 0 ? 0 : cpu, &one);
		pinned = sched_setaffinity(0, sizeof(one), &one) == 0;
	}
	if (launch_start(&ls, &l, &lerr) < 0) {
		rr->o.ie = true;
		util_message(rr->o.ie_msg, sizeof(rr->o.ie_msg), "launch: %s", lerr.msg);
	} else {
		tracer_run(&tc, &l, &rr->o, &rr->u);
		close(l.errfd);
	}
	if (pinned)
		sched_setaffinity(0, sizeof(saved_cpus), &saved_cpus);
	close_sinks(&out_sink, &err_sink);
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
		cgroup_release(&cg);	/* kept for this process's next run */
	}
	rr->u.output_bytes = output_size(rr->out.out_fd) + output_size(rr->out.err_fd);
	if (rr->u.output_bytes > rq->lim.output_bytes)
		rr->o.output_exceeded = true;

	tracee_table_free(&tt);
	if (log && (fclose(log) != 0 || safefile_commit(&logsf) < 0)) {
		jerr_set(err, rq->trace_path, "", "cannot write: %s", strerror(errno));
		if (logsf.dirfd >= 0)
			safefile_abort(&logsf);
		close(in_fd);
		output_close(&rr->out);
		return -1;
	}
	close(in_fd);
	return 0;

bad_input:
	close_sinks(&out_sink, &err_sink);
	if (in_fd >= 0)
		close(in_fd);
	if (log) {
		fclose(log);
		safefile_abort(&logsf);
	}
	output_close(&rr->out);
	return -1;
}
