#include "checker.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checktext.h"
#include "compare.h"
#include "extchecker.h"

/*
 * Choosing a checker (SPEC §2 --checker, a problem's validator) and running
 * it: built-in comparisons are in compare.c, external checkers in
 * extchecker.c.
 */

/* ==== Public ==== */

enum check_result checker_run(const struct checker *c, const char *input_path, const char *output_path,
			      const char *answer_path, char *feedback, size_t feedback_len)
{
	return checker_run_scored(c, input_path, output_path, answer_path, feedback, feedback_len, NULL);
}

enum check_result checker_run_scored(const struct checker *c, const char *input_path,
				     const char *output_path, const char *answer_path, char *feedback,
				     size_t feedback_len, struct check_score *score)
{
	if (score)
		*score = (struct check_score){ false, 0 };
	if (feedback && feedback_len)
		feedback[0] = '\0';
	switch (c->kind) {
	case CHECKER_TOKENS:
	case CHECKER_EXACT:
	case CHECKER_LINES:
	case CHECKER_FLOAT:
		return compare_run(c, output_path, answer_path, feedback, feedback_len);
	case CHECKER_TESTLIB:
	case CHECKER_KATTIS:
		return extchecker_run(c, input_path, output_path, answer_path, feedback, feedback_len,
				      score);
	}
	fb_printf(feedback, feedback_len, "unknown checker kind %d", (int)c->kind);
	return CHECK_FAIL;
}

const char *checker_result_name(enum check_result r)
{
	static const char *const names[] = {
		[CHECK_NONE] = "NONE", [CHECK_AC] = "AC", [CHECK_WA] = "WA", [CHECK_PE] = "PE", [CHECK_FAIL] = "FAIL",
	};

	return (unsigned)r < ARRAY_SIZE(names) ? names[r] : "?";
}

static void checker_defaults(struct checker *c)
{
	memset(c, 0, sizeof(*c));
	c->kind = CHECKER_TOKENS;
	c->abs_eps = c->rel_eps = -1;
	c->case_sensitive = true;
	c->time_ms = CHECKER_TIME_MS;
	c->memory_kib = CHECKER_MEMORY_KIB;
}

/* A tolerance: a finite, non-negative number and nothing else. */
static int parse_eps(const char *s, double *v)
{
	char *end;

	if (!s || !*s)
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	if (*end || errno || !isfinite(*v) || *v < 0)
		return -1;
	return 0;
}

/* Checks that `path` is an executable file and stores its absolute path in out->program. */
static int set_program(struct checker *out, const char *path, char *why, size_t wl)
{
	char real[PATH_MAX];
	struct stat st;

	if (strlen(path) >= sizeof(out->program)) {
		snprintf(why, wl, "path too long");
		return -1;
	}
	if (stat(path, &st) < 0) {
		snprintf(why, wl, "%s", errno == ENOENT ? "no such file" : strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, wl, "not a regular file");
		return -1;
	}
	if (faccessat(AT_FDCWD, path, X_OK, AT_EACCESS) < 0) {
		snprintf(why, wl, "not executable");
		return -1;
	}
	/* Absolute, so that a later chdir() cannot change which program runs. */
	if (!realpath(path, real) || strlen(real) >= sizeof(out->program)) {
		snprintf(why, wl, "cannot resolve: %s", strerror(errno));
		return -1;
	}
	strcpy(out->program, real);
	return 0;
}

