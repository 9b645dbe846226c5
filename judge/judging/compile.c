#include "compile.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dirpool.h"
#include "isolate.h"
#include "output.h"
#include "run.h"

/*
 * Theory of operation.  A submission never compiles in place: its source is
 * copied into a fresh directory, and the compiler runs there under a policy
 * of its own ("compile" unless the language names another) that lets it
 * write nowhere else.  A compiler is a big program fed hostile input, so it
 * gets the same sandbox as the program it builds, only with larger limits;
 * whatever stops it (its own error, a limit, the policy) is the submission's
 * fault and comes out as CE, never as a hang or an IE.
 */

#define COMPILE_CPU_MS		30000
#define COMPILE_WALL_MS		60000
#define COMPILE_MEMORY_KIB	(2LL << 20)
#define COMPILE_OUTPUT_BYTES	(64LL << 20)
#define MESSAGE_MAX		(64 << 10)

/*** Workspace ***/

/* Whether every directory on the way to `dir` lets other users pass. */
static bool reachable_by_others(const char *dir)
{
	char path[PATH_MAX];
	struct stat st;
	char *slash;

	snprintf(path, sizeof(path), "%s", dir);
	for (;;) {
		if (stat(path[0] ? path : "/", &st) < 0 || !(st.st_mode & S_IXOTH))
			return false;
		slash = strrchr(path, '/');
		if (!slash || !path[0])
			return true;
		*slash = '\0';
	}
}

/* The uid and gid the compiler and the program run as: their workspace is theirs. */
static void workspace_owner(uid_t *uid, gid_t *gid)
{
	if (run_root_layers()) {
		isolate_default_ids(uid, gid);
	} else {
		*uid = geteuid();
		*gid = getegid();
	}
}

/*
 * An empty ws->dir under $TMPDIR or /tmp owned by workspace_owner(): a slot
 * of the pool (dirpool.h) or, when none is free, a fresh one.
 */
static int make_dir(struct workspace *ws, struct jerr *err)
{
	const char *tmp = getenv("TMPDIR");
	uid_t uid;
	gid_t gid;

	if (!tmp || tmp[0] != '/' || strlen(tmp) > PATH_MAX / 2)
		tmp = "/tmp";
	/*
	 * As root the compiler and the program run as another uid, which must
	 * pass through to the workspace: a private TMPDIR gives way to /tmp.
	 */
	if (run_root_layers() && !reachable_by_others(tmp))
		tmp = "/tmp";
	workspace_owner(&uid, &gid);
	if (dirpool_take(tmp, uid, gid, ws->dir, sizeof(ws->dir), &ws->slot) == 0)
		return 0;
	snprintf(ws->dir, sizeof(ws->dir), "%s/judge-XXXXXX", tmp);
	if (!mkdtemp(ws->dir)) {
		jerr_set(err, ws->dir, "", "mkdtemp: %s", strerror(errno));
		ws->dir[0] = '\0';
		return -1;
	}
	if (run_root_layers() && chown(ws->dir, uid, gid) < 0) {
		jerr_set(err, ws->dir, "", "chown: %s", strerror(errno));
		workspace_remove(ws);
		return -1;
	}
	return 0;
}

int workspace_create_empty(struct workspace *ws, struct jerr *err)
{
	memset(ws, 0, sizeof(*ws));
	return make_dir(ws, err);
}

