#include "tracer.h"

#include <errno.h>
#include <linux/audit.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "syscalls.h"
#include "tracelog.h"

#define TICK_US 10000

/* What a wait status means; each value says how the task is resumed. */
enum trace_event {
	TE_NONE,		/* no task left (ECHILD) */
	TE_TICK,		/* the timer interrupted the wait; nothing to resume */
	TE_SECCOMP_STOP,	/* the filter sent a syscall here: decide, then resume */
	TE_SYSCALL_STOP,	/* syscall entry or exit under PTRACE_SYSCALL: same */
	TE_EXEC,		/* execve succeeded: the program proper starts; resume */
	TE_CLONE,		/* a new task exists; resume the parent */
	TE_EXIT_STOP,		/* a task is exiting: last chance to read /proc; resume */
	TE_NEW_TASK,		/* first stop of a task the loop did not know; resume */
	TE_SIGNAL_STOP,		/* a signal is about to be delivered: pass, drop or judge */
	TE_OTHER_STOP,		/* a stop with nothing to do (group stop); resume */
	TE_EXITED,		/* a task is gone: reaped */
};

struct tracer {
	const struct tracer_config *cfg;
	struct tracee_table *tt;
	struct outcome *o;
	struct usage *u;
	pid_t leader;		/* the first process: its exit is the program's */
	bool leader_done;
	bool killing;		/* the judge has killed the tree */
	int errfd;
	int64_t start_ns;
	int64_t judge_cpu0_ns;	/* the tracer's CPU clock when the run began */
	int64_t judge_budget_ns;
	int64_t reaped_cpu_ns;
	int64_t peak_cpu_ns;
	/*
	 * The first process's CPU clock when it made its launching execve:
	 * the launcher's set-up since the fork, which the program is not
	 * billed for.  -1 until then.
	 */
	int64_t launch_cpu_ns;
	/* the last event */
	pid_t pid;
	int status;
	struct rusage ru;
};

static volatile sig_atomic_t tick_pending;

static void on_tick(int sig)
{
	(void)sig;
	tick_pending = 1;
}

static void kill_tree(struct tracer *tr)
{
	if (!tr->killing) {
		tr->killing = true;
		/* Stop the clock before the kill so the tree's last moments are not billed. */
		tr->u->wall_ns = util_now_ns() - tr->start_ns;
	}
	tracee_kill_all(tr->tt);
	kill(-tr->leader, SIGKILL);
}

static void internal_error(struct tracer *tr, const char *fmt, const char *what)
{
	if (!tr->o->ie) {
		tr->o->ie = true;
		snprintf(tr->o->ie_msg, sizeof(tr->o->ie_msg), fmt, what);
	}
	kill_tree(tr);
}

static void note_memory(struct tracer *tr, const struct meter_mem *m)
{
	if (m->hwm > tr->u->memory_kib)
		tr->u->memory_kib = m->hwm;
}

/*
 * The peak of process `tgid`, read through its leader or, once the leader
 * has exited and its status shows no memory, through any live thread: the
 * threads share one address space, so any of them tells the whole.
 */
static void sample_memory(struct tracer *tr, pid_t tgid)
{
	struct meter_mem m;

	if (meter_read_mem(tgid, &m) == 0) {
		note_memory(tr, &m);
		return;
	}
	for (size_t i = 0; i < tr->tt->n; i++) {
		const struct tracee *t = &tr->tt->v[i];

		if (t->tgid == tgid && t->pid != tgid && meter_read_mem(t->pid, &m) == 0) {
			note_memory(tr, &m);
			return;
		}
	}
}

