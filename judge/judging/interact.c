#include "interact.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/close_range.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "checker.h"
#include "extchecker.h"

/*
 * Theory of operation.
 *
 * The tracer reaps with wait4(-1): it takes every child of the process it
 * runs in as part of the program and runs until there are none.  So the
 * interactor cannot be a child of the process that traces the program.  The
 * calling process P forks two children:
 *
 *        P --- fork --> I: the interactor   stdin <- P <- program's stdout
 *          \-- fork --> W: the tracer       stdout -> P -> program's stdin
 *
 * W runs the program with run_program() on pipe ends (run_request's
 * `pipes`) and sends its outcome back to P over a third pipe.  P copies
 * both directions (converse()), which costs a hop per message but tells
 * exactly which side closed its output first, counts the program's output
 * against the output limit (a pipe has no RLIMIT_FSIZE), and keeps the two
 * processes apart.  It kills the interactor's process
 * group when it ends, or when it outstays the program by INTERACT_GRACE_MS.
 * Each child keeps only its own two pipe ends, so EOF travels as it would
 * over one pipe.
 */

#define INTERACTOR_FSIZE (64LL << 20)

/* ==== The sandboxed side: run_program() on the pipes ==== */

/* What W sends back to P. */
struct w_report {
	int rc;			/* run_program's return */
	struct jerr err;
	struct outcome o;
	struct usage u;
	struct sandbox_layers layers;	/* .mode points to a literal: valid in P, same image */
};

