#include "tracee.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void tracee_table_init(struct tracee_table *tt)
{
	memset(tt, 0, sizeof(*tt));
}

void tracee_table_free(struct tracee_table *tt)
{
	free(tt->v);
	memset(tt, 0, sizeof(*tt));
}

struct tracee *tracee_find(struct tracee_table *tt, pid_t pid)
{
	for (size_t i = 0; i < tt->n; i++)
		if (tt->v[i].pid == pid)
			return &tt->v[i];
	return NULL;
}

bool tracee_is_process(const struct tracee_table *tt, pid_t pid)
{
	for (size_t i = 0; i < tt->n; i++)
		if (tt->v[i].tgid == pid)
			return true;
	return false;
}

struct tracee *tracee_add(struct tracee_table *tt, pid_t pid, pid_t tgid)
{
	struct tracee *t = tracee_find(tt, pid);

	if (t)
		return t;
	if (!tracee_is_process(tt, tgid))
		tt->processes++;
	if (tt->n == tt->cap) {
		tt->cap = tt->cap ? tt->cap * 2 : 16;
		tt->v = xrealloc(tt->v, tt->cap * sizeof(*tt->v));
	}
	t = &tt->v[tt->n++];
	memset(t, 0, sizeof(*t));
	t->pid = pid;
	t->tgid = tgid;
	t->flags = TR_ALIVE;
	t->watch_nr = -1;
	tt->threads++;
	return t;
}

void tracee_remove(struct tracee_table *tt, pid_t pid)
{
	for (size_t i = 0; i < tt->n; i++) {
		if (tt->v[i].pid != pid)
			continue;
		pid_t tgid = tt->v[i].tgid;

		tt->v[i] = tt->v[--tt->n];
		tt->threads--;
		if (!tracee_is_process(tt, tgid))
			tt->processes--;
		return;
	}
}

int tracee_pending_clones(const struct tracee_table *tt)
{
	int n = 0;

	for (size_t i = 0; i < tt->n; i++)
		n += tt->v[i].pending_clone;
	return n;
}

void tracee_kill_all(struct tracee_table *tt)
{
	/*
	 * Killing each known task is enough for traced tasks; a task created
	 * by a clone the tracer has not reported yet is in the parent's process
	 * group or is killed by PTRACE_O_EXITKILL when the judge exits.
	 */
	for (size_t i = 0; i < tt->n; i++)
		kill(tt->v[i].pid, SIGKILL);
}
