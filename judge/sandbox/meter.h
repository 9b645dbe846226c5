#ifndef JUDGE_METER_H
#define JUDGE_METER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* The limits of one run (SPEC §2); all are enforced, none is optional. */
struct limits {
	int64_t cpu_ms;
	int64_t wall_ms;
	int64_t memory_kib;
	int64_t output_bytes;
};

/* What a run used. */
struct usage {
	int64_t cpu_ns;		/* user + system time of every task of the program, from its execve */
	int64_t launch_cpu_ns;	/* the launcher's set-up in the child before that execve: not billed */
	int64_t wall_ns;	/* from the launch to the last task's death */
	int64_t memory_kib;	/* peak resident set (VmHWM) of any one process */
	int64_t output_bytes;	/* stdout + stderr */
	int64_t judge_cpu_ns;	/* the tracer's own user + system time for this run */
	long stops;		/* syscall stops the tracer handled */
};

/* Memory figures of one process from /proc/PID/status, in KiB. */
struct meter_mem {
	int64_t hwm;		/* VmHWM: peak resident */
	int64_t rss;		/* VmRSS */
	int64_t peak;		/* VmPeak: peak address space */
	int64_t data;		/* VmData: private writable mappings */
	int64_t stack;		/* VmStk */
};

/* CPU time of a whole process (all its threads, dead ones too); -1 if gone. */
int64_t meter_process_cpu_ns(pid_t pid);
/*
 * Reads /proc/PID/status: 0, or -1 when the task is gone or has no memory of
 * its own to show (a kernel thread, a thread group leader that has exited
 * while other threads of its process run on: read one of those instead).
 */
int meter_read_mem(pid_t pid, struct meter_mem *m);
/* The calling process's own CPU time. */
int64_t meter_self_cpu_ns(void);

#endif
