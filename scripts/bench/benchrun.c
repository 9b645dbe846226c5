/*
 * benchrun: times whole processes, interleaved, and reports medians.
 *
 *   benchrun [-n MIN] [-N MAX] [-T SECONDS] [-e REL] [-i STDIN] [-o STDOUT]
 *            [-M] [-F FD:FILE] [-R LABEL,...] [-P PAUSE]
 *            LABEL[/K] CMD ARGS... [::: LABEL[/K] CMD ARGS...]...
 *
 * Theory of operation.  A repetition runs every variant once; the variant that
 * goes first rotates, so neither drift of the machine (clock frequency, a
 * noisy neighbour on the host) nor "the previous run warmed the cache" favours
 * one variant.  The first variant is the baseline: each other variant's ratio
 * is the median, over repetitions, of its time divided by the baseline's time
 * in the same repetition, which cancels drift slower than one repetition.
 *
 * One run is fork, execv, wait4 in this small process: the same cost for a
 * native program and for the judge, so the difference between the two is the
 * judge's own overhead.  hyperfine measures the same thing, but costs more
 * per run than a 0.3 ms program and adds its own shell handling.
 *
 * Repetitions stop after MAX, after SECONDS spent in the variants without a
 * cap, or once at least MIN are done and, for every variant, the
 * distribution-free 95% confidence interval of its median ratio is within
 * +-REL.  A variant written LABEL/K runs only in the first K repetitions, and
 * in none once it has itself taken SECONDS (a slow variant whose every run
 * averages over a million events needs few, and has no warm-up).  One
 * warm-up repetition, not counted, fills the page cache and the JVM's
 * class-data archive.
 *
 * With -P, the machine idles PAUSE seconds before every timed run (not
 * timed): what a backend that starts one judge per test, between other
 * work, pays on a first run after idle (cold caches, and on cgroups, locks
 * that wait for an RCU grace period once they have been idle).
 *
 * stdin comes from STDIN (default /dev/null) and stdout goes to the file
 * STDOUT, truncated before each run, for every variant alike.  When that file
 * then holds the judge's JSON, the run must have said "OK" (or "AC"), and its numbers
 * are collected.
 *
 * With -M, one more untimed run of each judged variant measures the judge's
 * own peak RSS: this process traces it with PTRACE_O_TRACEEXIT only and reads
 * VmHWM from /proc at its exit stop, when its memory is still there.  wait4()
 * and /usr/bin/time cannot tell it: the ru_maxrss of a reaped child is the
 * largest of its own and its reaped children's, the program's.  Tracing the
 * judge does not stop it from tracing its own child.
 *
 * -R names more variants to compare with: every variant then also gets its
 * median per-repetition ratio to each of those, with its interval (the judge
 * against the floor launcher and against a peer sandbox, in the same
 * repetitions).  -F FD:FILE opens FILE on FD in every run's child.
 *
 * Output: one line of key=value per variant.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_VARIANTS 16

/* Fields of the judge's JSON that are kept, in SPEC §3 names. */
static const char *const json_keys[] = { "cpu_ms", "wall_ms", "memory_kb", "judge_cpu_ms",
					 "syscall_stops" };
#define NKEYS (sizeof(json_keys) / sizeof(json_keys[0]))

struct sample {
	double wall_ns;
	double cpu_ns;		/* the child's utime + stime, its reaped children included */
	double maxrss_kb;	/* wait4's: max over the child and its children */
	double json[NKEYS];
};

struct variant {
	const char *label;
	char **argv;
	int max_reps;		/* 0: no limit of its own */
	int n;
	double spent_ns;
	int judged;		/* its output was the judge's JSON */
	struct sample *s;
	long selfrss_kb;
};

static struct variant var[MAX_VARIANTS];
static int nvar;

