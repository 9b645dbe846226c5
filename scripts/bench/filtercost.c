/*
 * filtercost: what a seccomp filter costs, apart from the judge.
 *
 *   filtercost syscall        ns per write(/dev/null) and getpid() with no filter
 *                             and with a one-instruction ALLOW filter, measured
 *                             in alternating children (a filter cannot be
 *                             removed); the best of ten each
 *   filtercost install        seccomp(SET_MODE_FILTER) time for filters of the
 *                             shape filter.c emits (a linear chain of range
 *                             tests on nr), the same chain jumped over, and a
 *                             binary search over the same ranges
 *
 * Since Linux 5.11 the kernel keeps, per filter, a bitmap of the syscall
 * numbers the filter allows whatever the arguments; it fills the bitmap at
 * install time by emulating the filter once per syscall number and
 * architecture.  A syscall in the bitmap never runs the filter, so the
 * filter's length costs nothing per syscall, but it is paid at every install.
 */
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAXI 4096

static struct sock_filter prog[MAXI];
static int n;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void emit(struct sock_filter f)
{
	if (n == MAXI) {
		fputs("filtercost: filter too long\n", stderr);
		exit(1);
	}
	prog[n++] = f;
}

#define STMT(c, k) emit((struct sock_filter)BPF_STMT(c, k))
#define JUMP(c, k, t, f) emit((struct sock_filter)BPF_JUMP(c, k, t, f))

/* Ranges are the single numbers 1, 3, 5, ...: every other one, like a policy's gaps. */
static void linear(int ranges, int skip)
{
	n = 0;
	STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	if (skip)
		STMT(BPF_JMP | BPF_JA, 4 * ranges);
	for (int r = 0; r < ranges; r++) {	/* filter.c's block: JGT hi, JGE lo, RET dflt, RET act */
		JUMP(BPF_JMP | BPF_JGT | BPF_K, 2 * r + 1, 3, 0);
		JUMP(BPF_JMP | BPF_JGE | BPF_K, 2 * r + 1, 1, 0);
		STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
		STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	}
	STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
}

/* Ranges [a, b) as a binary search: one compare per level, a range test at a leaf. */
static void tree_node(int a, int b)
{
	if (b - a == 1) {
		JUMP(BPF_JMP | BPF_JEQ | BPF_K, 2 * a + 1, 1, 0);
		STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);	/* default */
		STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);	/* the range's action */
		return;
	}
	int mid = (a + b) / 2, at = n;

	JUMP(BPF_JMP | BPF_JGE | BPF_K, 2 * mid + 1, 0, 0);
	tree_node(a, mid);
	if (n - at - 1 > 255) {
		fputs("filtercost: subtree too long for a conditional jump\n", stderr);
		exit(1);
	}
	prog[at].jt = (unsigned char)(n - at - 1);
	tree_node(mid, b);
}

static void tree(int ranges)
{
	n = 0;
	STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	tree_node(0, ranges);
}

static int install(void)
{
	struct sock_fprog fp = { (unsigned short)n, prog };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fp);
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median install time over fresh children, since a filter cannot be removed. */
static double install_us(void)
{
	enum { REPS = 41 };
	double v[REPS];

	for (int r = 0; r < REPS; r++) {
		int p[2];
		pid_t c;

		if (pipe(p) < 0 || (c = fork()) < 0)
			exit(1);
		if (c == 0) {
			double t0 = now_ns(), d;

			if (install() < 0)
				_exit(1);
			d = now_ns() - t0;
			_exit(write(p[1], &d, sizeof(d)) == sizeof(d) ? 0 : 1);
		}
		if (read(p[0], &v[r], sizeof(v[r])) != sizeof(v[r]))
			exit(1);
		waitpid(c, NULL, 0);
		close(p[0]);
		close(p[1]);
	}
	qsort(v, REPS, sizeof(v[0]), cmp);
	return v[REPS / 2] / 1e3;
}

static double per_call_ns(int fd, int getpid_instead)
{
	enum { CALLS = 500000 };
	double t0 = now_ns();

	for (int i = 0; i < CALLS; i++)
		if (getpid_instead)
			syscall(SYS_getpid);
		else if (write(fd, "x", 1) != 1)
			exit(1);
	return (now_ns() - t0) / CALLS;
}

/* In a child: v[0] = ns per write, v[1] = ns per getpid, with or without a filter. */
static void measure_in_child(int with_filter, double v[2])
{
	int p[2];
	pid_t c;

	if (pipe(p) < 0 || (c = fork()) < 0)
		exit(1);
	if (c == 0) {
		int fd = open("/dev/null", O_WRONLY);
		double r[2];

		linear(0, 0);
		if (fd < 0 || (with_filter && install() < 0))
			_exit(1);
		r[0] = per_call_ns(fd, 0);
		r[1] = per_call_ns(fd, 1);
		_exit(write(p[1], r, sizeof(r)) == sizeof(r) ? 0 : 1);
	}
	if (read(p[0], v, 2 * sizeof(double)) != 2 * sizeof(double))
		exit(1);
	waitpid(c, NULL, 0);
	close(p[0]);
	close(p[1]);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "syscall") == 0) {
		double w0 = 1e18, g0 = 1e18, w1 = 1e18, g1 = 1e18, v[2];

		for (int r = 0; r < 10; r++) {
			measure_in_child(0, v);
			w0 = v[0] < w0 ? v[0] : w0;
			g0 = v[1] < g0 ? v[1] : g0;
			measure_in_child(1, v);
			w1 = v[0] < w1 ? v[0] : w1;
			g1 = v[1] < g1 ? v[1] : g1;
		}
		printf("write(/dev/null): %.0f ns without a filter, %.0f ns with one (+%.0f ns)\n", w0, w1, w1 - w0);
		printf("getpid():         %.0f ns without a filter, %.0f ns with one (+%.0f ns)\n", g0, g1, g1 - g0);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "install") == 0) {
		static const int sizes[] = { 8, 28, 56, 112 };

		printf("ranges  linear: insns  us | same chain jumped over: us | binary search: insns  us\n");
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			int r = sizes[i], li, ti;
			double l, s, t;

			linear(r, 0);
			li = n;
			l = install_us();
			linear(r, 1);
			s = install_us();
			tree(r);
			ti = n;
			t = install_us();
			printf("%6d  %13d %5.0f | %26.0f | %20d %4.0f\n", r, li, l, s, ti, t);
		}
		return 0;
	}
	fputs("usage: filtercost syscall|install\n", stderr);
	return 2;
}
