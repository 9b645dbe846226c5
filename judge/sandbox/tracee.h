#ifndef JUDGE_TRACEE_H
#define JUDGE_TRACEE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * Every task (thread or process) of the program, as the tracer knows it.  One
 * struct per task; the table is small (policies allow a few dozen tasks) so
 * it is a flat array searched linearly.
 */
struct tracee {
	pid_t pid;		/* the task's tid */
	pid_t tgid;		/* its process */
	unsigned flags;
	int pending_clone;	/* a clone was allowed and has not yet produced its task */
	int deny_err;		/* PTRACE_SYSCALL fallback: errno to set at the exit stop */
	long watch_nr;		/* syscall whose exit stop the tracer asked for, or -1 */
	int64_t exit_cpu_ns;	/* leader only: its process's CPU clock at the last exit stop */
	uint64_t watch_len;	/* the bytes that watched allocation asks for */
};

#define TR_ALIVE	0x01	/* known and not yet reaped */
#define TR_LAUNCHING	0x02	/* judge code before the program's first execve */
#define TR_NEAR_MEMLIMIT	0x04	/* at its exit stop, within 16 MiB of its memory rlimit */
#define TR_ATTACHED	0x10	/* its first stop was seen and options apply */

#define tracee_launching(t)	((t)->flags & TR_LAUNCHING)

struct tracee_table {
	struct tracee *v;
	size_t n, cap;
	int threads;		/* tasks alive */
	int processes;		/* thread groups alive */
};

void tracee_table_init(struct tracee_table *tt);
void tracee_table_free(struct tracee_table *tt);
struct tracee *tracee_find(struct tracee_table *tt, pid_t pid);
/* Adds a task; a task of a new thread group counts as a process too. */
struct tracee *tracee_add(struct tracee_table *tt, pid_t pid, pid_t tgid);
void tracee_remove(struct tracee_table *tt, pid_t pid);
/* True when pid is a process (tgid) of the program. */
bool tracee_is_process(const struct tracee_table *tt, pid_t pid);
/* Clones allowed but not yet seen, over all tasks. */
int tracee_pending_clones(const struct tracee_table *tt);
/* SIGKILL to every task, and to each process group the program started in. */
void tracee_kill_all(struct tracee_table *tt);

#endif
