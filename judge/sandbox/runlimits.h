#ifndef JUDGE_RUNLIMITS_H
#define JUDGE_RUNLIMITS_H

#include <stdint.h>

/*
 * What a run may use and what it used: the types every layer passes around,
 * apart from the code that enforces or measures them.
 */

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

/* SPEC §2's defaults, where neither the command line nor the problem gives one. */
#define LIMITS_DEFAULT_CPU_MS		1000
#define LIMITS_DEFAULT_MEMORY_KIB	(256 * 1024)
#define LIMITS_DEFAULT_OUTPUT_BYTES	(64LL << 20)

/* SPEC §2: the wall-clock limit when none is given, from the CPU limit. */
static inline int64_t limits_default_wall_ms(int64_t cpu_ms)
{
	return 3 * cpu_ms + 1000;
}

#endif
