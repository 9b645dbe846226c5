#ifndef JUDGE_LANDLOCK_H
#define JUDGE_LANDLOCK_H

#include <stdbool.h>
#include <stdint.h>

/*
 * The kernel's own copy of the policy's file rules.  The tracer checks each
 * path by name, but a name can be rewritten by another thread after the
 * check, or lead through a symbolic link; Landlock decides on the file the
 * kernel actually opens, so a race wins nothing the policy does not already
 * allow.  It also denies TCP bind/connect and signals or abstract sockets
 * that leave the program (ABI 4 and 6), and it needs no privileges.
 */

enum landlock_access { LL_READ, LL_WRITE, LL_EXEC };

struct landlock_rule {
	const char *path;	/* "/proc/self/" is opened by the child itself, so it is the child */
	enum landlock_access access;
};

struct landlock_spec {
	const struct landlock_rule *rules;
	int n_rules;
	int abi;		/* from landlock_probe() */
};

/* The Landlock ABI version the kernel offers, or 0 when it has none. */
int landlock_probe(void);
/*
 * Child side: builds the ruleset and returns its fd, or -errno.  Paths
 * that do not exist are skipped.  Raw syscalls only (rawsys.h: the launch's
 * child runs in the judge's memory).  Done before a uid drop, so that paths
 * the program's uid cannot search still get their rule.
 */
int landlock_prepare(const struct landlock_spec *s);
/* Child side, after no_new_privs: enforces the ruleset and closes it.  0 or -errno. */
int landlock_enforce(int ruleset_fd);
/* Both at once: 0, or -1 with errno. */
int landlock_apply(const struct landlock_spec *s);

#endif
