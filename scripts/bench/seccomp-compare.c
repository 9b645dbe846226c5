/*
 * make seccomp-compare: the judge's hand-assembled seccomp filter against
 * the one libseccomp generates for the same policy (docs/seccomp.md).
 * For each policy named on the command line: the programs' lengths, then
 * the cost per allowed syscall under each, in a child that installs it and
 * calls getpid, read(-1) and clock_gettime (through syscall(2), so no vDSO)
 * a few million times; the unfiltered cost is measured the same way first.
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "filter.h"
#include "policy.h"

#define CALLS 3000000

static const long probes[] = { SYS_getpid, SYS_read, SYS_clock_gettime };

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* ns per call of each probe, in a child under `prog` (NULL: none), through a pipe. */
static void measure(const struct sock_fprog *prog, double out[3])
{
	int p[2];
	pid_t pid;

	if (pipe(p) < 0)
		exit(1);
	pid = fork();
	if (pid == 0) {
		double r[3];
		struct timespec ts;

		if (prog && (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
			     syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog) < 0))
			_exit(2);
		for (int k = 0; k < 3; k++) {
			double t0 = now_ns();

			for (int i = 0; i < CALLS; i++) {
				if (probes[k] == SYS_read)
					syscall(SYS_read, -1, NULL, 0);
				else if (probes[k] == SYS_clock_gettime)
					syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
				else
					syscall(probes[k]);
			}
			r[k] = (now_ns() - t0) / CALLS;
		}
		if (write(p[1], r, sizeof(r)) != sizeof(r))
			_exit(3);
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], out, 3 * sizeof(double)) != 3 * sizeof(double)) {
		fprintf(stderr, "seccomp-compare: the child could not install the filter\n");
		exit(1);
	}
	close(p[0]);
	waitpid(pid, NULL, 0);
}

static uint32_t deny(const struct deny_action *d)
{
	return d->kill ? SCMP_ACT_TRAP : SCMP_ACT_ERRNO((uint32_t)d->err);
}

/* The same decisions as filter.c for the x86_64 table: allow, errno, trace, default. */
static scmp_filter_ctx libseccomp_filter(const struct policy *pol)
{
	scmp_filter_ctx ctx = seccomp_init(deny(&pol->default_action));

	if (!ctx)
		exit(1);
	for (long nr = 0; nr < SYSCALLS_MAX; nr++) {
		const struct sys_entry *e = &pol->sys[ABI_X86_64][nr];
		uint32_t act;

		switch (e->action) {
		case SYS_ALLOW: act = SCMP_ACT_ALLOW; break;
		case SYS_RULE: act = SCMP_ACT_TRACE(0); break;
		case SYS_ERRNO: act = SCMP_ACT_ERRNO((uint32_t)e->err); break;
		case SYS_KILL: act = SCMP_ACT_TRAP; break;
		default: continue;
		}
		if (act != deny(&pol->default_action))
			seccomp_rule_add(ctx, act, (int)nr, 0);
	}
	/* execve always reaches the tracer, as in filter.c */
	seccomp_rule_add(ctx, SCMP_ACT_TRACE(0), SCMP_SYS(execve), 0);
	return ctx;
}

int main(int argc, char **argv)
{
	const char *dir = getenv("JUDGE_POLICIES") ? getenv("JUDGE_POLICIES") : "policies";
	double none[3];

	measure(NULL, none);
	printf("no filter: getpid %.1f ns, read(-1) %.1f ns, clock_gettime %.1f ns\n",
	       none[0], none[1], none[2]);
	for (int i = 1; i < argc; i++) {
		struct policy pol;
		struct filter f;
		struct jerr err;
		scmp_filter_ctx ctx;
		int fd;
		off_t len;
		struct sock_fprog hand, lib;
		double th[3], tl[3];

		if (policy_load(argv[i], dir, &pol, &err) < 0 ||
		    filter_compile(&pol, FILTER_SECCOMP, &f, &err) < 0) {
			fprintf(stderr, "seccomp-compare: %s: %s\n", argv[i], err.msg);
			return 1;
		}
		ctx = libseccomp_filter(&pol);
		fd = memfd_create("bpf", 0);
		if (seccomp_export_bpf(ctx, fd) < 0)
			return 1;
		len = lseek(fd, 0, SEEK_END);
		lib.len = (unsigned short)(len / sizeof(struct sock_filter));
		lib.filter = mmap(NULL, (size_t)len, PROT_READ, MAP_PRIVATE, fd, 0);
		hand.len = f.len;
		hand.filter = f.insns;
		measure(&hand, th);
		measure(&lib, tl);
		printf("%s: hand %u instructions, libseccomp %u (x86_64 only)\n", argv[i], hand.len,
		       lib.len);
		printf("  extra ns per call, hand / libseccomp: getpid %.1f / %.1f, read %.1f / %.1f, "
		       "clock_gettime %.1f / %.1f\n", th[0] - none[0], tl[0] - none[0],
		       th[1] - none[1], tl[1] - none[1], th[2] - none[2], tl[2] - none[2]);
		seccomp_release(ctx);
		filter_free(&f);
		policy_free(&pol);
	}
	return 0;
}