/* Distinct processes, read from the table of tasks. */
static void sample_processes(struct tracer *tr, bool read_mem)
{
	int64_t cpu = tr->reaped_cpu_ns;
	pid_t seen[64];
	size_t nseen = 0;

	for (size_t i = 0; i < tr->tt->n; i++) {
		pid_t tgid = tr->tt->v[i].tgid;
		size_t k;
		int64_t c;

		for (k = 0; k < nseen && seen[k] != tgid; k++)
			;
		if (k < nseen)
			continue;
		if (nseen < ARRAY_SIZE(seen))
			seen[nseen++] = tgid;
		c = meter_process_cpu_ns(tgid);
		if (c > 0)
			cpu += c;
		/* before its launching execve the program is the judge's child, in the judge's memory: not its own */
		if (read_mem && !tracee_launching(&tr->tt->v[i]))
			sample_memory(tr, tgid);
	}
	if (cpu > tr->peak_cpu_ns)
		tr->peak_cpu_ns = cpu;
}

/* What the program is billed: the tree's CPU since the launching execve. */
static int64_t program_cpu_ns(const struct tracer *tr)
{
	int64_t c = tr->peak_cpu_ns - (tr->launch_cpu_ns > 0 ? tr->launch_cpu_ns : 0);

	return c > 0 ? c : 0;
}

/*
 * Reads the first process's CPU clock at its launching execve (at the stop
 * for that syscall, or failing one at the exec event): everything the
 * launcher did since the fork is subtracted from the bill, and what the
 * execve itself costs stays on it, as it does on a native run's.
 */
static void note_launch_cpu(struct tracer *tr, const struct tracee *t)
{
	if (tr->launch_cpu_ns < 0 && t->pid == tr->leader)
		tr->launch_cpu_ns = meter_process_cpu_ns(t->pid);
}

static void check_limits(struct tracer *tr)
{
	const struct limits *l = &tr->cfg->lim;
	int64_t wall = util_now_ns() - tr->start_ns;

	if (tr->killing)
		return;
	sample_processes(tr, true);
	if (program_cpu_ns(tr) > l->cpu_ms * 1000000) {
		tr->o->cpu_exceeded = true;
		kill_tree(tr);
	} else if (wall > l->wall_ms * 1000000) {
		tr->o->wall_exceeded = true;
		kill_tree(tr);
	} else if (tr->u->memory_kib > l->memory_kib) {
		outcome_memory_exceeded(tr->o, MLE_PEAK);
		kill_tree(tr);
	} else if (meter_self_cpu_ns() - tr->judge_cpu0_ns > tr->judge_budget_ns) {
		tr->o->judge_exceeded = true;
		kill_tree(tr);
	}
}

int64_t tracer_judge_budget_ms(const struct limits *l, bool every_syscall)
{
	return (every_syscall ? 4 : 1) * l->cpu_ms + 1000;
}

static enum trace_event next_event(struct tracer *tr)
{
	int event;

	if (tick_pending) {
		tick_pending = 0;
		return TE_TICK;
	}
	tr->pid = wait4(-1, &tr->status, __WALL, &tr->ru);
	if (tr->pid < 0)
		return errno == EINTR ? TE_TICK : TE_NONE;
	if (WIFEXITED(tr->status) || WIFSIGNALED(tr->status))
		return TE_EXITED;
	if (!WIFSTOPPED(tr->status))
		return TE_OTHER_STOP;
	if (!tracee_find(tr->tt, tr->pid))
		return TE_NEW_TASK;
	event = tr->status >> 16;
	switch (event) {
	case PTRACE_EVENT_SECCOMP: return TE_SECCOMP_STOP;
	case PTRACE_EVENT_EXEC: return TE_EXEC;
	case PTRACE_EVENT_CLONE:
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK: return TE_CLONE;
	case PTRACE_EVENT_EXIT: return TE_EXIT_STOP;
	case 0: break;
	default: return TE_OTHER_STOP;
	}
	if (WSTOPSIG(tr->status) == (SIGTRAP | 0x80))
		return TE_SYSCALL_STOP;
	return TE_SIGNAL_STOP;
}

static void resume(struct tracer *tr, struct tracee *t, int sig)
{
	int op = tr->cfg->trace_syscalls || t->watch_nr >= 0 ? PTRACE_SYSCALL : PTRACE_CONT;

	/* ESRCH: the task was killed meanwhile; its death is still reported. */
	ptrace(op, t->pid, 0, sig);
}

