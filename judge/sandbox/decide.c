#include "decide.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <linux/sched.h>

#include "filter.h"
#include "guard.h"
#include "syscalls.h"

static void deny(struct decision *d, struct deny_action how)
{
	d->kind = how.kill ? DECIDE_KILL : DECIDE_ERRNO;
	d->err = how.err;
}

static const struct deny_action kill_rf = { true, 0 };

/*
 * An mremap without MREMAP_MAYMOVE that fails with ENOMEM was refused room
 * to grow in place, not memory: PHP's allocator tries that first and then
 * maps anew, so its ENOMEM must not be taken for running out.
 */
static bool is_alloc(unsigned props, const uint64_t a[6], uint64_t *len)
{
	if (props & SYSP_ALLOC_LEN1)
		*len = a[1];
	else if ((props & SYSP_ALLOC_LEN2) && (a[3] & MREMAP_MAYMOVE))
		*len = a[2];
	else
		return false;
	return true;
}

static void decide_clone(const struct decide_ctx *c, struct tracee *t, unsigned props,
			 const uint64_t a[6], struct decision *d)
{
	long flags = rules_clone_flags(props, a);
	const struct tracee_table *tt = c->tt;
	int pending = tracee_pending_clones(tt);

	if (flags < 0) {
		snprintf(d->detail, sizeof(d->detail), "flags 0x%llx are never allowed",
			 (unsigned long long)a[0]);
		deny(d, kill_rf);
		return;
	}
	if (tt->threads + pending >= c->pol->threads) {
		snprintf(d->detail, sizeof(d->detail), "the policy allows %d task%s at once",
			 c->pol->threads, c->pol->threads == 1 ? "" : "s");
		deny(d, kill_rf);
		return;
	}
	if (!(flags & CLONE_THREAD) && tt->processes + pending >= c->pol->processes) {
		snprintf(d->detail, sizeof(d->detail), "creates a process; the policy allows %d",
			 c->pol->processes);
		deny(d, kill_rf);
		return;
	}
	t->pending_clone = 1;
	d->kind = DECIDE_ALLOW;
}

void decide_syscall(const struct decide_ctx *c, struct tracee *t, enum abi a, long nr,
		    const uint64_t args[6], struct decision *d)
{
	struct sys_entry e = policy_lookup(c->pol, a, nr);
	char nbuf[32];
	const char *name = syscalls_name_or_nr(a, nr, nbuf, sizeof(nbuf));
	unsigned props = sysprops(a, nr);
	uint64_t len;

	memset(d, 0, sizeof(*d));
	d->kind = DECIDE_ALLOW;

	/* The judge's own execve that starts the program. */
	if (tracee_launching(t)) {
		snprintf(d->detail, sizeof(d->detail), "launch");
		return;
	}
	/*
	 * A sleep (nanosleep, poll, futex...) interrupted by a signal stop
	 * resumes as restart_syscall, which only finishes the call the policy
	 * already let start; every SIGCHLD or ptrace stop during a sleep ends
	 * so, so it is allowed whatever the policy says.
	 */
	if (props & SYSP_RESTART)
		return;

	/* What the policy allows may still name only the program's own tasks. */
	if (e.action == SYS_ALLOW || e.action == SYS_RULE) {
		const struct guard *g = guard_of(a, nr);
		struct guard_refusal r;

		if (g && !guard_check(g, c->tt, t, args, &r)) {
			snprintf(d->detail, sizeof(d->detail), "%s", r.detail);
			deny(d, (struct deny_action){ r.kill, r.err });
			return;
		}
	}
	switch (e.action) {
	case SYS_ALLOW:
		if (is_alloc(props, args, &len) && len >= (uint64_t)FILTER_BIG_ALLOC) {
			d->watch_exit = true;
			d->watch_len = len;
		}
		return;
	case SYS_ERRNO:
		d->kind = DECIDE_ERRNO;
		d->err = e.err;
		return;
	case SYS_RULE:
		break;
	default:
		deny(d, kill_rf);
		return;
	}

	switch (e.rule) {
	case RULE_PATH:
	case RULE_EXEC:
	{
		int err;

		if (rules_check_path(c->paths, t->pid, t->tgid, name, args, d->detail,
				     sizeof(d->detail), &err))
			return;
		/* the kernel's own answer, where it reveals nothing: as without the judge */
		if (err)
			deny(d, (struct deny_action){ false, err });
		else
			deny(d, e.rule == RULE_EXEC ? kill_rf : c->pol->files_deny);
		return;
	}
	case RULE_CLONE:
		decide_clone(c, t, props, args, d);
		return;
	case RULE_SELF:
		if (!guard_signal_target(c->tt, name, args)) {
			snprintf(d->detail, sizeof(d->detail), "target %lld is not the program's own",
				 (long long)(int)args[0]);
			deny(d, kill_rf);
		}
		return;
	case RULE_ARG:
	{
		const struct arg_rule *r = e.arg_rule >= 0 && (size_t)e.arg_rule < c->pol->n_arg_rules ?
					   &c->pol->arg_rules[e.arg_rule] : NULL;

		if (r && rules_check_arg(r, args))
			return;
		snprintf(d->detail, sizeof(d->detail), "argument %d = 0x%llx not allowed",
			 r ? r->arg : -1, r ? (unsigned long long)args[r->arg] : 0ULL);
		/* "else": a refused value fails with its errno (ioctl: ENOTTY), not RF */
		deny(d, r && r->else_err ? (struct deny_action){ false, r->else_err } : kill_rf);
		return;
	}
	default:
		deny(d, kill_rf);
		return;
	}
}
