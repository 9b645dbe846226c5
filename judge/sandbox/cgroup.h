#ifndef JUDGE_CGROUP_H
#define JUDGE_CGROUP_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * A group's directory: under 200 bytes even in a container's nested
 * hierarchy.  Not PATH_MAX: four of those made the struct 16 KiB, which the
 * judge copied and cleared at every run, a page fault per page touched.  A
 * longer path fails like any other cgroup error (the run goes on without the
 * layer, and its "sandbox" object says so).
 */
#define CGROUP_PATH_MAX 1024

/*
 * A cgroup per run, when the judge may create one (root, or a delegated
 * subtree): memory, pids and CPU accounted by the kernel for the whole tree,
 * and a way to kill every process in it at once.  Works with cgroup v2, and
 * with v1 where the host mounts memory, pids and cpuacct separately.  When
 * none is available the run goes on without this layer.  The group is the
 * judge's while it holds a lock on it (see cgroup.c); a judge that died
 * leaves one behind that the next judge removes.
 */
struct cgroup {
	int version;			/* 0 = none, 1, 2 */
	char v2[CGROUP_PATH_MAX];	/* v2: the run's directory */
	char mem[CGROUP_PATH_MAX], pids[CGROUP_PATH_MAX], cpu[CGROUP_PATH_MAX];	/* v1: one per hierarchy, "" if absent */
	int lock[3];			/* flock()ed directories: v2 or mem, pids, cpu; -1 if none */
	bool pooled;			/* a pool group: left for the next judge when done */
	/* reuse (cgroup_acquire): the limits written, and the event counters when the run began */
	int64_t mem_limit, tasks_limit;
	int64_t events_max0, oom_kill0;
};

/*
 * Takes a free pool group, or creates the run's group, with a memory limit
 * (bytes, including the slack the caller allows) and a task limit.  0 when
 * done, -1 when cgroups are not available to this judge (not an error: the
 * layer is just off).
 */
int cgroup_create(struct cgroup *cg, int64_t mem_bytes, int tasks_max);
/* Moves pid (stopped, before exec) into the group; 0 or -1. */
int cgroup_attach(const struct cgroup *cg, pid_t pid);
/*
 * Whether the launch's child joins the group itself (cgroup_join_self,
 * cgroup v1), so that the tracer does not cgroup_attach it.
 */
bool cgroup_joined_by_child(const struct cgroup *cg);
/*
 * Moves the calling task, single-threaded, into the group when
 * cgroup_joined_by_child; raw system calls only, for the launch's child
 * (launch.c says why).  0 or -errno.
 */
long cgroup_join_self(const struct cgroup *cg);
/* Whether the memory limit was hit (the kernel refused or OOM-killed). */
bool cgroup_memory_hit(const struct cgroup *cg);
/* Peak memory charged to the group, KiB; -1 when unknown. */
int64_t cgroup_memory_peak_kib(const struct cgroup *cg);
/* CPU time of every task that ever ran in the group, ns; -1 when unknown. */
int64_t cgroup_cpu_ns(const struct cgroup *cg);
/* SIGKILL to every process in the group. */
void cgroup_kill(const struct cgroup *cg);
/* Removes the group once it is empty (waits briefly for the kernel to let go), pool group or not. */
void cgroup_destroy(struct cgroup *cg);

/*
 * As cgroup_create, but takes the group this process released last, when
 * there is one, it is empty and holds (almost) no memory charge: a mkdir per
 * hierarchy and their rmdir saved per run.  The limits are written again
 * only when they change; the memory events are counted from now on.
 */
int cgroup_acquire(struct cgroup *cg, int64_t mem_bytes, int tasks_max);
/*
 * After cgroup_kill, once every task is reaped: keeps the group for this
 * process's next cgroup_acquire (still locked, so no other judge takes it),
 * or puts it back when one is kept already.  The one kept is put back when
 * the process exits; a forked child never uses nor removes its parent's.
 * Put back: a pool group that is empty and holds no charge is unlocked and
 * left in the pool; any other group is removed.
 */
void cgroup_release(struct cgroup *cg);
/* Puts back the group kept, if this process kept one: for a process that ends with _exit. */
void cgroup_drop_spare(void);

#endif
