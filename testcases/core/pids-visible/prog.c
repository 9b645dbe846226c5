#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/futex.h>
#include <linux/kcmp.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

/*
 * Asks every syscall that names a task, a process group or a CPU clock
 * (all those the policy allows) about many pids, and counts the pids any
 * of them reveals: the call works, or fails otherwise than the kernel does
 * for a task that does not exist.  Only the program's own pid may show.
 */

static long sys(long nr, long a, long b, long c, long d, long e)
{
	long r = syscall(nr, a, b, c, d, e);

	return r < 0 ? -errno : r;
}

/* A result that shows the task exists: anything but the "no such task" answers. */
static int shows(long r, int absent)
{
	return r >= 0 || (-r != absent && -r != ENOSYS);
}

static clockid_t cpu_clock(pid_t pid, int thread)
{
	return (clockid_t)((~(unsigned)pid << 3) | (thread ? 6 : 2));
}

#define MAX_PROBES 32
static const char *names[MAX_PROBES];
static int shown_self[MAX_PROBES], shown_other[MAX_PROBES];

/* Records what probe `i` said about `pid`. */
static void record(int i, const char *name, pid_t pid, int shown)
{
	names[i] = name;
	if (!shown)
		return;
	if (pid == getpid())
		shown_self[i]++;
	else if (shown_other[i]++ == 0)
		printf("PWNED: pid %d shown by %s\n", pid, name);
}

#define CHECK(name, call, absent) record(i++, name, pid, shows(call, absent))

static void probe(pid_t pid)
{
	int i = 0;
	static unsigned int word;
	struct __user_cap_header_struct cap = { _LINUX_CAPABILITY_VERSION_3, pid };
	struct __user_cap_data_struct caps[2];
	struct perf_event_attr pe = { .type = PERF_TYPE_SOFTWARE, .size = sizeof(pe),
				      .config = PERF_COUNT_SW_CPU_CLOCK, .disabled = 1 };
	struct timespec ts = { 0, 0 };
	struct sched_param sp;
	struct rlimit rl;
	cpu_set_t set;
	char attr[128];
	long r, len;
	void *head;
	timer_t tid;
	char byte;
	struct iovec local = { &byte, 1 }, remote = { &byte, 1 };

	CHECK("sched_getaffinity", sys(SYS_sched_getaffinity, pid, sizeof(set), (long)&set, 0, 0), ESRCH);
	CHECK("sched_getparam", sys(SYS_sched_getparam, pid, (long)&sp, 0, 0, 0), ESRCH);
	CHECK("sched_getscheduler", sys(SYS_sched_getscheduler, pid, 0, 0, 0, 0), ESRCH);
	CHECK("sched_rr_get_interval", sys(SYS_sched_rr_get_interval, pid, (long)&ts, 0, 0, 0), ESRCH);
	CHECK("sched_getattr", sys(SYS_sched_getattr, pid, (long)attr, sizeof(attr), 0, 0), ESRCH);
	CHECK("prlimit64", sys(SYS_prlimit64, pid, RLIMIT_NOFILE, 0, (long)&rl, 0), ESRCH);
	CHECK("getpriority", sys(SYS_getpriority, PRIO_PROCESS, pid, 0, 0, 0), ESRCH);
	CHECK("getpriority(PRIO_PGRP)", sys(SYS_getpriority, PRIO_PGRP, pid, 0, 0, 0), ESRCH);
	CHECK("ioprio_get", sys(SYS_ioprio_get, 1 /* IOPRIO_WHO_PROCESS */, pid, 0, 0, 0), ESRCH);
	CHECK("getpgid", sys(SYS_getpgid, pid, 0, 0, 0, 0), ESRCH);
	CHECK("getsid", sys(SYS_getsid, pid, 0, 0, 0, 0), ESRCH);
	CHECK("get_robust_list", sys(SYS_get_robust_list, pid, (long)&head, (long)&len, 0, 0), ESRCH);
	CHECK("kcmp", sys(SYS_kcmp, getpid(), pid, KCMP_VM, 0, 0), ESRCH);
	CHECK("process_vm_readv", sys(SYS_process_vm_readv, pid, (long)&local, 1, (long)&remote, 1), ESRCH);
	r = sys(SYS_pidfd_open, pid, 0, 0, 0, 0);
	CHECK("pidfd_open", r, ESRCH);
	if (r >= 0)
		close((int)r);
	CHECK("capget", sys(SYS_capget, (long)&cap, (long)caps, 0, 0, 0), ESRCH);
	r = sys(SYS_perf_event_open, (long)&pe, pid, -1, -1, 0);
	CHECK("perf_event_open", r, ESRCH);
	if (r >= 0)
		close((int)r);
	CHECK("clock_gettime(process clock)", sys(SYS_clock_gettime, cpu_clock(pid, 0), (long)&ts, 0, 0, 0), EINVAL);
	CHECK("clock_gettime(thread clock)", sys(SYS_clock_gettime, cpu_clock(pid, 1), (long)&ts, 0, 0, 0), EINVAL);
	CHECK("clock_getres", sys(SYS_clock_getres, cpu_clock(pid, 0), (long)&ts, 0, 0, 0), EINVAL);
	ts.tv_sec = ts.tv_nsec = 0;
	CHECK("clock_nanosleep", sys(SYS_clock_nanosleep, cpu_clock(pid, 0), TIMER_ABSTIME, (long)&ts, 0, 0), EINVAL);
	r = sys(SYS_timer_create, cpu_clock(pid, 0), 0, (long)&tid, 0, 0);
	CHECK("timer_create", r, EINVAL);
	if (r >= 0)
		syscall(SYS_timer_delete, tid);
	/* a priority-inheritance lock looks up the task whose tid the futex word holds */
	word = (unsigned)pid;
	CHECK("futex(FUTEX_TRYLOCK_PI)", sys(SYS_futex, (long)&word, FUTEX_TRYLOCK_PI, 0, 0, 0), ESRCH);
	CHECK("fcntl(F_SETOWN)", sys(SYS_fcntl, 1, F_SETOWN, pid, 0, 0), ESRCH);
	CHECK("setpgid", sys(SYS_setpgid, pid, pid, 0, 0, 0), ESRCH);
}

int main(int argc, char **argv)
{
	pid_t self = getpid(), judge = argc > 1 ? atoi(argv[1]) : 1;
	/* pids 1..512 (init, kernel threads, early daemons), and those around the judge's and the program's */
	pid_t lo[3] = { 1, judge - 32, self - 32 }, hi[3] = { 512, judge + 32, self + 32 };
	int others = 0, blind = 0;

	for (int r = 0; r < 3; r++)
		for (pid_t pid = lo[r] < 1 ? 1 : lo[r]; pid <= hi[r]; pid++) {
			/* each pid once */
			if ((r > 0 && pid <= hi[0]) || (r > 1 && pid >= lo[1] && pid <= hi[1]))
				continue;
			probe(pid);
		}
	/* each probe must see the program itself, or it proves nothing */
	for (int i = 0; i < MAX_PROBES && names[i]; i++) {
		others += shown_other[i];
		/* the judge answers every PI futex op ENOSYS, the program's own tid too */
		if (shown_self[i] != 1 && strncmp(names[i], "futex", 5) != 0 && blind++ == 0)
			printf("%s does not show the program itself\n", names[i]);
	}
	printf("other pids shown: %d\n", others);
	return others ? 1 : blind ? 2 : 0;
}
