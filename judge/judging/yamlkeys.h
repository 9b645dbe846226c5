#ifndef JUDGE_YAMLKEYS_H
#define JUDGE_YAMLKEYS_H

/*
 * The keys problem.yaml may hold, in the legacy Kattis format and in the
 * 2023-07 one, whether or not the judge reads them: a key no version knows
 * is a typo (an error), a key of the other version only a warning.
 */

enum yamlkey_kind {
	YAMLKEY_UNKNOWN,	/* no format has it */
	YAMLKEY_LEGACY,		/* the legacy format only */
	YAMLKEY_2023,		/* the 2023-07 format only */
	YAMLKEY_BOTH,
};

/* `mapping` is the dotted key of the mapping: "" at the top, "limits", ... */
enum yamlkey_kind yamlkey_lookup(const char *mapping, const char *key);

/* A known key of `mapping` at most two edits from `key`, for "did you mean"; or NULL. */
const char *yamlkey_closest(const char *mapping, const char *key);

/* Whether the judge checks the keys of `mapping` at all (only the ones it knows fully). */
int yamlkey_checked(const char *mapping);

#endif
