#include "yamlkeys.h"

#include <string.h>

#include "util.h"

static const struct yamlkey {
	const char *mapping, *key;
	enum yamlkey_kind kind;
} keys[] = {
	{ "", "problem_format_version", YAMLKEY_BOTH },
	{ "", "type", YAMLKEY_BOTH },
	{ "", "name", YAMLKEY_BOTH },
	{ "", "uuid", YAMLKEY_BOTH },
	{ "", "source", YAMLKEY_BOTH },
	{ "", "license", YAMLKEY_BOTH },
	{ "", "rights_owner", YAMLKEY_BOTH },
	{ "", "limits", YAMLKEY_BOTH },
	{ "", "keywords", YAMLKEY_BOTH },
	{ "", "languages", YAMLKEY_BOTH },
	{ "", "author", YAMLKEY_LEGACY },
	{ "", "source_url", YAMLKEY_LEGACY },
	{ "", "validation", YAMLKEY_LEGACY },
	{ "", "validator_flags", YAMLKEY_LEGACY },
	{ "", "grading", YAMLKEY_LEGACY },
	{ "", "libraries", YAMLKEY_LEGACY },
	{ "", "version", YAMLKEY_2023 },
	{ "", "credits", YAMLKEY_2023 },
	{ "", "embargo_until", YAMLKEY_2023 },
	{ "", "allow_file_writing", YAMLKEY_2023 },
	{ "", "constants", YAMLKEY_2023 },
	{ "limits", "time_limit", YAMLKEY_BOTH },
	{ "limits", "memory", YAMLKEY_BOTH },
	{ "limits", "output", YAMLKEY_BOTH },
	{ "limits", "code", YAMLKEY_BOTH },
	{ "limits", "compilation_time", YAMLKEY_BOTH },
	{ "limits", "compilation_memory", YAMLKEY_BOTH },
	{ "limits", "validation_time", YAMLKEY_BOTH },
	{ "limits", "validation_memory", YAMLKEY_BOTH },
	{ "limits", "validation_output", YAMLKEY_BOTH },
	{ "limits", "time_multiplier", YAMLKEY_LEGACY },
	{ "limits", "time_safety_margin", YAMLKEY_LEGACY },
	{ "limits", "time_multipliers", YAMLKEY_2023 },
	{ "limits", "time_resolution", YAMLKEY_2023 },
	{ "limits", "validation_passes", YAMLKEY_2023 },
	{ "limits.time_multipliers", "ac_to_time_limit", YAMLKEY_2023 },
	{ "limits.time_multipliers", "time_limit_to_tle", YAMLKEY_2023 },
	{ "grading", "objective", YAMLKEY_LEGACY },
	{ "grading", "show_test_data_groups", YAMLKEY_LEGACY },
	/* early legacy packages kept the root group's grading here, before testdata.yaml */
	{ "grading", "on_reject", YAMLKEY_LEGACY },
	{ "grading", "accept_score", YAMLKEY_LEGACY },
	{ "grading", "reject_score", YAMLKEY_LEGACY },
	{ "grading", "range", YAMLKEY_LEGACY },
};

enum yamlkey_kind yamlkey_lookup(const char *mapping, const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		if (!strcmp(keys[i].mapping, mapping) && !strcmp(keys[i].key, key))
			return keys[i].kind;
	return YAMLKEY_UNKNOWN;
}

const char *yamlkey_closest(const char *mapping, const char *key)
{
	const char *names[ARRAY_SIZE(keys)];
	size_t n = 0;
	int i;

	for (size_t k = 0; k < ARRAY_SIZE(keys); k++)
		if (!strcmp(keys[k].mapping, mapping))
			names[n++] = keys[k].key;
	i = util_closest(key, names, n);
	return i < 0 ? NULL : names[i];
}

int yamlkey_checked(const char *mapping)
{
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		if (!strcmp(keys[i].mapping, mapping))
			return 1;
	return 0;
}
