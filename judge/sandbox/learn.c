#include "learn.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

/*
 * What learning refuses even a trusted program, and with which errno.  The
 * program goes on (an errno, not RF), and the learned policy says the same,
 * so that the program meets the same answers under it.
 */
static const struct {
	const char *name;
	int err;
} refuse[] = {
	/* no network: a reference program must not depend on one */
	{ "socket", EACCES },
	/* reaching beyond the program: other processes, mounts, the kernel, the clock */
	{ "ptrace", EPERM }, { "process_vm_readv", EPERM }, { "process_vm_writev", EPERM },
	{ "pidfd_getfd", EPERM }, { "kcmp", EPERM },
	{ "mount", EPERM }, { "umount2", EPERM }, { "pivot_root", EPERM }, { "chroot", EPERM },
	{ "setns", EPERM }, { "unshare", EPERM }, { "open_tree", EPERM }, { "move_mount", EPERM },
	{ "fsopen", EPERM }, { "fsmount", EPERM }, { "fspick", EPERM }, { "mount_setattr", EPERM },
	{ "mknod", EPERM }, { "mknodat", EPERM },
	{ "open_by_handle_at", EPERM }, { "name_to_handle_at", EPERM },
	{ "reboot", EPERM }, { "kexec_load", EPERM }, { "kexec_file_load", EPERM },
	{ "init_module", EPERM }, { "finit_module", EPERM }, { "delete_module", EPERM },
	{ "bpf", EPERM }, { "perf_event_open", EPERM }, { "userfaultfd", EPERM },
	{ "keyctl", EPERM }, { "add_key", EPERM }, { "request_key", EPERM },
	{ "swapon", EPERM }, { "swapoff", EPERM }, { "acct", EPERM }, { "quotactl", EPERM },
	{ "sethostname", EPERM }, { "setdomainname", EPERM }, { "syslog", EPERM },
	{ "iopl", EPERM }, { "ioperm", EPERM }, { "fanotify_init", EPERM }, { "vhangup", EPERM },
	{ "settimeofday", EPERM }, { "clock_settime", EPERM }, { "adjtimex", EPERM },
	{ "clock_adjtime", EPERM },
	/* its flags are in memory another thread could rewrite: ENOSYS, as every policy says */
	{ "clone3", ENOSYS },
};

/* Room for the threads of a runtime and the processes of a build. */
#define LEARN_PROCESSES 64
#define LEARN_THREADS 256

static int refused_errno(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(refuse); i++)
		if (!strcmp(refuse[i].name, name))
			return refuse[i].err;
	return 0;
}

static void set_list(struct strlist *l, const char *only)
{
	strlist_free(l);
	strlist_push(l, only);
}

/*
 * "/" lets the tracer's path rule pass anything, but the filesystem view
 * binds no root (it is the view's own tmpfs): each tree under it is named
 * as well.  /tmp is left out, so the view keeps the work directory below it
 * a writable tree of its own rather than part of a read-only /tmp.
 */
static void add_host_root(struct strlist *l)
{
	DIR *d = opendir("/");
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		struct stat st;
		char *path;

		if (e->d_name[0] == '.' || !strcmp(e->d_name, "tmp") ||
		    fstatat(dirfd(d), e->d_name, &st, 0) < 0)
			continue;
		path = xasprintf("/%s%s", e->d_name, S_ISDIR(st.st_mode) ? "/" : "");
		strlist_push(l, path);
		free(path);
	}
	closedir(d);
}

/*
 * An argument rule whose refusal is an errno ("else", as base's ioctl) is
 * kept: the program meets it under the learned policy too, which extends
 * base.  One that ends the run with RF is lifted, and learn_note records
 * what it would have refused.
 */
static bool kept_as_base(const struct policy *p, const struct sys_entry *e)
{
	return e->action == SYS_RULE && e->rule == RULE_ARG && e->arg_rule >= 0 &&
	       (size_t)e->arg_rule < p->n_arg_rules && p->arg_rules[e->arg_rule].else_err;
}

