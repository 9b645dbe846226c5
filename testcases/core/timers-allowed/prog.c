#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

/*
 * What ordinary programs do with time and identity, each allowed by base:
 * alarm(), setitimer(), a POSIX timer, waiting for them with pause() and
 * sigsuspend(), times(), getppid(), getgroups(), getpgrp(), getres[ug]id().
 * A timer never reaches beyond the program: one aimed at a thread of
 * another process, or on another process's CPU clock, fails.
 */
static volatile sig_atomic_t fired;

static void on_signal(int sig)
{
	(void)sig;
	fired++;
}

static void check(const char *what, int ok)
{
	printf("%s: %s\n", what, ok ? "ok" : strerrorname_np(errno));
}

int main(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 20000 } }, left;
	struct itimerspec ts = { { 0, 0 }, { 0, 20000000 } };
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1 };
	sigset_t none;
	struct tms t;
	gid_t groups[256];
	uid_t r, e, s;
	gid_t gr, ge, gs;
	timer_t tm;
	clockid_t other;

	signal(SIGALRM, on_signal);
	signal(SIGUSR1, on_signal);
	check("alarm", alarm(30) == 0 && alarm(0) > 0);
	check("setitimer", setitimer(ITIMER_REAL, &it, NULL) == 0);
	pause();
	check("getitimer", getitimer(ITIMER_REAL, &left) == 0);
	check("timer_create", timer_create(CLOCK_MONOTONIC, &ev, &tm) == 0);
	check("timer_settime", timer_settime(tm, 0, &ts, NULL) == 0);
	sigemptyset(&none);
	sigsuspend(&none);
	check("timer_gettime", timer_gettime(tm, &ts) == 0);
	check("timer_getoverrun", timer_getoverrun(tm) >= 0);
	check("timer_delete", timer_delete(tm) == 0);
	/* the program's own CPU clock is its own to time */
	check("timer_create on its CPU clock",
	      timer_create(CLOCK_PROCESS_CPUTIME_ID, &ev, &tm) == 0 && timer_delete(tm) == 0);
	printf("signals caught: %d\n", fired);
	check("times", times(&t) != (clock_t)-1);
	check("getppid", getppid() > 1);
	check("getgroups", getgroups(256, groups) >= 0);
	check("getpgrp", getpgrp() > 0);
	check("getresuid", getresuid(&r, &e, &s) == 0 && getresgid(&gr, &ge, &gs) == 0);
	/* aimed at the judge: a thread of another process, and another process's CPU clock */
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev._sigev_un._tid = getppid();
	check("timer_create signalling the judge", timer_create(CLOCK_MONOTONIC, &ev, &tm) == 0);
	ev.sigev_notify = SIGEV_SIGNAL;
	/* clock_getcpuclockid() would ask clock_getres first: the id by hand (CPUCLOCK_SCHED) */
	other = (clockid_t)((~(unsigned)getppid() << 3) | 2);
	check("timer_create on the judge's CPU clock", timer_create(other, &ev, &tm) == 0);
	return 0;
}
