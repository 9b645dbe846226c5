#include "extchecker.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <linux/close_range.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "checktext.h"

/*
 * External checkers are forked into their own process group with rlimits
 * (CPU, address space, file size, no core) and stdin/stdout/stderr
 * redirected; the parent captures their output, enforces a wall deadline of
 * twice the CPU limit, and kills the whole group when the checker ends or
 * overstays, so nothing it started outlives the verdict.  exec failures come
 * back over a close-on-exec pipe, the way isolate reports setup errors, so
 * "checker missing" is told apart from "checker said WA".
 */

#define CAPTURE_MAX	(64 * 1024)
#define CHECKER_FSIZE	(64LL << 20)

struct checker_end {
	int status;		/* from waitpid */
	int exec_errno;		/* the child could not start the checker */
	bool timed_out;		/* killed by us at the wall deadline */
	bool lost;		/* its status was reaped elsewhere (SIGCHLD ignored?) */
	char *capture;		/* its stdout + stderr, up to CAPTURE_MAX bytes */
	size_t capture_n;
};

/* Moves fd out of the 0..2 range, so that the child's dup2() calls cannot clobber it. */
static int high_fd(int fd)
{
	int nfd;

	if (fd < 0 || fd > 2)
		return fd;
	nfd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	close(fd);
	return nfd;
}

/*
 * Runs in the forked child: only system calls from here on.  Failures go to
 * the parent as an errno over `errfd`.
 */
static void __attribute__((noreturn)) child_exec(const struct checker *c, char *const argv[],
						 int in_fd, int out_fd, int errfd)
{
	struct rlimit rl;
	rlim_t secs;
	int e;

	setpgid(0, 0);
	util_reset_signals();

	if (dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(out_fd, 2) < 0)
		goto fail;

	secs = (rlim_t)((c->time_ms + 999) / 1000);
	rl.rlim_cur = secs ? secs : 1;
	rl.rlim_max = rl.rlim_cur + 1;
	if (setrlimit(RLIMIT_CPU, &rl) < 0)
		goto fail;
	if (c->memory_kib > 0) {
		rl.rlim_cur = rl.rlim_max = (rlim_t)c->memory_kib * 1024;
		if (setrlimit(RLIMIT_AS, &rl) < 0)
			goto fail;
	}
	rl.rlim_cur = rl.rlim_max = 0;
	if (setrlimit(RLIMIT_CORE, &rl) < 0)
		goto fail;
	rl.rlim_cur = rl.rlim_max = CHECKER_FSIZE;
	if (setrlimit(RLIMIT_FSIZE, &rl) < 0)
		goto fail;

	/* Whatever else the judge has open stays out of the checker (errfd closes at exec). */
	if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0) {
		for (int fd = 3; fd < 1024; fd++)
			if (fd != errfd)
				fcntl(fd, F_SETFD, FD_CLOEXEC);
	}
	execv(argv[0], argv);
