#ifndef JUDGE_POLICYLOAD_H
#define JUDGE_POLICYLOAD_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "policy.h"
#include "policycache.h"

/*
 * What policy.c (files, "extends", resolving names) and policykeys.c (what
 * each key of one file means) share while a policy loads; nothing outside
 * those two includes this.
 */

#define EXTENDS_MAX 16		/* chain length; deeper is surely a mistake */

/*
 * Names to array indexes, by open addressing: a policy lists a few hundred
 * syscalls, and a linear search per name made loading quadratic.  slot[i] is
 * an index + 1, 0 for an empty slot; cap is a power of two, at least twice
 * the names held.
 */
struct name_index {
	uint32_t *slot;
	size_t cap;
};

/* One syscall as listed, before it is resolved to numbers. */
struct named_sys {
	char *name;
	struct sys_entry e;
};

struct loader {
	const char *policies_dir;
	struct policy *p;
	struct jerr *err;
	struct named_sys *sys;
	size_t n_sys, cap_sys;
	struct name_index sys_index;
	/* the files being loaded, outermost first: for cycle detection */
	char *chain_real[EXTENDS_MAX];
	const char *chain_shown[EXTENDS_MAX];
	int depth;
	/* what the load asks and reads, for policycache.c; NULL when not cached */
	struct policycache_rec *rec;
};

/* Names listed in the current file, and under which key, for "listed in both". */
struct seen_sys {
	const char *name;	/* points into the file's json */
	const char *list;	/* "allow", "deny", "errno", "rules" */
};

struct file_ctx {
	struct loader *ld;
	const char *path;
	char *text;
	size_t len;
	json_t *root;
	struct seen_sys *seen;
	size_t n_seen, cap_seen;
	struct name_index seen_index;
};

/*
 * Fills the error and returns -1.  `at_key` points at the member's key rather
 * than its value: right for "unknown key", or a syscall name used as a key.
 */
int policy_fail_at(struct file_ctx *f, const char *path, bool at_key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int policy_check_keys(struct file_ctx *f, json_t *obj, const char *base,
		      const char *const *known, size_t n_known);
int policy_want_string(struct file_ctx *f, json_t *v, const char *path, const char **out);
/* "abis" comes first: the file's other names are resolved in its ABIs. */
int policy_parse_abis(struct file_ctx *f, json_t *v);
/* Any other top-level key ("extends" and "abis" are skipped). */
int policy_parse_key(struct file_ctx *f, const char *key, json_t *v);

extern const char *const policy_top_keys[];
extern const size_t policy_n_top_keys;

#endif