static pid_t read_tgid(pid_t pid)
{
	char path[64], buf[1024], *p;
	FILE *f;
	pid_t tgid = pid;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "re");
	if (!f)
		return pid;
	while (fgets(buf, sizeof(buf), f))
		if ((p = strstr(buf, "Tgid:")) == buf) {
			tgid = (pid_t)strtol(p + 5, NULL, 10);
			break;
		}
	fclose(f);
	return tgid;
}

static void record_rf(struct tracer *tr, enum abi a, long nr, const uint64_t args[6],
		      const char *detail)
{
	struct outcome *o = tr->o;

	if (o->rf || tr->killing)
		return;
	o->rf = true;
	o->sys.abi = a;
	o->sys.nr = nr;
	{
		char nbuf[32];

		snprintf(o->sys.name, sizeof(o->sys.name), "%s",
			 syscalls_name_or_nr(a, nr, nbuf, sizeof(nbuf)));
	}
	memcpy(o->sys.args, args, sizeof(o->sys.args));
	snprintf(o->sys.detail, sizeof(o->sys.detail), "%s", detail ? detail : "");
	kill_tree(tr);
}

/* Makes the syscall at this stop return -err without running it. */
static int skip_syscall(pid_t pid, int err, bool at_entry_only)
{
	struct user_regs_struct regs;

	if (ptrace(PTRACE_GETREGS, pid, 0, &regs) < 0)
		return -1;
	regs.orig_rax = (unsigned long long)-1;
	if (!at_entry_only)
		regs.rax = (unsigned long long)-err;
	return (int)ptrace(PTRACE_SETREGS, pid, 0, &regs);
}


static void on_syscall(struct tracer *tr, struct tracee *t)
{
	struct __ptrace_syscall_info info;
	struct decision d;
	long nr;
	int a;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->pid, sizeof(info), &info) <= 0) {
		if (errno != ESRCH)
			internal_error(tr, "PTRACE_GET_SYSCALL_INFO: %s", strerror(errno));
		return;
	}
	if (info.op == PTRACE_SYSCALL_INFO_EXIT) {
		if (t->watch_nr >= 0 && info.exit.is_error && info.exit.rval == -ENOMEM) {
			/* what was refused says more than the small peak the program reached */
			if (tr->o->mle == MLE_NONE)
				tr->o->refused_bytes = (int64_t)t->watch_len;
			outcome_memory_exceeded(tr->o, MLE_ALLOCATION);
		}
		if (t->deny_err) {
			struct user_regs_struct regs;

			if (ptrace(PTRACE_GETREGS, t->pid, 0, &regs) == 0) {
				regs.rax = (unsigned long long)-t->deny_err;
				ptrace(PTRACE_SETREGS, t->pid, 0, &regs);
			}
		}
		t->deny_err = 0;
		t->watch_nr = -1;
		resume(tr, t, 0);
		return;
	}
	if (info.op != PTRACE_SYSCALL_INFO_ENTRY && info.op != PTRACE_SYSCALL_INFO_SECCOMP) {
		resume(tr, t, 0);
		return;
	}
	/* entry and seccomp share the layout of nr and args */
	tr->u->stops++;
	t->pending_clone = 0;	/* a clone allowed earlier has returned by now */
	a = abi_classify(info.arch, (long)info.entry.nr, &nr);
	if (a < 0 || !tr->cfg->dc->pol->abis[a]) {
		char why[96];

		snprintf(why, sizeof(why), "the policy does not admit the %s ABI",
			 a < 0 ? "unknown" : abi_name(a));
		if (tracee_launching(t))
			internal_error(tr, "launch: %s", why);
		else
			record_rf(tr, a < 0 ? ABI_X86_64 : a, nr, info.entry.args, why);
		return;
	}
	/*
	 * A successful exec replaces the address space and its peak with it:
	 * what the old image held is read now, or never.
	 */
	if (!tracee_launching(t) && (sysprops(a, nr) & SYSP_EXEC))
		sample_memory(tr, t->tgid);
	else if (tracee_launching(t) && (sysprops(a, nr) & SYSP_EXEC))
		note_launch_cpu(tr, t);
	decide_syscall(tr->cfg->dc, t, a, nr, info.entry.args, &d);
	if (tr->cfg->log)
		tracelog_syscall(tr->cfg->log, t->pid, a, nr, info.entry.args, &d);
	if (tr->cfg->learn)
		learn_note(tr->cfg->learn, tr->cfg->dc->tt, t, a, nr, info.entry.args, &d);
	switch (d.kind) {
	case DECIDE_ALLOW:
		if (d.watch_exit) {
			t->watch_nr = nr;
			t->watch_len = d.watch_len;
		}
		resume(tr, t, 0);
		return;
	case DECIDE_ERRNO:
		if (info.op == PTRACE_SYSCALL_INFO_ENTRY)
			t->deny_err = d.err;
		if (skip_syscall(t->pid, d.err, info.op == PTRACE_SYSCALL_INFO_ENTRY) < 0 &&
		    errno != ESRCH)
			internal_error(tr, "cannot deny a syscall: %s", strerror(errno));
		resume(tr, t, 0);
		return;
	case DECIDE_KILL:
		record_rf(tr, a, nr, info.entry.args, d.detail);
		return;
	}
}