fail:
	e = errno;
	if (write(errfd, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

static bool child_ended(pid_t pid)
{
	siginfo_t si;

	si.si_pid = 0;
	/* WNOWAIT: the zombie keeps the pid and process group reserved until we kill the group. */
	if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0)
		return errno != EINTR;
	return si.si_pid == pid;
}

static void capture_read(int *fd, struct checker_end *o)
{
	char sink[8192];
	ssize_t r;

	for (;;) {
		if (o->capture_n < CAPTURE_MAX)
			r = read(*fd, o->capture + o->capture_n, CAPTURE_MAX - o->capture_n);
		else
			r = read(*fd, sink, sizeof(sink));
		if (r > 0) {
			if (o->capture_n < CAPTURE_MAX)
				o->capture_n += (size_t)r;
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0 || errno != EAGAIN) {
			close(*fd);
			*fd = -1;
		}
		return;
	}
}

/*
 * Forks the checker with argv and stdin from in_fd, waits for it at most
 * twice its CPU limit, and collects how it ended.  Returns -1 only when the
 * judge itself could not fork or make pipes (message in fb).
 */
static int spawn_checker(const struct checker *c, char *const argv[], int in_fd,
			 struct checker_end *o, char *fb, size_t fl)
{
	int cap[2] = { -1, -1 }, errp[2] = { -1, -1 }, pidfd, e;
	int64_t wall_ms = 2 * c->time_ms, deadline, left;
	struct pollfd pf[2];
	ssize_t r;
	pid_t pid;
	nfds_t n;

	memset(o, 0, sizeof(*o));
	o->capture = xmalloc(CAPTURE_MAX + 1);
	if (pipe2(cap, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0) {
		fb_printf(fb, fl, "cannot make a pipe for the checker: %s", strerror(errno));
		goto fail_pipes;
	}
	cap[0] = high_fd(cap[0]);
	cap[1] = high_fd(cap[1]);
	errp[0] = high_fd(errp[0]);
	errp[1] = high_fd(errp[1]);
	in_fd = high_fd(in_fd);
	if (cap[0] < 0 || cap[1] < 0 || errp[0] < 0 || errp[1] < 0 || in_fd < 0) {
		fb_printf(fb, fl, "cannot set up descriptors for the checker: %s", strerror(errno));
		goto fail_pipes;
	}

	deadline = util_now_ns() + wall_ms * 1000000;
	pid = fork();
	if (pid < 0) {
		fb_printf(fb, fl, "cannot fork the checker: %s", strerror(errno));
		goto fail_pipes;
	}
	if (pid == 0)
		child_exec(c, argv, in_fd, cap[1], errp[1]);

	/* Both sides set the group, so a kill cannot race the child's own setpgid(). */
	setpgid(pid, pid);
	close(cap[1]);
	close(errp[1]);
	close(in_fd);
	do
		r = read(errp[0], &e, sizeof(e));
	while (r < 0 && errno == EINTR);
	close(errp[0]);
	if (r == sizeof(e))
		o->exec_errno = e ? e : EIO;
	fcntl(cap[0], F_SETFL, O_NONBLOCK);

	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	for (;;) {
		if (child_ended(pid))
			break;
		left = (deadline - util_now_ns() + 999999) / 1000000;
		if (left <= 0) {
			o->timed_out = true;
			break;
		}
		n = 0;
		if (cap[0] >= 0)
			pf[n++] = (struct pollfd){ .fd = cap[0], .events = POLLIN };
		if (pidfd >= 0)
			pf[n++] = (struct pollfd){ .fd = pidfd, .events = POLLIN };
		else if (left > 10)
			left = 10;	/* no pidfd (Linux < 5.3): look again soon */
		if (poll(pf, n, left > INT_MAX ? INT_MAX : (int)left) < 0 && errno != EINTR)
			break;
		if (cap[0] >= 0)
			capture_read(&cap[0], o);
	}
	/* The checker's helpers die with it, whether it finished or overstayed. */
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	while (waitpid(pid, &o->status, 0) < 0) {
		if (errno != EINTR) {
			o->lost = true;
			break;
		}
	}
	if (cap[0] >= 0) {
		capture_read(&cap[0], o);
		if (cap[0] >= 0)
			close(cap[0]);
	}
	if (pidfd >= 0)
		close(pidfd);
	o->capture[o->capture_n] = '\0';
	return 0;

fail_pipes:
	for (int i = 0; i < 2; i++) {
		if (cap[i] >= 0)
			close(cap[i]);
		if (errp[i] >= 0)
			close(errp[i]);
	}
	if (in_fd >= 0)
		close(in_fd);
	free(o->capture);
	o->capture = NULL;
	return -1;
}

struct exit_code {
	int code;
	enum check_result r;
};

static const struct exit_code testlib_exit[] = {
	{ 0, CHECK_AC }, { 1, CHECK_WA }, { 2, CHECK_PE },
};

static const struct exit_code kattis_exit[] = {
	{ 42, CHECK_AC }, { 43, CHECK_WA },
};

/* The signals an rlimit sends, and which limit it was. */
static const struct {
	int sig;
	const char *note;
} signal_notes[] = {
	{ SIGXCPU, ": over its CPU time limit" },
	{ SIGXFSZ, ": wrote a file over 64 MiB" },
};

/*
 * Turns how the checker ended into a result; for CHECK_FAIL, `why` says what
 * went wrong in the words an operator needs.
 */
static enum check_result classify(const struct checker *c, const struct checker_end *o,
				  char *why, size_t wl)
{
	const struct exit_code *t = c->kind == CHECKER_KATTIS ? kattis_exit : testlib_exit;
	size_t nt = c->kind == CHECKER_KATTIS ? ARRAY_SIZE(kattis_exit) : ARRAY_SIZE(testlib_exit);
	const char *note = "";
	int st = o->status, sig;

	why[0] = '\0';
	if (o->exec_errno) {
		snprintf(why, wl, "cannot run checker %s: %s", c->program, strerror(o->exec_errno));
		return CHECK_FAIL;
	}
	if (o->lost) {
		snprintf(why, wl, "lost the checker's exit status (is SIGCHLD ignored?)");
		return CHECK_FAIL;
	}
	if (o->timed_out) {
		snprintf(why, wl, "checker timed out after %lld ms", (long long)(2 * c->time_ms));
		return CHECK_FAIL;
	}
	if (WIFSIGNALED(st)) {
		sig = WTERMSIG(st);
		for (size_t i = 0; i < ARRAY_SIZE(signal_notes); i++)
			if (signal_notes[i].sig == sig)
				note = signal_notes[i].note;
		snprintf(why, wl, "checker killed by signal %d (SIG%s)%s", sig,
			 sigabbrev_np(sig) ? sigabbrev_np(sig) : "?", note);
		return CHECK_FAIL;
	}
	if (WIFEXITED(st)) {
		for (size_t i = 0; i < nt; i++)
			if (t[i].code == WEXITSTATUS(st))
				return t[i].r;
		snprintf(why, wl, "checker exited with status %d", WEXITSTATUS(st));
		return CHECK_FAIL;
	}
	snprintf(why, wl, "checker ended with wait status %#x", st);
	return CHECK_FAIL;
}

/* "why: text" (either may be empty), cleaned up for a verdict line. */
static void compose(char *fb, size_t fl, const char *why, const char *text, size_t n)
{
	size_t w;

	if (!fb || !fl)
		return;
	snprintf(fb, fl, "%s%s", why, why[0] && n ? ": " : "");
	w = strlen(fb);
	if (n)
		fb_sanitize(fb + w, fl - w, text, n);
}

/* Reads up to CAPTURE_MAX bytes of dir/name; NULL when absent or empty. */
static char *read_feedback_file(const char *dir, const char *name, size_t *n)
{
	char path[PATH_MAX];
	char *buf;
	ssize_t r;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return NULL;
	buf = xmalloc(CAPTURE_MAX + 1);
	*n = 0;
	while (*n < CAPTURE_MAX) {
		r = read(fd, buf + *n, CAPTURE_MAX - *n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		*n += (size_t)r;
	}
	close(fd);
	if (*n == 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

bool extchecker_parse_score(const char *text, size_t n, double *score)
{
	char buf[64], *end;
	double v;

	/* leading and trailing blanks, then one number and nothing else */
	while (n && strchr(" \t\r\n", *text)) {
		text++;
		n--;
	}
	while (n && strchr(" \t\r\n", text[n - 1]))
		n--;
	if (!n || n >= sizeof(buf) || memchr(text, '\0', n))
		return false;
	memcpy(buf, text, n);
	buf[n] = '\0';
	errno = 0;
	v = strtod(buf, &end);
	if (end == buf || *end || errno || !isfinite(v))
		return false;
	*score = v;
	return true;
}

/* testlib's exit codes for partial results (testlib.h POINTS_EXIT_CODE, _pc) */
#define TESTLIB_POINTS_EXIT 7
#define TESTLIB_PC_BASE 16
#define TESTLIB_PC_MAX 100

bool extchecker_testlib_points(int exit_code, const char *capture, size_t n, double *score)
{
	const char *p, *end;
	char *stop, buf[64];
	size_t k;

	if (exit_code >= TESTLIB_PC_BASE && exit_code <= TESTLIB_PC_BASE + TESTLIB_PC_MAX) {
		*score = exit_code - TESTLIB_PC_BASE;
		return true;
	}
	if (exit_code != TESTLIB_POINTS_EXIT || !capture)
		return false;
	/* quitp() writes "points 0.5 message"; some builds leave out the word */
	p = memmem(capture, n, "points", 6);
	p = p ? p + 6 : capture;
	end = capture + n;
	while (p < end && strchr(" \t\r\n", *p))
		p++;
	for (k = 0; p + k < end && k + 1 < sizeof(buf) && !strchr(" \t\r\n", p[k]); k++)
		buf[k] = p[k];
	buf[k] = '\0';
	errno = 0;
	*score = strtod(buf, &stop);
	return k && !*stop && !errno && isfinite(*score);
}

enum check_result extchecker_run(const struct checker *c, const char *input_path,
				 const char *output_path, const char *answer_path,
				 char *fb, size_t fl, struct check_score *score)
{
	char dir[PATH_MAX] = "", dir_arg[PATH_MAX + 1], why[PATH_MAX + 128];
	const char *tmp = getenv("TMPDIR");
	char **argv, *msg = NULL, *err_msg = NULL;
	size_t k = 0, msg_n = 0, err_n = 0;
	struct checker lim = *c;
	enum check_result r;
	struct checker_end o;
	int in_fd;

	if (!input_path)
		input_path = "/dev/null";
	if (!answer_path)
		answer_path = "/dev/null";
	if (!output_path)
		output_path = "/dev/null";
	if (lim.time_ms <= 0)
		lim.time_ms = CHECKER_TIME_MS;

	argv = xcalloc(c->n_args + 5, sizeof(*argv));
	argv[k++] = lim.program;
	if (c->kind == CHECKER_KATTIS && c->feedback_dir) {
		snprintf(dir_arg, sizeof(dir_arg), "%s/", c->feedback_dir);
		argv[k++] = (char *)input_path;
		argv[k++] = (char *)answer_path;
		argv[k++] = dir_arg;
		in_fd = open(output_path, O_RDONLY | O_CLOEXEC);
	} else if (c->kind == CHECKER_KATTIS) {
		snprintf(dir, sizeof(dir), "%s/judge-feedback-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir)) {
			fb_printf(fb, fl, "cannot make a feedback directory in %s: %s",
				  tmp && *tmp ? tmp : "/tmp", strerror(errno));
			free(argv);
			return CHECK_FAIL;
		}
		/* Some validators append file names to feedback_dir without a slash. */
		snprintf(dir_arg, sizeof(dir_arg), "%s/", dir);
		argv[k++] = (char *)input_path;
		argv[k++] = (char *)answer_path;
		argv[k++] = dir_arg;
		in_fd = open(output_path, O_RDONLY | O_CLOEXEC);
	} else {
		argv[k++] = (char *)input_path;
		argv[k++] = (char *)output_path;
		argv[k++] = (char *)answer_path;
		in_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	}
	for (size_t i = 0; i < c->n_args; i++)
		argv[k++] = c->args[i];
	argv[k] = NULL;

	if (in_fd < 0) {
		fb_printf(fb, fl, "cannot open %s: %s",
			  c->kind == CHECKER_KATTIS ? output_path : "/dev/null", strerror(errno));
		r = CHECK_FAIL;
		goto out;
	}
	if (spawn_checker(&lim, argv, in_fd, &o, fb, fl) < 0) {
		r = CHECK_FAIL;
		goto out;
	}
	r = classify(&lim, &o, why, sizeof(why));
	if (c->kind == CHECKER_TESTLIB && r == CHECK_FAIL && !o.exec_errno && !o.lost &&
	    !o.timed_out && WIFEXITED(o.status) && score &&
	    extchecker_testlib_points(WEXITSTATUS(o.status), o.capture, o.capture_n, &score->value)) {
		score->given = true;
		r = CHECK_AC;
		snprintf(why, sizeof(why), "partial points %g", score->value);
	}
	if (c->kind == CHECKER_KATTIS) {
		const char *fbdir = c->feedback_dir ? c->feedback_dir : dir;

		msg = read_feedback_file(fbdir, "judgemessage.txt", &msg_n);
		err_msg = read_feedback_file(fbdir, "judgeerror.txt", &err_n);
		if (r == CHECK_AC && score) {
			size_t n = 0;
			char *text = read_feedback_file(fbdir, "score.txt", &n);

			if (text && extchecker_parse_score(text, n, &score->value)) {
				score->given = true;
			} else if (text) {
				snprintf(why, sizeof(why), "the validator's score.txt is not a number");
				r = CHECK_FAIL;
			}
			free(text);
		}
	}
	if (r == CHECK_FAIL && err_msg)
		compose(fb, fl, why, err_msg, err_n);
	else if (msg)
		compose(fb, fl, why, msg, msg_n);
	else
		compose(fb, fl, why, o.capture, o.capture_n);
	free(o.capture);
	free(msg);
	free(err_msg);
out:
	if (dir[0])
		util_remove_tree(dir);
	free(argv);
	return r;
}
