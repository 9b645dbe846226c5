#ifndef JUDGE_RULEKINDS_H
#define JUDGE_RULEKINDS_H

#include <stdbool.h>

/* Argument rules; rules.c knows which argument of which syscall each reads. */
enum rule_kind {
	RULE_NONE = 0,
	RULE_PATH,	/* path argument within files.read (or files.write when opened for writing) */
	RULE_EXEC,	/* execve/execveat of a file within files.exec */
	RULE_CLONE,	/* clone: threads, or processes while under "processes" */
	RULE_SELF,	/* kill/tkill/tgkill/...: only to the program's own processes */
	RULE_ARG,	/* one numeric argument checked against arg_rules[arg_rule] */
};

/*
 * Whether rule `kind` can apply to syscall `name` (the loader rejects, say, a
 * "path" rule on read).  RULE_ARG applies to every syscall.
 */
bool rules_applies(enum rule_kind kind, const char *name);
/* "path" -> RULE_PATH ...; RULE_NONE for an unknown name. */
enum rule_kind rules_kind_from_name(const char *name);
const char *rules_kind_name(enum rule_kind kind);

#endif