static void on_signal(struct tracer *tr, struct tracee *t)
{
	int sig = WSTOPSIG(tr->status);
	siginfo_t si;

	switch (sig) {
	case SIGSYS:
		if (ptrace(PTRACE_GETSIGINFO, t->pid, 0, &si) == 0 && si.si_code == 1 /* SYS_SECCOMP */) {
			struct user_regs_struct r;
			uint64_t args[6] = { 0 };
			long nr;
			int a = abi_classify(si.si_arch, si.si_syscall, &nr);

			if (ptrace(PTRACE_GETREGS, t->pid, 0, &r) == 0) {
				if (a == ABI_I386) {
					/* i386 arguments are the low halves of these registers */
					uint64_t v[6] = { (uint32_t)r.rbx, (uint32_t)r.rcx, (uint32_t)r.rdx,
							  (uint32_t)r.rsi, (uint32_t)r.rdi, (uint32_t)r.rbp };
					memcpy(args, v, sizeof(args));
				} else {
					uint64_t v[6] = { r.rdi, r.rsi, r.rdx, r.r10, r.r8, r.r9 };
					memcpy(args, v, sizeof(args));
				}
			}
			if (tracee_launching(t)) {
				char nbuf[32];

				internal_error(tr, "launch: syscall %s is forbidden before the program starts",
					       syscalls_name_or_nr(a < 0 ? ABI_X86_64 : a, nr, nbuf, sizeof(nbuf)));
				return;
			}
			if (tr->cfg->log) {
				struct decision d = { .kind = DECIDE_KILL };

				tracelog_syscall(tr->cfg->log, t->pid, a < 0 ? ABI_X86_64 : a, nr, args, &d);
			}
			record_rf(tr, a < 0 ? ABI_X86_64 : a, nr, args,
				  a < 0 || !tr->cfg->dc->pol->abis[a] ? "the policy does not admit this ABI" : "");
			return;
		}
		break;
	case SIGXCPU:
		/*
		 * RLIMIT_CPU's signal comes from the kernel; one the program
		 * raised itself is its own business (RE if it kills it).  A
		 * SIGXFSZ cannot be told apart that way, so OLE is judged from
		 * the output's size alone and the signal is delivered as is.
		 */
		if (ptrace(PTRACE_GETSIGINFO, t->pid, 0, &si) == 0 && si.si_code == SI_KERNEL) {
			tr->o->cpu_exceeded = true;
			kill_tree(tr);
			return;
		}
		break;
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		/* The program may not stop itself: a stopped program holds the judge. */
		resume(tr, t, 0);
		return;
	}
	resume(tr, t, sig);
}