int workspace_create(const char *source, struct workspace *ws, struct jerr *err)
{
	const char *base = strrchr(source, '/');
	const char *dot;
	struct stat st;
	int in, out, r;

	memset(ws, 0, sizeof(*ws));
	base = base ? base + 1 : source;
	if (!base[0] || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		jerr_set(err, source, "", "not a source file name");
		return -1;
	}
	in = open(source, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		jerr_set(err, source, "", "cannot read: %s", strerror(errno));
		return -1;
	}
	if (fstat(in, &st) < 0 || !S_ISREG(st.st_mode)) {
		jerr_set(err, source, "", "not a regular file");
		close(in);
		return -1;
	}
	if (make_dir(ws, err) < 0) {
		close(in);
		return -1;
	}
	r = snprintf(ws->source, sizeof(ws->source), "%s/%s", ws->dir, base);
	if (r < 0 || (size_t)r >= sizeof(ws->source)) {
		jerr_set(err, source, "", "file name too long");
		goto fail;
	}
	/* the compiler must not overwrite its own input when the source is called "prog" */
	r = snprintf(ws->exe, sizeof(ws->exe), "%s/%s", ws->dir,
		     strcmp(base, "prog") == 0 ? "prog.out" : "prog");
	if (r < 0 || (size_t)r >= sizeof(ws->exe)) {
		jerr_set(err, source, "", "file name too long");
		goto fail;
	}
	dot = strrchr(base, '.');
	snprintf(ws->stem, sizeof(ws->stem), "%.*s",
		 (int)(dot && dot != base ? (size_t)(dot - base) : strlen(base)), base);

	out = open(ws->source, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (out < 0) {
		jerr_set(err, ws->source, "", "cannot create: %s", strerror(errno));
		goto fail;
	}
	if (output_copy(in, out) < 0) {
		jerr_set(err, source, "", "cannot copy: %s", strerror(errno));
		close(out);
		goto fail;
	}
	if (close(out) < 0) {
		jerr_set(err, ws->source, "", "cannot write: %s", strerror(errno));
		goto fail;
	}
	close(in);
	/* As root the compiler and the program run as another uid: the source is theirs too. */
	if (run_root_layers()) {
		uid_t uid;
		gid_t gid;

		workspace_owner(&uid, &gid);
		if (chown(ws->source, uid, gid) < 0) {
			jerr_set(err, ws->source, "", "chown: %s", strerror(errno));
			goto fail_closed;
		}
	}
	return 0;
fail:
	close(in);
fail_closed:
	workspace_remove(ws);
	return -1;
}

void workspace_remove(struct workspace *ws)
{
	int fd;

	if (!ws->dir[0])
		return;
	if (ws->slot.held) {
		dirpool_give(&ws->slot);
	} else {
		fd = open(ws->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0) {
			util_empty_dir(fd);
			close(fd);
		}
		rmdir(ws->dir);
	}
	ws->dir[0] = '\0';
	for (size_t i = 0; i < ws->n_sources; i++)
		free(ws->sources[i]);
	free(ws->sources);
	ws->sources = NULL;
	ws->n_sources = 0;
	for (size_t i = 0; i < ws->n_files; i++)
		free(ws->files[i]);
	free(ws->files);
	ws->files = NULL;
	ws->n_files = 0;
}

void workspace_vars(const struct workspace *ws, int64_t memory_mb, struct template_vars *v)
{
	v->source = ws->source;
	v->exe = ws->exe;
	v->dir = ws->dir;
	v->stem = ws->stem;
	v->memory_mb = memory_mb;
	v->sources = ws->sources;
	v->n_sources = ws->n_sources;
}

/*** Argument vectors ***/

/*
 * An argument that is exactly "{sources}" becomes one argument per source
 * of a multi-file submission (just {source} for a single file), so that
 * "gcc -o {exe} {sources}" compiles them all together.
 */
static char **expand_argv(const struct strlist *tmpl, const struct template_vars *v)
{
	size_t extra = 0, n = 0;
	char **argv;

	for (size_t i = 0; i < tmpl->n; i++)
		if (strcmp(tmpl->v[i], "{sources}") == 0 && v->n_sources)
			extra += v->n_sources - 1;
	argv = xcalloc(tmpl->n + extra + 1, sizeof(*argv));

	for (size_t i = 0; i < tmpl->n; i++) {
		if (strcmp(tmpl->v[i], "{sources}") == 0 && v->n_sources) {
			for (size_t k = 0; k < v->n_sources; k++)
				argv[n++] = xstrdup(v->sources[k]);
			continue;
		}
		argv[n++] = template_expand(tmpl->v[i], v);
	}
	return argv;
}

char **compile_run_argv(const struct policy *lang, const struct workspace *ws, int64_t memory_mb)
{
	struct template_vars v;

	workspace_vars(ws, memory_mb, &v);
	return expand_argv(&lang->run, &v);
}

void compile_argv_free(char **argv)
{
	if (!argv)
		return;
	for (char **a = argv; *a; a++)
		free(*a);
	free(argv);
}

/*** Compiling ***/

/*
 * Drops every "dir/" from msg: diagnostics then name "a.c:3:5" as the student
 * wrote it, and say nothing about the judge's temporary directories.
 */
static size_t strip_dir(char *msg, size_t n, const char *dir)
{
	size_t dl = strlen(dir), w = 0;

	for (size_t r = 0; r < n;) {
		if (dl && r + dl < n && memcmp(msg + r, dir, dl) == 0 && msg[r + dl] == '/') {
			r += dl + 1;
			continue;
		}
		msg[w++] = msg[r++];
	}
	return w;
}

/*
 * The compiler's stdout, then its stderr, at most MESSAGE_MAX bytes in all;
 * compilers write their diagnostics to stderr, so that part is kept whole
 * when it fits.
 */
static char *read_message(const struct output *out, const char *dir, const char *note)
{
	size_t cap = MESSAGE_MAX + 512, n = 0;
	char *msg = xmalloc(cap);
	int fds[2] = { out->out_fd, out->err_fd };
	bool cut = false;

	for (int i = 0; i < 2; i++) {
		ssize_t r;

		if (fds[i] < 0 || lseek(fds[i], 0, SEEK_SET) < 0)
			continue;
		while (n < MESSAGE_MAX &&
		       (r = read(fds[i], msg + n, MESSAGE_MAX - n)) != 0) {
			if (r < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			n += (size_t)r;
		}
		if (n >= MESSAGE_MAX && output_size(fds[i]) > lseek(fds[i], 0, SEEK_CUR))
			cut = true;
	}
	n = strip_dir(msg, n, dir);
	if (n > 0 && memchr(msg, '\0', n))
		for (size_t i = 0; i < n; i++)
			if (!msg[i])
				msg[i] = '?';
	n += (size_t)snprintf(msg + n, cap - n, "%s%s%s%s",
			      cut ? "\n[compiler output cut at 64 KiB]" : "",
			      note && n > 0 && msg[n - 1] != '\n' ? "\n" : "",
			      note ? note : "", note ? "\n" : "");
	msg[n] = '\0';
	return msg;
}

/* Why a compiler that did not simply exit 0 failed; NULL when its own status says it. */
static const char *stop_reason(const struct outcome *o, const struct usage *u, char *buf,
			       size_t len)
{
	if (o->rf)
		snprintf(buf, len, "compilation stopped: forbidden syscall %s (%s #%ld) in the "
			 "compiler%s%s", o->sys.name, abi_name(o->sys.abi), o->sys.nr,
			 o->sys.detail[0] ? ": " : "", o->sys.detail);
	else if (o->mle != MLE_NONE || u->memory_kib > COMPILE_MEMORY_KIB)
		snprintf(buf, len, "compilation stopped: the compiler used more than %lld MiB "
			 "of memory", COMPILE_MEMORY_KIB / 1024);
	else if (o->cpu_exceeded)
		snprintf(buf, len, "compilation stopped: more than %d s of CPU time",
			 COMPILE_CPU_MS / 1000);
	else if (o->wall_exceeded)
		snprintf(buf, len, "compilation stopped: more than %d s of wall time",
			 COMPILE_WALL_MS / 1000);
	else if (o->output_exceeded)
		snprintf(buf, len, "compilation stopped: the compiler wrote more than %lld MiB "
			 "to one file or to its output", COMPILE_OUTPUT_BYTES >> 20);
	else if (o->signal)
		snprintf(buf, len, "compilation stopped: the compiler was killed by signal %d (%s)",
			 o->signal, strsignal(o->signal));
	else
		return NULL;
	return buf;
}

static bool mentions_exe(const struct strlist *argv)
{
	for (size_t i = 0; i < argv->n; i++)
		if (strstr(argv->v[i], "{exe}"))
			return true;
	return false;
}

static char *dir_of(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xasprintf("%.*s", (int)(slash - path), path);
}

int compile_load_policy(const struct policy *lang, const char *policies_dir, struct policy *out,
			struct jerr *err)
{
	const char *name = lang->compile_policy ? lang->compile_policy : "compile";
	char *pdir = dir_of(lang->file);
	char *beside = xasprintf("%s/%s.json", pdir, name);
	const char *dir = policies_dir ? policies_dir : pdir;
	struct stat st;
	int r;

	/*
	 * Beside the language's own file first, as "extends" does; then where
	 * the built-in policies are, so that a user's policy can name "compile".
	 * Either way what it extends is found as for any policy.
	 */
	if (!strchr(name, '/') && stat(beside, &st) == 0)
		r = policy_load(beside, dir, out, err);
	else
		r = policy_load(name, dir, out, err);
	if (r < 0 && !err->key[0])
		snprintf(err->key, sizeof(err->key), "compile_policy");
	free(beside);
	free(pdir);
	return r;
}

int compile_in(const struct policy *lang, const struct workspace *ws, const char *policies_dir,
	       const char *trace_path, struct compile_result *cr, struct jerr *err)
{
	struct policy cpol;
	struct run_request rq = { 0 };
	struct run_result rr;
	struct jerr rerr;
	char why[1024];	/* room for a syscall's detail (a path) in the message */
	char **argv;

	memset(cr, 0, sizeof(*cr));
	if (lang->compile.n == 0) {
		cr->verdict = V_OK;
		cr->message = xstrdup("");
		return 0;
	}
	if (compile_load_policy(lang, policies_dir, &cpol, err) < 0)
		return -1;

	rq.pol = &cpol;
	rq.lim.cpu_ms = COMPILE_CPU_MS;
	rq.lim.wall_ms = COMPILE_WALL_MS;
	rq.lim.memory_kib = COMPILE_MEMORY_KIB;
	rq.lim.output_bytes = COMPILE_OUTPUT_BYTES;
	rq.mode = run_seccomp_available() ? RUN_SECCOMP : RUN_PTRACE;
	rq.workdir = ws->dir;
	rq.trace_path = trace_path;
	workspace_vars(ws, COMPILE_MEMORY_KIB / 1024, &rq.vars);
	argv = expand_argv(&lang->compile, &rq.vars);
	rq.argv = argv;

	if (run_program(&rq, &rr, &rerr) < 0) {
		char buf[1024];

		/* a compiler that is not installed is the judge's problem, not the submission's */
		jerr_format(&rerr, buf, sizeof(buf));
		cr->verdict = V_IE;
		cr->message = xasprintf("cannot run the compiler: %s\n", buf);
		goto out;
	}
	cr->cpu_ms = (rr.u.cpu_ns + 500000) / 1000000;
	cr->wall_ms = (rr.u.wall_ns + 500000) / 1000000;
	cr->memory_kib = rr.u.memory_kib;
	if (rr.o.ie) {
		cr->verdict = V_IE;
		snprintf(why, sizeof(why), "judge error while compiling: %s", rr.o.ie_msg);
		cr->message = read_message(&rr.out, ws->dir, why);
	} else if (rr.o.rf) {
		/*
		 * The compiler is trusted code the setter configured: a syscall its
		 * policy forbids is the policy's fault, not the student's CE.
		 */
		cr->verdict = V_IE;
		snprintf(why, sizeof(why), "the compile policy %s forbids syscall %s (%s #%ld), which "
			 "the compiler made%s%s: allow it there (judge compile --trace FILE shows "
			 "every syscall)", cpol.name, rr.o.sys.name, abi_name(rr.o.sys.abi),
			 rr.o.sys.nr, rr.o.sys.detail[0] ? "; " : "", rr.o.sys.detail);
		cr->message = read_message(&rr.out, ws->dir, why);
	} else if (stop_reason(&rr.o, &rr.u, why, sizeof(why))) {
		cr->verdict = V_CE;
		cr->message = read_message(&rr.out, ws->dir, why);
	} else if (!rr.o.exited || rr.o.exit_code != 0) {
		cr->verdict = V_CE;
		snprintf(why, sizeof(why), "compilation failed: the compiler exited with status %d",
			 rr.o.exit_code);
		cr->message = read_message(&rr.out, ws->dir, why);
	} else if (mentions_exe(&lang->compile) && access(ws->exe, F_OK) != 0) {
		cr->verdict = V_CE;
		cr->message = read_message(&rr.out, ws->dir, "compilation failed: the compiler wrote no "
					   "program");
	} else if (mentions_exe(&lang->run) && access(ws->exe, F_OK) != 0) {
		/* the run command wants {exe} and the compile command never makes it */
		cr->verdict = V_IE;
		snprintf(why, sizeof(why), "policy %s: the compile step made no program: its run "
			 "command needs {exe}, which its compile command does not write",
			 lang->name);
		cr->message = read_message(&rr.out, ws->dir, why);
	} else {
		cr->verdict = V_OK;
		cr->message = read_message(&rr.out, ws->dir, NULL);
	}
	output_close(&rr.out);
out:
	compile_argv_free(argv);
	policy_free(&cpol);
	return 0;
}

void compile_result_free(struct compile_result *cr)
{
	free(cr->message);
	cr->message = NULL;
}

/*** Languages by extension ***/

const char *compile_policy_for(const char *source, const char *policies_dir)
{
	static char found[256];
	const char *base = strrchr(source, '/');
	const char *ext;
	struct strlist names = { 0 };
	const char *ret = NULL;

	base = base ? base + 1 : source;
	ext = strrchr(base, '.');
	if (!ext || ext == base || !ext[1])
		return NULL;
	ext++;
	if (policy_list(policies_dir, &names) < 0)
		return NULL;
	/* sorted names: when two languages claim an extension, the answer is stable */
	for (size_t i = 0; i < names.n && !ret; i++) {
		struct policy p;
		struct jerr e;

		if (policy_load(names.v[i], policies_dir, &p, &e) < 0)
			continue;
		for (size_t k = 0; k < p.extensions.n; k++)
			if (strcmp(p.extensions.v[k], ext) == 0) {
				snprintf(found, sizeof(found), "%s", names.v[i]);
				ret = found;
				break;
			}
		policy_free(&p);
	}
	strlist_free(&names);
	return ret;
}

void compile_no_language(const char *source, const char *policies_dir, struct jerr *err)
{
	if (access(policies_dir, R_OK | X_OK) != 0)
		jerr_set(err, policies_dir, "", "no policies here (%s); set JUDGE_POLICIES to the "
			 "policies/ directory", strerror(errno));
	else
		jerr_set(err, source, "", "cannot tell the language from the file name; "
			 "give a policy with -p");
}
