#ifndef JUDGE_TRACELOG_H
#define JUDGE_TRACELOG_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "abi.h"
#include "decide.h"

/* --trace FILE: one line per syscall the tracer saw, with its decision. */
void tracelog_syscall(FILE *f, pid_t pid, enum abi a, long nr, const uint64_t args[6],
		      const struct decision *d);

#endif