int checker_parse(const char *spec, struct checker *out, struct jerr *err)
{
	static const struct {
		const char *name;
		enum checker_kind kind;
	} builtins[] = {
		{ "tokens", CHECKER_TOKENS }, { "exact", CHECKER_EXACT }, { "lines", CHECKER_LINES },
	};
	enum checker_kind kind = CHECKER_TESTLIB;
	const char *path = spec;
	char why[128];

	checker_defaults(out);
	if (!spec || !*spec) {
		jerr_set(err, NULL, "--checker", "empty value: use tokens, exact, lines, float:EPS or a checker program");
		return -1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(builtins); i++) {
		if (strcmp(spec, builtins[i].name) == 0) {
			out->kind = builtins[i].kind;
			return 0;
		}
	}
	if (strcmp(spec, "float") == 0) {
		jerr_set(err, NULL, "--checker", "bad value '%s': float needs a tolerance, as in float:1e-6", spec);
		return -1;
	}
	if (strncmp(spec, "float:", 6) == 0) {
		if (parse_eps(spec + 6, &out->eps) < 0) {
			jerr_set(err, NULL, "--checker",
				 "bad value '%s': the tolerance must be a non-negative number, as in float:1e-6", spec);
			return -1;
		}
		out->kind = CHECKER_FLOAT;
		return 0;
	}
	if (strncmp(spec, "testlib:", 8) == 0) {
		path = spec + 8;
	} else if (strncmp(spec, "kattis:", 7) == 0) {
		path = spec + 7;
		kind = CHECKER_KATTIS;
	} else if (!strchr(spec, '/') && access(spec, F_OK) < 0) {
		jerr_set(err, NULL, "--checker",
			 "bad value '%s': not tokens, exact, lines, float:EPS or an existing checker program", spec);
		return -1;
	}
	if (set_program(out, path, why, sizeof(why)) < 0) {
		jerr_set(err, NULL, "--checker", "bad value '%s': %s", spec, why);
		return -1;
	}
	out->kind = kind;
	return 0;
}

int checker_from_kattis_flags(char *const *flags, size_t n, struct checker *out, struct jerr *err)
{
	checker_defaults(out);
	out->case_sensitive = false;
	out->eps = -1;
	for (size_t i = 0; i < n; i++) {
		double *eps1 = NULL, *eps2 = NULL, v;

		if (strcmp(flags[i], "case_sensitive") == 0) {
			out->case_sensitive = true;
			continue;
		}
		if (strcmp(flags[i], "space_change_sensitive") == 0) {
			out->space_sensitive = true;
			continue;
		}
		if (strcmp(flags[i], "float_tolerance") == 0) {
			eps1 = &out->abs_eps;
			eps2 = &out->rel_eps;
		} else if (strcmp(flags[i], "float_absolute_tolerance") == 0) {
			eps1 = &out->abs_eps;
		} else if (strcmp(flags[i], "float_relative_tolerance") == 0) {
			eps1 = &out->rel_eps;
		} else {
			jerr_set(err, NULL, "validator_flags", "unknown flag '%s'", flags[i]);
			return -1;
		}
		if (i + 1 == n || parse_eps(flags[i + 1], &v) < 0) {
			jerr_set(err, NULL, "validator_flags", "%s needs a non-negative number, got '%s'",
				 flags[i], i + 1 < n ? flags[i + 1] : "nothing");
			return -1;
		}
		*eps1 = v;
		if (eps2)
			*eps2 = v;
		i++;
	}
	if (out->abs_eps >= 0 || out->rel_eps >= 0)
		out->kind = CHECKER_FLOAT;
	return 0;
}

int checker_external(enum checker_kind kind, const char *program, char *const *args, size_t n,
		     struct checker *out, struct jerr *err)
{
	char why[128];

	checker_defaults(out);
	if (kind != CHECKER_TESTLIB && kind != CHECKER_KATTIS) {
		jerr_set(err, program, NULL, "not an external checker kind");
		return -1;
	}
	if (set_program(out, program, why, sizeof(why)) < 0) {
		jerr_set(err, program, NULL, "checker: %s", why);
		return -1;
	}
	out->kind = kind;
	if (n) {
		out->args = xcalloc(n, sizeof(*out->args));
		for (size_t i = 0; i < n; i++)
			out->args[i] = xstrdup(args[i]);
		out->n_args = n;
	}
	return 0;
}

void checker_free(struct checker *c)
{
	for (size_t i = 0; i < c->n_args; i++)
		free(c->args[i]);
	free(c->args);
	c->args = NULL;
	c->n_args = 0;
}