static void __attribute__((noreturn)) tracer_child(const struct interact_spec *s, int in_fd,
						   int out_fd, int report_fd)
{
	struct w_report rep = { 0 };
	struct run_result rr;
	const char *p = (const char *)&rep;
	size_t left = sizeof(rep);

	/* Not inherited across fork: orphans of the program must come back to this tracer. */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	/* P's SIGTERM after a rejection (converse) ends the run with a report, whatever P's own dispositions */
	util_catch_interrupts();
	{
		struct run_request rq = *s->rq;

		rq.pipes = true;
		rq.pipe_in = in_fd;
		rq.pipe_out = out_fd;
		rep.rc = run_program(&rq, &rr, &rep.err);
	}
	if (rep.rc == 0) {
		rep.o = rr.o;
		rep.u = rr.u;
		rep.layers = rr.layers;
		output_close(&rr.out);
	}
	while (left) {
		ssize_t n = write(report_fd, p, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			_exit(1);
		p += n;
		left -= (size_t)n;
	}
	_exit(0);
}

/* ==== The trusted side: the interactor ==== */

static void __attribute__((noreturn)) interactor_child(char *const argv[], int in_fd, int out_fd,
						       int err_fd)
{
	struct rlimit rl;

	setpgid(0, 0);
	util_reset_signals();
	if (dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0)
		_exit(127);
	rl.rlim_cur = (CHECKER_TIME_MS + 999) / 1000;
	rl.rlim_max = rl.rlim_cur + 1;
	setrlimit(RLIMIT_CPU, &rl);
	rl.rlim_cur = rl.rlim_max = (rlim_t)CHECKER_MEMORY_KIB * 1024;
	setrlimit(RLIMIT_AS, &rl);
	rl.rlim_cur = rl.rlim_max = 0;
	setrlimit(RLIMIT_CORE, &rl);
	rl.rlim_cur = rl.rlim_max = INTERACTOR_FSIZE;
	setrlimit(RLIMIT_FSIZE, &rl);
	if (close_range(3, ~0U, 0) < 0)
		for (int fd = 3; fd < 1024; fd++)
			close(fd);
	execv(argv[0], argv);
	dprintf(2, "cannot run the interactor %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* Up to len-1 bytes of a file, printable, on one paragraph. */
static void read_text(const char *path, char *buf, size_t len)
{
	size_t n = 0;
	char *s = util_read_file(path, &n);

	buf[0] = '\0';
	if (!s)
		return;
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	if (n >= len)
		n = len - 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		buf[i] = c == '\n' || c == '\t' ? ' ' : c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	buf[n] = '\0';
	free(s);
}

/* The interactor's exit status as a checker's word. */
static enum check_result classify(int status, bool timed_out, const char *fbdir,
				  const char *stderr_path, char *fb, size_t fl)
{
	char path[PATH_MAX + 32], text[768] = "", why[128];

	snprintf(path, sizeof(path), "%s/judgemessage.txt", fbdir);
	read_text(path, text, sizeof(text));
	if (!timed_out && WIFEXITED(status) && WEXITSTATUS(status) == 42) {
		snprintf(fb, fl, "%s", text);
		return CHECK_AC;
	}
	if (!timed_out && WIFEXITED(status) && WEXITSTATUS(status) == 43) {
		snprintf(fb, fl, "%s", text);
		return CHECK_WA;
	}
	/* It wrote to a program that had stopped reading: the program quit early. */
	if (!timed_out && WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE) {
		snprintf(fb, fl, "the program stopped reading before the interactor was done%s%s",
			 text[0] ? ": " : "", text);
		return CHECK_WA;
	}
	if (timed_out)
		snprintf(why, sizeof(why), "interactor still running %d ms after the program ended",
			 INTERACT_GRACE_MS);
	else if (WIFSIGNALED(status))
		snprintf(why, sizeof(why), "interactor killed by signal %d (SIG%s)", WTERMSIG(status),
			 sigabbrev_np(WTERMSIG(status)) ? sigabbrev_np(WTERMSIG(status)) : "?");
	else
		snprintf(why, sizeof(why), "interactor exited with status %d", WEXITSTATUS(status));
	snprintf(path, sizeof(path), "%s/judgeerror.txt", fbdir);
	read_text(path, text, sizeof(text));
	if (!text[0])
		read_text(stderr_path, text, sizeof(text));
	snprintf(fb, fl, "%s%s%s", why, text[0] ? ": " : "", text);
	return CHECK_FAIL;
}

/*
 * An accepting interactor's score.txt, read as an ordinary validator's
 * (extchecker.c): a number, else the interactor failed (IE).
 */
static void read_score(const char *fbdir, struct interact_result *ir)
{
	char path[PATH_MAX + 16];
	size_t n = 0;
	char *text;

	snprintf(path, sizeof(path), "%s/score.txt", fbdir);
	text = util_read_file(path, &n);
	if (!text)
		return;
	if (extchecker_parse_score(text, n, &ir->score)) {
		ir->has_score = true;
	} else {
		ir->cs = CHECK_FAIL;
		snprintf(ir->feedback, sizeof(ir->feedback), "the interactor's score.txt is not a number");
	}
	free(text);
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static void ie(struct interact_result *ir, const char *what)
{
	ir->o.ie = true;
	snprintf(ir->o.ie_msg, sizeof(ir->o.ie_msg), "%s: %s", what, strerror(errno));
}

/* ==== The relay ==== */

#define RELAY_BUF 65536

/* One direction of the conversation, copied by P. */
struct relay {
	int from, to;		/* non-blocking; -1 once closed */
	char buf[RELAY_BUF];
	size_t off, len;	/* bytes buf[off..len) are still to be written */
	int64_t bytes;		/* read from `from` in all */
	int64_t limit;		/* stop taking more than this (the output limit), 0: none */
	bool over;		/* the limit was hit */
	long eof_seq;		/* when `from` reached EOF, in P's order of events; 0: never */
};

static void relay_read(struct relay *r, long *seq)
{
	ssize_t n;

	if (r->off && r->off == r->len)
		r->off = r->len = 0;
	else if (r->off && r->len == RELAY_BUF) {
		memmove(r->buf, r->buf + r->off, r->len - r->off);
		r->len -= r->off;
		r->off = 0;
	}
	n = read(r->from, r->buf + r->len, RELAY_BUF - r->len);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n > 0) {
		r->bytes += n;
		if (!r->limit || r->bytes <= r->limit) {
			r->len += (size_t)n;
			return;
		}
		/* As RLIMIT_FSIZE would: nothing past the limit gets through. */
		r->over = true;
	} else {
		r->eof_seq = ++*seq;
	}
	close_fd(&r->from);
}

static void relay_write(struct relay *r)
{
	ssize_t n = write(r->to, r->buf + r->off, r->len - r->off);

	if (n > 0) {
		r->off += (size_t)n;
		return;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	/* The reader is gone: the writer finds out on its next write, as with one pipe. */
	close_fd(&r->to);
	close_fd(&r->from);
	r->off = r->len = 0;
}

/*
 * Copies both directions until both processes have ended, and kills the
 * interactor when it outstays the program by INTERACT_GRACE_MS.  Being the
 * middle of both pipes, P sees which side closed its output first (a
 * process's output closes when it ends): that order is what
 * interact_verdict() needs, and timing the two deaths from outside could not
 * give it, since the kernel wakes a pipe's reader before the dead writer's
 * parent.
 */
static int converse(struct relay *to_prog, struct relay *to_inter, pid_t ipid, pid_t wpid,
		    int *istatus, bool *timed_out, bool *stopped)
{
	struct relay *rl[2] = { to_prog, to_inter };
	int ifd = (int)syscall(SYS_pidfd_open, ipid, 0);
	int wfd = (int)syscall(SYS_pidfd_open, wpid, 0);
	bool idone = false, wdone = false;
	int64_t grace_end = 0, stop_at = 0;
	long seq = 0;
	int wstatus, r = 0;

	*timed_out = *stopped = false;
	while (!idone || !wdone) {
		struct pollfd pf[6];
		struct relay *who[6];
		bool is_from[6];
		nfds_t n = 0;
		int timeout = ifd < 0 || wfd < 0 ? 5 : -1;	/* no pidfd (Linux < 5.3): look often */

		for (int i = 0; i < 2; i++) {
			if (rl[i]->from >= 0 && (rl[i]->len < RELAY_BUF || rl[i]->off)) {
				who[n] = rl[i];
				is_from[n] = true;
				pf[n++] = (struct pollfd){ .fd = rl[i]->from, .events = POLLIN };
			}
			if (rl[i]->to >= 0 && rl[i]->off < rl[i]->len) {
				who[n] = rl[i];
				is_from[n] = false;
				pf[n++] = (struct pollfd){ .fd = rl[i]->to, .events = POLLOUT };
			}
		}
		if (!idone && ifd >= 0) {
			who[n] = NULL;
			pf[n++] = (struct pollfd){ .fd = ifd, .events = POLLIN };
		}
		if (!wdone && wfd >= 0) {
			who[n] = NULL;
			pf[n++] = (struct pollfd){ .fd = wfd, .events = POLLIN };
		}
		if (wdone || (stop_at && !*stopped)) {
			int64_t left = ((wdone ? grace_end : stop_at) - util_now_ns()) / 1000000;

			timeout = left <= 0 ? 0 : timeout < 0 || left < timeout ? (int)left : timeout;
		}
		if (poll(pf, n, timeout) < 0 && errno != EINTR) {
			r = -1;
			break;
		}
		for (nfds_t k = 0; k < n; k++) {
			if (!who[k] || !pf[k].revents)
				continue;
			if (is_from[k] && who[k]->from == pf[k].fd)
				relay_read(who[k], &seq);
			else if (!is_from[k] && who[k]->to == pf[k].fd)
				relay_write(who[k]);
		}
		/* A side that has said all it will: its reader gets EOF once the rest is through. */
		for (int i = 0; i < 2; i++)
			if (rl[i]->from < 0 && rl[i]->off == rl[i]->len)
				close_fd(&rl[i]->to);

		if (!idone && waitpid(ipid, istatus, WNOHANG) == ipid) {
			idone = true;
			kill(-ipid, SIGKILL);	/* whatever it started */
		}
		if (!wdone && waitpid(wpid, &wstatus, WNOHANG) == wpid) {
			wdone = true;
			grace_end = util_now_ns() + (int64_t)INTERACT_GRACE_MS * 1000000;
		}
		/*
		 * The interactor rejected and ended first (its output's EOF came
		 * before the program's): that WA stands whatever the program does
		 * next (judgerun_decide), so the program is stopped, through its
		 * tracer, rather than left to spin to its limit.
		 */
		if (idone && !wdone && !*stopped && WIFEXITED(*istatus) && WEXITSTATUS(*istatus) == 43 &&
		    to_prog->eof_seq && !to_inter->eof_seq) {
			if (!stop_at)
				stop_at = util_now_ns() + (int64_t)INTERACT_STOP_MS * 1000000;
			else if (util_now_ns() >= stop_at) {
				kill(wpid, SIGTERM);
				*stopped = true;
			}
		}
		if (wdone && !idone && util_now_ns() >= grace_end) {
			kill(-ipid, SIGKILL);
			kill(ipid, SIGKILL);
			while (waitpid(ipid, istatus, 0) < 0 && errno == EINTR)
				;
			idone = true;
			*timed_out = true;
		}
	}
	if (r < 0) {
		kill(-ipid, SIGKILL);
		kill(ipid, SIGKILL);
		kill(wpid, SIGKILL);	/* PTRACE_O_EXITKILL takes the program with it */
		if (!idone)
			waitpid(ipid, istatus, 0);
		if (!wdone)
			waitpid(wpid, &wstatus, 0);
	}
	/* Anything the other side did not read goes now; so do our ends. */
	for (int i = 0; i < 2; i++) {
		if (rl[i]->from >= 0) {
			relay_read(rl[i], &seq);
			close_fd(&rl[i]->from);
		}
		close_fd(&rl[i]->to);
	}
	if (ifd >= 0)
		close(ifd);
	if (wfd >= 0)
		close(wfd);
	return r;
}

static int set_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/*
 * Four pipes, named by who writes them: i_out (interactor -> P), p_in (P ->
 * program), p_out (program -> P), i_in (P -> interactor); P keeps the ends
 * it relays between, each child only its own two.
 */
enum { I_OUT, P_IN, P_OUT, I_IN, REPORT, NPIPES };

int interact_run(const struct interact_spec *s, struct interact_result *ir, struct jerr *err)
{
	int pp[NPIPES][2];
	char fbdir[PATH_MAX], fbarg[PATH_MAX + 1], errpath[PATH_MAX + 16];
	struct relay *to_prog = NULL, *to_inter = NULL;
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_pipe;
	struct w_report wr;
	char **argv;
	size_t k = 0, got = 0;
	pid_t ipid, wpid;
	int istatus = 0, errfd = -1, ret = 0;
	bool timed_out, stopped;

	memset(ir, 0, sizeof(*ir));
	memset(pp, -1, sizeof(pp));
	snprintf(fbdir, sizeof(fbdir), "%s/feedback-XXXXXX", s->scratch);
	if (!mkdtemp(fbdir)) {
		ie(ir, "feedback directory");
		return 0;
	}
	/* Some validators append file names to feedback_dir without a slash. */
	snprintf(fbarg, sizeof(fbarg), "%s/", fbdir);
	snprintf(errpath, sizeof(errpath), "%s.stderr", fbdir);
	for (int i = 0; i < NPIPES; i++)
		if (pipe2(pp[i], O_CLOEXEC) < 0) {
			ie(ir, "pipes for the interactor");
			goto out_pipes;
		}
	/* beside the random directory, in a place others may write: never a planted name */
	errfd = open(errpath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (errfd < 0 || set_nonblock(pp[I_OUT][0]) < 0 || set_nonblock(pp[P_IN][1]) < 0 ||
	    set_nonblock(pp[P_OUT][0]) < 0 || set_nonblock(pp[I_IN][1]) < 0) {
		ie(ir, "setting up the interactor's pipes");
		goto out_pipes;
	}

	argv = xcalloc(s->n_args + 5, sizeof(*argv));
	argv[k++] = (char *)s->interactor;
	argv[k++] = (char *)(s->input ? s->input : "/dev/null");
	argv[k++] = (char *)(s->answer ? s->answer : "/dev/null");
	argv[k++] = fbarg;
	for (size_t i = 0; i < s->n_args; i++)
		argv[k++] = s->args[i];
	argv[k] = NULL;
	fflush(NULL);
	ipid = fork();
	if (ipid == 0)
		interactor_child(argv, pp[I_IN][0], pp[I_OUT][1], errfd);
	free(argv);
	if (ipid < 0) {
		ie(ir, "fork the interactor");
		goto out_pipes;
	}
	setpgid(ipid, ipid);	/* both sides, so the group kill cannot race its setpgid */
	close_fd(&errfd);
	wpid = fork();
	if (wpid == 0) {
		for (int i = 0; i < NPIPES; i++)
			for (int e = 0; e < 2; e++)
				if (!(i == P_IN && e == 0) && !(i == P_OUT && e == 1) && !(i == REPORT && e == 1))
					close(pp[i][e]);
		tracer_child(s, pp[P_IN][0], pp[P_OUT][1], pp[REPORT][1]);
	}
	close_fd(&pp[I_IN][0]);
	close_fd(&pp[I_OUT][1]);
	close_fd(&pp[P_IN][0]);
	close_fd(&pp[P_OUT][1]);
	close_fd(&pp[REPORT][1]);
	if (wpid < 0) {
		ie(ir, "fork the tracer");
		kill(-ipid, SIGKILL);
		kill(ipid, SIGKILL);
		waitpid(ipid, &istatus, 0);
		goto out_pipes;
	}

	to_prog = xcalloc(1, sizeof(*to_prog));
	to_inter = xcalloc(1, sizeof(*to_inter));
	*to_prog = (struct relay){ .from = pp[I_OUT][0], .to = pp[P_IN][1] };
	*to_inter = (struct relay){ .from = pp[P_OUT][0], .to = pp[I_IN][1],
				    .limit = s->rq->lim.output_bytes };
	pp[I_OUT][0] = pp[P_IN][1] = pp[P_OUT][0] = pp[I_IN][1] = -1;
	/* Only now, so neither child inherits it: a write to a closed pipe is EPIPE here. */
	sigaction(SIGPIPE, &ign, &old_pipe);
	ret = converse(to_prog, to_inter, ipid, wpid, &istatus, &timed_out, &stopped);
	sigaction(SIGPIPE, &old_pipe, NULL);
	if (ret < 0) {
		ret = 0;
		ie(ir, "relaying between the program and the interactor");
		goto out_pipes;
	}

	memset(&wr, 0, sizeof(wr));
	while (got < sizeof(wr)) {
		ssize_t n = read(pp[REPORT][0], (char *)&wr + got, sizeof(wr) - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got < sizeof(wr) && !stopped) {
		ir->o.ie = true;
		snprintf(ir->o.ie_msg, sizeof(ir->o.ie_msg), "the tracer process died without a report");
		goto out_pipes;
	}
	if (got == sizeof(wr) && wr.rc < 0) {
		*err = wr.err;
		ret = -1;
		goto out_pipes;
	}
	/*
	 * Stopped after the interactor's rejection: the tracer ended the run as
	 * interrupted (or died of the signal before it could say so).  The
	 * program was killed by the judge, which is no failure of the judge's:
	 * it stands as killed, and the interactor's WA decides.
	 */
	if (stopped && (got < sizeof(wr) || (wr.o.ie && !wr.o.rf && !util_interrupted))) {
		if (got < sizeof(wr))
			memset(&wr, 0, sizeof(wr));
		wr.o.ie = false;
		wr.o.ie_msg[0] = '\0';
		wr.o.exited = false;
		wr.o.signal = SIGKILL;
	}
	ir->o = wr.o;
	ir->u = wr.u;
	ir->layers = wr.layers;
	ir->u.output_bytes += to_inter->bytes;
	ir->o.output_exceeded |= to_inter->over;
	ir->interactor_first = to_prog->eof_seq &&
			       (!to_inter->eof_seq || to_prog->eof_seq < to_inter->eof_seq);
	ir->cs = classify(istatus, timed_out, fbdir, errpath, ir->feedback, sizeof(ir->feedback));
	if (ir->cs == CHECK_AC)
		read_score(fbdir, ir);
out_pipes:
	for (int i = 0; i < NPIPES; i++)
		for (int e = 0; e < 2; e++)
			close_fd(&pp[i][e]);
	close_fd(&errfd);
	free(to_prog);
	free(to_inter);
	util_remove_tree(fbdir);
	unlink(errpath);
	return ret;
}