static void __attribute__((noreturn, format(printf, 1, 2))) die(const char *fmt, ...)
{
	va_list ap;

	fputs("benchrun: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	if (n == 0)
		return NAN;
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/*
 * The 95% interval of a median from order statistics (no assumption on the
 * distribution): ranks n/2 -+ 0.98 sqrt(n), 1-based.  `v` must be sorted.
 */
static void median_ci(const double *v, int n, double *lo, double *hi)
{
	double h = 0.98 * sqrt((double)n);
	int j = (int)floor(n / 2.0 - h), k = (int)ceil(1 + n / 2.0 + h);

	if (j < 1)
		j = 1;
	if (k > n)
		k = n;
	*lo = v[j - 1];
	*hi = v[k - 1];
}

/* Ratios of variant v to the baseline over the repetitions both ran. */
/* Per-repetition ratios of variant v's time to variant b's, sorted. */
static int ratios_to(int v, int b, double *out)
{
	int n = var[v].n < var[b].n ? var[v].n : var[b].n;

	for (int i = 0; i < n; i++)
		out[i] = var[v].s[i].wall_ns / var[b].s[i].wall_ns;
	qsort(out, (size_t)n, sizeof(*out), cmp_double);
	return n;
}

static int ratios(int v, double *out)
{
	return ratios_to(v, 0, out);
}

static int open_or_die(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC, 0644);

	if (fd < 0)
		die("%s: %s", path, strerror(errno));
	return fd;
}

/* `s` may be NULL: only check the verdict. */
static void parse_json(struct variant *v, const char *buf, struct sample *s)
{
	for (size_t k = 0; s && k < NKEYS; k++)
		s->json[k] = NAN;
	if (!strstr(buf, "\"verdict\":"))
		return;
	/* judge run says OK; judge test, with answers, AC */
	if (!strstr(buf, "\"verdict\":\"OK\"") && !strstr(buf, "\"verdict\":\"AC\"")) {
		const char *verdict = strstr(buf, "\"verdict\":\"") + 11, *msg = strstr(buf, "\"message\":\"");

		die("%s: the judge said %.*s: %.*s", v->label, (int)strcspn(verdict, "\""), verdict,
		    msg ? (int)strcspn(msg + 11, "\"") : 0, msg ? msg + 11 : "");
	}
	v->judged = 1;
	for (size_t k = 0; s && k < NKEYS; k++) {
		char key[64];
		const char *p;

		snprintf(key, sizeof(key), "\"%s\":", json_keys[k]);
		p = strstr(buf, key);
		s->json[k] = p ? strtod(p + strlen(key), NULL) : NAN;
	}
}

static long vm_hwm_kb(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (!(f = fopen(path, "re")))
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmHWM: %ld", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/*
 * Waits for a child traced only for its exit (see -M); returns its VmHWM.
 * Every other stop is a signal on its way to the child, passed on unchanged.
 */
static long wait_traced(pid_t pid, int *st, struct rusage *ru)
{
	long kb = -1;

	for (;;) {
		if (wait4(pid, st, __WALL, ru) != pid)
			die("wait4: %s", strerror(errno));
		if (!WIFSTOPPED(*st))
			return kb;
		if (*st >> 16 == PTRACE_EVENT_EXIT)
			kb = vm_hwm_kb(pid);
		ptrace(PTRACE_CONT, pid, 0, *st >> 16 || WSTOPSIG(*st) == SIGSTOP ? 0 : WSTOPSIG(*st));
	}
}

/*
 * One fork+execv+wait4 of variant v; fills `s` (may be NULL: untimed).
 * With `hwm`, the run is traced and *hwm gets the process's own peak RSS.
 */
/* -F FD:FILE: FILE open on FD in every run (bwrap --seccomp FD reads its filter there). */
static int extra_fd = -1;
static const char *extra_path;

static void run_once(struct variant *v, int in_fd, int out_fd, long *hwm, struct sample *s)
{
	struct rusage ru;
	double t0, t1;
	int st;
	pid_t pid;
	char buf[65536];
	ssize_t n;

	/* the children share these files' offsets with us */
	if (ftruncate(out_fd, 0) < 0 || lseek(out_fd, 0, SEEK_SET) < 0 || lseek(in_fd, 0, SEEK_SET) < 0)
		die("resetting stdin/stdout: %s", strerror(errno));
	t0 = now_ns();
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		if (dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0)
			_exit(126);
		if (extra_path) {
			int fd = open(extra_path, O_RDONLY);

			if (fd < 0 || (fd != extra_fd && (dup2(fd, extra_fd) < 0 || close(fd) < 0)))
				_exit(126);
		}
		if (hwm && (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0 || raise(SIGSTOP) < 0))
			_exit(126);
		execv(v->argv[0], v->argv);
		_exit(127);
	}
	if (hwm) {
		if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st) ||
		    ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACEEXIT | PTRACE_O_TRACEEXEC |
			   PTRACE_O_EXITKILL) < 0 || ptrace(PTRACE_CONT, pid, 0, 0) < 0)
			die("%s: cannot trace it: %s", v->label, strerror(errno));
		*hwm = wait_traced(pid, &st, &ru);
	} else if (wait4(pid, &st, 0, &ru) != pid) {
		die("wait4: %s", strerror(errno));
	}
	t1 = now_ns();
	n = pread(out_fd, buf, sizeof(buf) - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	parse_json(v, buf, s);	/* first: a verdict says more than an exit status */
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		die("%s: %s exited with status %d (signal %d)", v->label, v->argv[0],
		    WIFEXITED(st) ? WEXITSTATUS(st) : -1, WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	if (!s)
		return;
	s->wall_ns = t1 - t0;
	s->cpu_ns = ((double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec) * 1e9 +
		    ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) * 1e3;
	s->maxrss_kb = (double)ru.ru_maxrss;
}

static int active(const struct variant *v, int rep, double budget_s)
{
	return v->max_reps == 0 || (rep < v->max_reps && v->spent_ns / 1e9 <= budget_s);
}

/* Whether every ratio's interval is within +-rel of its median. */
static int settled(double rel, double budget_s, double *tmp)
{
	for (int v = 1; v < nvar; v++) {
		int n = ratios(v, tmp);
		double lo, hi, m;

		if (var[v].max_reps && (n >= var[v].max_reps || !active(&var[v], n, budget_s)))
			continue;	/* capped: as settled as it will get */
		if (n < 3)
			return 0;
		m = median(tmp, n);
		median_ci(tmp, n, &lo, &hi);
		if ((hi - lo) / 2 > rel * m)
			return 0;
	}
	return 1;
}

static void usage(void)
{
	fputs("usage: benchrun [-n MIN] [-N MAX] [-T SECONDS] [-e REL] [-i STDIN] [-o STDOUT]\n"
	      "                [-M] [-F FD:FILE] [-R LABEL,...] [-P PAUSE]\n"
	      "                LABEL[/K] CMD ARGS... [::: LABEL[/K] CMD ARGS...]...\n",
	      stderr);
	exit(2);
}

static void idle(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

int main(int argc, char **argv)
{
	int min_reps = 5, max_reps = 50, opt, in_fd, out_fd, reps = 0;
	double budget_s = 60, rel = 0.01, spent_ns = 0, pause_s = 0, *tmp;
	const char *in_path = "/dev/null", *out_path = NULL;
	bool self_rss = false;
	const char *against = NULL;

	while ((opt = getopt(argc, argv, "+n:N:T:e:i:o:MF:R:P:")) != -1) {
		switch (opt) {
		case 'n': min_reps = atoi(optarg); break;
		case 'N': max_reps = atoi(optarg); break;
		case 'T': budget_s = atof(optarg); break;
		case 'e': rel = atof(optarg); break;
		case 'i': in_path = optarg; break;
		case 'o': out_path = optarg; break;
		case 'M': self_rss = true; break;
		case 'F':
			extra_fd = atoi(optarg);
			extra_path = strchr(optarg, ':');
			if (extra_fd < 3 || !extra_path++)
				usage();
			break;
		case 'R': against = optarg; break;
		case 'P': pause_s = atof(optarg); break;
		default: usage();
		}
	}
	if (!out_path || optind >= argc || min_reps < 1 || max_reps < min_reps)
		usage();
	/* Split LABEL CMD... ::: LABEL CMD... in place. */
	for (int i = optind; i < argc;) {
		struct variant *v;
		char *slash;

		if (nvar == MAX_VARIANTS || i + 1 >= argc)
			usage();
		v = &var[nvar++];
		v->label = argv[i];
		if ((slash = strchr(argv[i], '/'))) {
			*slash = '\0';
			v->max_reps = atoi(slash + 1);
		}
		v->argv = &argv[i + 1];
		while (i < argc && strcmp(argv[i], ":::") != 0)
			i++;
		if (i < argc)
			argv[i++] = NULL;
		if (access(v->argv[0], X_OK) != 0)
			die("%s: %s: not executable", v->label, v->argv[0]);
		v->s = calloc((size_t)max_reps, sizeof(*v->s));
		if (!v->s)
			die("out of memory");
	}
	tmp = calloc((size_t)max_reps, sizeof(*tmp));
	in_fd = open_or_die(in_path, O_RDONLY);
	out_fd = open_or_die(out_path, O_RDWR | O_CREAT | O_TRUNC);

	for (int v = 0; v < nvar; v++)
		if (!var[v].max_reps)
			run_once(&var[v], in_fd, out_fd, NULL, NULL);	/* warm-up */
	while (reps < max_reps) {
		for (int k = 0; k < nvar; k++) {
			struct variant *v = &var[(reps + k) % nvar];

			if (active(v, reps, budget_s)) {
				if (pause_s > 0)
					idle(pause_s);
				run_once(v, in_fd, out_fd, NULL, &v->s[v->n]);
				v->spent_ns += v->s[v->n].wall_ns;
				if (!v->max_reps)
					spent_ns += v->s[v->n].wall_ns;
				v->n++;
			}
		}
		reps++;
		if ((reps >= min_reps && settled(rel, budget_s, tmp)) || spent_ns / 1e9 > budget_s)
			break;
	}
	for (int v = 0; v < nvar; v++) {
		var[v].selfrss_kb = -1;
		if (self_rss && var[v].judged)
			run_once(&var[v], in_fd, out_fd, &var[v].selfrss_kb, NULL);
	}

	for (int v = 0; v < nvar; v++) {
		struct variant *x = &var[v];
		int n = x->n;

		printf("label=%s reps=%d", x->label, n);
		for (int i = 0; i < n; i++)
			tmp[i] = x->s[i].wall_ns;
		printf(" wall_ms=%.4f", median(tmp, n) / 1e6);
		printf(" wall_min_ms=%.4f wall_max_ms=%.4f", tmp[0] / 1e6, tmp[n - 1] / 1e6);
		for (int i = 0; i < n; i++)
			tmp[i] = x->s[i].cpu_ns;
		printf(" cpu_ms=%.3f", median(tmp, n) / 1e6);
		for (int i = 0; i < n; i++)
			tmp[i] = x->s[i].maxrss_kb;
		printf(" maxrss_kb=%.0f", median(tmp, n));
		if (x->judged) {
			for (size_t k = 0; k < NKEYS; k++) {
				for (int i = 0; i < n; i++)
					tmp[i] = x->s[i].json[k];
				printf(" j_%s=%.1f", json_keys[k], median(tmp, n));
			}
			printf(" selfrss_kb=%ld", x->selfrss_kb);
		}
		if (v > 0) {
			double lo, hi;
			int m = ratios(v, tmp);

			median_ci(tmp, m, &lo, &hi);
			printf(" ratio=%.4f ratio_lo=%.4f ratio_hi=%.4f", median(tmp, m), lo, hi);
		}
		/* -R A,B: the ratio to each of those variants too, as r_A=... r_A_lo= r_A_hi= */
		for (const char *a = against; a && *a;) {
			size_t len = strcspn(a, ",");

			for (int b = 0; b < nvar; b++) {
				double lo, hi;
				int m;

				if (b == v || strlen(var[b].label) != len || strncmp(var[b].label, a, len) != 0)
					continue;
				m = ratios_to(v, b, tmp);
				if (m == 0)
					continue;
				median_ci(tmp, m, &lo, &hi);
				printf(" r_%s=%.4f r_%s_lo=%.4f r_%s_hi=%.4f", var[b].label, median(tmp, m),
				       var[b].label, lo, var[b].label, hi);
			}
			a += len + (a[len] == ',');
		}
		putchar('\n');
	}
	return 0;
}