static void on_exit_stop(struct tracer *tr, struct tracee *t)
{
	struct meter_mem m;
	int64_t c;

	if (meter_read_mem(t->pid, &m) == 0) {
		note_memory(tr, &m);
		/*
		 * A program that fails just under its rlimit was most likely
		 * refused memory: small requests are not traced, and any one of
		 * them would have lifted it past the limit.
		 */
		if ((tr->cfg->mem_data ? m.data : m.peak) >= tr->cfg->mem_rlimit_kib - FILTER_BIG_ALLOC / 1024)
			t->flags |= TR_NEAR_MEMLIMIT;
	}
	/*
	 * The process clock, read while a thread is still alive, is the
	 * process's own CPU.  The rusage of its exit also holds the children
	 * it reaped, whose CPU was counted when they ended.
	 */
	if ((c = meter_process_cpu_ns(t->tgid)) > 0) {
		struct tracee *leader = t->pid == t->tgid ? t : tracee_find(tr->tt, t->tgid);

		if (leader && c > leader->exit_cpu_ns)
			leader->exit_cpu_ns = c;
		c += tr->reaped_cpu_ns;
		if (c > tr->peak_cpu_ns)
			tr->peak_cpu_ns = c;
	}
	resume(tr, t, 0);
}

static void on_exited(struct tracer *tr)
{
	struct tracee *t = tracee_find(tr->tt, tr->pid);
	int64_t cpu = (int64_t)(tr->ru.ru_utime.tv_sec + tr->ru.ru_stime.tv_sec) * 1000000000 +
		      (int64_t)(tr->ru.ru_utime.tv_usec + tr->ru.ru_stime.tv_usec) * 1000;
	bool near_limit = t && (t->flags & TR_NEAR_MEMLIMIT);

	if (t && tracee_launching(t) && !tr->o->ie && !tr->killing) {
		char msg[256];

		if (launch_failure(tr->errfd, msg, sizeof(msg)))
			internal_error(tr, "%s", msg);
		else
			internal_error(tr, "%s", "the program died before it started");
	}
	if (t && t->pid == t->tgid) {
		if (t->exit_cpu_ns > 0)
			cpu = t->exit_cpu_ns;
		tr->reaped_cpu_ns += cpu;
	}
	if (tr->pid == tr->leader) {
		tr->leader_done = true;
		if (!tr->killing)
			tr->u->wall_ns = util_now_ns() - tr->start_ns;
		if (WIFEXITED(tr->status)) {
			tr->o->exited = true;
			tr->o->exit_code = WEXITSTATUS(tr->status);
		} else if (!(tr->killing && WTERMSIG(tr->status) == SIGKILL)) {
			tr->o->signal = WTERMSIG(tr->status);
		}
		if (near_limit && (tr->o->signal || tr->o->exit_code != 0))
			outcome_memory_exceeded(tr->o, MLE_NEAR_LIMIT);
		if (tr->peak_cpu_ns < tr->reaped_cpu_ns)
			tr->peak_cpu_ns = tr->reaped_cpu_ns;
	}
	if (t)
		tracee_remove(tr->tt, tr->pid);
	/* The program is its first process: when it ends, the rest go too. */
	if (tr->leader_done && tr->tt->n > 0 && !tr->killing) {
		tr->killing = true;
		tracee_kill_all(tr->tt);
		kill(-tr->leader, SIGKILL);
	}
}

