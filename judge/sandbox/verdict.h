#ifndef JUDGE_VERDICT_H
#define JUDGE_VERDICT_H

#include <stdbool.h>
#include <stdint.h>

#include "abi.h"
#include "meter.h"
#include "outcome.h"

enum verdict { V_OK, V_AC, V_WA, V_TLE, V_MLE, V_OLE, V_RE, V_RF, V_CE, V_IE };

/*
 * A checker's word on the output (SPEC §2 --checker, §5): built-in
 * comparisons, testlib and Kattis checkers and interactors all answer so.
 */
enum check_result {
	CHECK_NONE,	/* nothing was checked: no answer, or the program did not end cleanly */
	CHECK_AC,
	CHECK_WA,
	CHECK_PE,	/* testlib presentation error: reported as WA */
	CHECK_FAIL,	/* the checker itself broke: IE */
};

/* Which layers of the sandbox held during the run (the JSON "sandbox" object). */
struct sandbox_layers {
	const char *mode;	/* "seccomp", "ptrace" or "ptrace-syscall" (no seccomp) */
	bool seccomp;
	int landlock;		/* Landlock ABI in force, 0 for none */
	bool rlimits;
	bool uid_drop;		/* root: the program ran as an unprivileged uid */
	bool namespaces;	/* root: new network, IPC, UTS, PID and mount namespaces */
	bool cgroup;		/* root: memory, pids and CPU accounted in a cgroup */
	const char *view;	/* the filesystem view: "root", "userns", or NULL for none */
	const char *view_missing;	/* with view NULL: why there is none */
};

struct result {
	enum verdict verdict;
	const char *limit;	/* TLE: "cpu" or "wall"; else NULL */
	const char *mle_rule;	/* MLE: the rule's name (enum mle_rule); else NULL */
	struct outcome out;
	struct usage use;
	char message[512];
	char feedback[1024];	/* the checker's message */
	struct sandbox_layers layers;
	/*
	 * A score: the checker's when it accepted with one (score.txt, testlib
	 * points); in a scoring problem, else what the test's group gives it.
	 */
	bool has_score;
	double score;
};

/* The one way memory evidence enters an outcome; the first rule to fire is kept. */
void outcome_memory_exceeded(struct outcome *o, enum mle_rule rule);
const char *mle_rule_name(enum mle_rule rule);

/* Pure: SPEC §3's precedence RF, MLE, TLE, OLE, RE, WA; no I/O. */
void verdict_decide(const struct outcome *o, const struct usage *u, const struct limits *l,
		    enum check_result c, const char *feedback, struct result *r);
const char *verdict_name(enum verdict v);
/* SPEC §2: 0 for OK and AC, 2 for IE, 1 for any other verdict. */
int verdict_exit_status(enum verdict v);
/* "AC" -> V_AC, or -1. */
int verdict_from_name(const char *name);

#endif
