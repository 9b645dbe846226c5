#ifndef JUDGE_RULES_H
#define JUDGE_RULES_H

#include <stdbool.h>

#include "policy.h"

/*
 * Whether rule `kind` can apply to syscall `name` (the loader rejects, say, a
 * "path" rule on read).  RULE_ARG applies to every syscall.
 */
bool rules_applies(enum rule_kind kind, const char *name);
/* "path" -> RULE_PATH ...; RULE_NONE for an unknown name. */
enum rule_kind rules_kind_from_name(const char *name);
const char *rules_kind_name(enum rule_kind kind);

#endif
