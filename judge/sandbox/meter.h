#ifndef JUDGE_METER_H
#define JUDGE_METER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "runlimits.h"

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