void learn_policy_make(struct policy *p)
{
	for (int a = 0; a < ABI_COUNT; a++) {
		if (!p->abis[a])
			continue;
		for (long nr = 0; nr < SYSCALLS_MAX; nr++) {
			const char *name = syscalls_name((enum abi)a, nr);
			struct sys_entry *e = &p->sys[a][nr];
			int err;

			if (!name || kept_as_base(p, e))
				continue;
			memset(e, 0, sizeof(*e));
			if ((err = refused_errno(name)) != 0) {
				e->action = SYS_ERRNO;
				e->err = err;
			} else if (rules_applies(RULE_EXEC, name)) {
				e->action = SYS_RULE;
				e->rule = RULE_EXEC;
			} else if (rules_applies(RULE_PATH, name)) {
				e->action = SYS_RULE;
				e->rule = RULE_PATH;
			} else if (rules_applies(RULE_CLONE, name)) {
				e->action = SYS_RULE;
				e->rule = RULE_CLONE;
			} else if (rules_applies(RULE_SELF, name)) {
				e->action = SYS_RULE;
				e->rule = RULE_SELF;
			} else {
				e->action = SYS_ALLOW;
			}
		}
	}
	set_list(&p->files_read, "/");
	set_list(&p->files_exec, "/");
	add_host_root(&p->files_read);
	add_host_root(&p->files_exec);
	set_list(&p->files_write, "{dir}/");
	p->files_deny = (struct deny_action){ false, EACCES };
	p->default_action = (struct deny_action){ true, 0 };
	p->processes = LEARN_PROCESSES;
	p->threads = LEARN_THREADS;
}

void learn_init(struct learn *l, const struct policy *base, const struct policy *learning)
{
	memset(l, 0, sizeof(*l));
	l->base = base;
	l->learning = learning;
	l->processes = l->threads = 1;
	strlist_push(&l->ro.read, "/");
}

void learn_free(struct learn *l)
{
	for (int a = 0; a < ABI_COUNT; a++)
		for (long nr = 0; nr < SYSCALLS_MAX; nr++)
			free(l->example[a][nr]);
	strlist_free(&l->read);
	strlist_free(&l->exec);
	strlist_free(&l->ro.read);
	memset(l, 0, sizeof(*l));
}

static void push_once(struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return;
	strlist_push(l, s);
}

void learn_note(struct learn *l, const struct tracee_table *tt, const struct tracee *t,
		enum abi a, long nr, const uint64_t args[6], const struct decision *d)
{
	const char *name = syscalls_name(a, nr);
	struct sys_entry base = policy_lookup(l->base, a, nr);
	struct sys_entry learning = policy_lookup(l->learning, a, nr);
	char detail[sizeof(d->detail)];

	if (tracee_launching(t) || nr < 0 || nr >= SYSCALLS_MAX || !name)
		return;
	if (tt->processes > l->processes)
		l->processes = tt->processes;
	if (tt->threads > l->threads)
		l->threads = tt->threads;
	l->count[a][nr]++;
	if (learning.action == SYS_ERRNO && d->kind == DECIDE_ERRNO)
		l->refused[a][nr] = d->err;
	if (base.action == SYS_RULE && base.rule == RULE_ARG && base.arg_rule >= 0 &&
	    (size_t)base.arg_rule < l->base->n_arg_rules &&
	    !l->base->arg_rules[base.arg_rule].else_err &&
	    !rules_check_arg(&l->base->arg_rules[base.arg_rule], args)) {
		const struct arg_rule *r = &l->base->arg_rules[base.arg_rule];

		l->arg_refused[a][nr] = true;
		if (!l->example[a][nr])
			l->example[a][nr] = xasprintf("argument %d = %#llx", r->arg,
						      (unsigned long long)args[r->arg]);
	}
	if (learning.action != SYS_RULE || (learning.rule != RULE_PATH && learning.rule != RULE_EXEC))
		return;
	if (d->kind != DECIDE_ALLOW || d->detail[0] != '/')
		return;	/* refused (a write outside the work directory), or an fd's "" */
	if (!l->example[a][nr])
		l->example[a][nr] = xstrdup(d->detail);
	if (learning.rule == RULE_EXEC)
		push_once(&l->exec, d->detail);
	else if (rules_check_path(&l->ro, t->pid, t->tgid, name, args, detail, sizeof(detail), NULL))
		push_once(&l->read, d->detail);
	else
		l->wrote = true;
}