static void dispatch(struct tracer *tr, enum trace_event ev)
{
	struct tracee *t = tracee_find(tr->tt, tr->pid);
	unsigned long msg;

	switch (ev) {
	case TE_NONE:
		return;
	case TE_TICK:
		check_limits(tr);
		return;
	case TE_EXITED:
		on_exited(tr);
		return;
	case TE_NEW_TASK:
		t = tracee_add(tr->tt, tr->pid, read_tgid(tr->pid));
		t->flags |= TR_ATTACHED;
		if (tr->killing)
			kill(t->pid, SIGKILL);
		resume(tr, t, 0);
		return;
	case TE_SECCOMP_STOP:
	case TE_SYSCALL_STOP:
		if (tr->killing)
			return;
		on_syscall(tr, t);
		return;
	case TE_EXEC:
		if (ptrace(PTRACE_GETEVENTMSG, t->pid, 0, &msg) == 0 && (pid_t)msg != t->pid)
			tracee_remove(tr->tt, (pid_t)msg);	/* a thread exec'd; it took the leader's pid */
		t = tracee_find(tr->tt, tr->pid);
		if (t->flags & TR_LAUNCHING) {
			tr->start_ns = util_now_ns();	/* the program starts here */
			note_launch_cpu(tr, t);
		}
		t->flags &= ~TR_LAUNCHING;
		resume(tr, t, 0);
		return;
	case TE_CLONE:
		t->pending_clone = 0;
		if (ptrace(PTRACE_GETEVENTMSG, t->pid, 0, &msg) == 0) {
			struct tracee *n = tracee_find(tr->tt, (pid_t)msg);

			if (!n) {
				int ev_kind = tr->status >> 16;

				n = tracee_add(tr->tt, (pid_t)msg,
					       ev_kind == PTRACE_EVENT_CLONE ? read_tgid((pid_t)msg) : (pid_t)msg);
			}
			if (tr->killing)
				kill((pid_t)msg, SIGKILL);
		}
		resume(tr, t, 0);
		return;
	case TE_EXIT_STOP:
		on_exit_stop(tr, t);
		return;
	case TE_SIGNAL_STOP:
		if (!(t->flags & TR_ATTACHED) && WSTOPSIG(tr->status) == SIGSTOP) {
			t->flags |= TR_ATTACHED;	/* the stop every new task starts with */
			resume(tr, t, 0);
			return;
		}
		on_signal(tr, t);
		return;
	case TE_OTHER_STOP:
		resume(tr, t, 0);
		return;
	}
}

void tracer_run(const struct tracer_config *cfg, const struct launch *l,
		struct outcome *o, struct usage *u)
{
	struct tracer tr = { .cfg = cfg, .tt = cfg->dc->tt, .o = o, .u = u, .leader = l->pid,
			     .errfd = l->errfd, .launch_cpu_ns = -1 };
	struct sigaction sa = { .sa_handler = on_tick }, old_sa;
	struct itimerval it = { { 0, TICK_US }, { 0, TICK_US } }, off = { { 0, 0 }, { 0, 0 } };
	struct tracee *first;
	enum trace_event ev;

	first = tracee_add(tr.tt, l->pid, l->pid);
	first->flags |= TR_LAUNCHING | TR_ATTACHED;
	tr.start_ns = util_now_ns();
	tr.judge_cpu0_ns = meter_self_cpu_ns();
	o->judge_budget_ms = tracer_judge_budget_ms(&cfg->lim, cfg->every_syscall);
	tr.judge_budget_ns = o->judge_budget_ms * 1000000;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &old_sa);	/* no SA_RESTART: the tick must break wait4 */
	tick_pending = 0;
	setitimer(ITIMER_REAL, &it, NULL);

	while ((ev = next_event(&tr)) != TE_NONE) {
		if (util_interrupted && !tr.killing)
			internal_error(&tr, "interrupted by signal %s", sigabbrev_np(util_interrupted));
		dispatch(&tr, ev);
	}

	setitimer(ITIMER_REAL, &off, NULL);
	sigaction(SIGALRM, &old_sa, NULL);
	if (!tr.killing && !tr.leader_done)
		u->wall_ns = util_now_ns() - tr.start_ns;
	u->cpu_ns = program_cpu_ns(&tr);
	u->launch_cpu_ns = tr.launch_cpu_ns > 0 ? tr.launch_cpu_ns : 0;
	u->judge_cpu_ns = meter_self_cpu_ns() - tr.judge_cpu0_ns;
	if (!tr.leader_done && !o->ie && !o->rf)
		snprintf(o->ie_msg, sizeof(o->ie_msg), "the program's first process was never reaped"),
		o->ie = true;
}
