#include "job.h"

#include <string.h>

#include "jsonpos.h"

/* Points err at the value (or, for an unknown key, the key) that `err->key` names. */
static void locate(const char *text, size_t len, bool at_key, struct jerr *err)
{
	struct jsonpos pos;
	char path[sizeof(err->key)];

	if ((at_key ? jsonpos_key : jsonpos_value)(text, len, err->key, &pos) == 0) {
		err->line = pos.line;
		err->col = pos.col;
		return;
	}
	/* a missing member: point at the object that lacks it */
	snprintf(path, sizeof(path), "%s", err->key);
	for (;;) {
		char *dot = strrchr(path, '.'), *br = strrchr(path, '[');
		char *cut = dot > br ? dot : br;

		*(cut ? cut : path) = '\0';
		if (jsonpos_value(text, len, path, &pos) == 0) {
			err->line = pos.line;
			err->col = pos.col;
			return;
		}
		if (!cut)
			return;
	}
}

static const char *const job_keys[] = {
	"id", "problem", "language", "sources", "entry", "limits", "checker", "mode", "fail_fast",
	"submitted_ms",
};
static const char *const limit_keys[] = { "time_ms", "wall_ms", "memory_kb", "output_bytes" };

bool job_id_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > JOB_ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == ':' || c == '-'))
			return false;
	}
	return true;
}

static bool hex64(const char *s)
{
	if (strlen(s) != 64)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

/* A policy name, never a path: a job must not make the worker load a file of its choosing. */
static bool language_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= sizeof(((struct job *)0)->language))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' ||
		      *s == '+'))
			return false;
	return true;
}

/* Every key of `o` must be one of `keys`; 0, or -1 naming the first that is not. */
static int known_keys(json_t *o, const char *const *keys, size_t n, const char *prefix,
		      const char *text, size_t len, struct jerr *err)
{
	const char *k;
	json_t *v;

	json_object_foreach(o, k, v) {
		size_t i;

		for (i = 0; i < n && strcmp(k, keys[i]) != 0; i++)
			;
		if (i == n) {
			jerr_set(err, "", "", "unknown key");
			snprintf(err->key, sizeof(err->key), "%s", prefix);
			jsonpos_append_key(err->key, sizeof(err->key), k);
			locate(text, len, true, err);
			return -1;
		}
	}
	return 0;
}

/* Sets err for field `key`: the message and where in the text the field is. */
static int bad(const char *text, size_t len, const char *key, struct jerr *err, const char *msg)
{
	jerr_set(err, "", key, "%s", msg);
	locate(text, len, false, err);
	return -1;
}

static int parse_limits(json_t *lim, struct job *j, const char *text, size_t len, struct jerr *err)
{
	static const int64_t max[] = { 3600 * 1000, 3 * 3600 * 1000, 1LL << 40, 1LL << 40 };
	int64_t *dst[] = { &j->lim.cpu_ms, &j->lim.wall_ms, &j->lim.memory_kib, &j->lim.output_bytes };
	bool *set[] = { &j->time_set, &j->wall_set, &j->memory_set, &j->output_set };

	if (!json_is_object(lim))
		return bad(text, len, "limits", err, "must be an object");
	if (known_keys(lim, limit_keys, ARRAY_SIZE(limit_keys), "limits", text, len, err) < 0)
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(limit_keys); i++) {
		json_t *v = json_object_get(lim, limit_keys[i]);
		char key[64];

		if (!v)
			continue;
		snprintf(key, sizeof(key), "limits.%s", limit_keys[i]);
		if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > max[i])
			return bad(text, len, key, err, "must be a positive integer within reason");
		*dst[i] = json_integer_value(v);
		*set[i] = true;
	}
	return 0;
}

/*
 * "sum.c", or for a file of a multi-file submission "app/util/Adder.java":
 * '/'-separated names, none empty, hidden, "." or "..", so that every file
 * lands inside the job's directory.
 */
static bool path_name_valid(const char *s, size_t len)
{
	if (len == 0 || len >= JOB_NAME_MAX || strlen(s) != len)
		return false;
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, "/");

		/* a leading dot also rules out "." and ".." */
		if (n == 0 || p[0] == '.')
			return false;
		p += n;
		if (*p == '/')
			p++;
		if (!*p && p[-1] == '/')
			return false;
	}
	return true;
}

static int parse_sources(json_t *a, size_t max_source, struct job *j, const char *text, size_t len,
			 struct jerr *err)
{
	size_t total = 0;

	if (!json_is_array(a) || json_array_size(a) == 0)
		return bad(text, len, "sources", err, "must be an array of source files {name, content}");
	if (json_array_size(a) > JOB_MAX_FILES) {
		jerr_set(err, "", "sources", "%zu files, over the limit of %d", json_array_size(a),
			 JOB_MAX_FILES);
		locate(text, len, false, err);
		return -1;
	}
	j->files = xcalloc(json_array_size(a), sizeof(*j->files));
	for (size_t i = 0; i < json_array_size(a); i++) {
		static const char *const keys[] = { "name", "content" };
		json_t *s = json_array_get(a, i), *name, *content;
		char key[64];

		snprintf(key, sizeof(key), "sources[%zu]", i);
		if (!json_is_object(s))
			return bad(text, len, key, err, "must be an object {name, content}");
		if (known_keys(s, keys, ARRAY_SIZE(keys), key, text, len, err) < 0)
			return -1;
		name = json_object_get(s, "name");
		content = json_object_get(s, "content");
		snprintf(key, sizeof(key), "sources[%zu].name", i);
		if (!json_is_string(name) || !path_name_valid(json_string_value(name), json_string_length(name)))
			return bad(text, len, key, err, "must be a file name, or names joined by '/' "
				   "(none empty, hidden, . or ..), at most 255 bytes");
		for (size_t k = 0; k < j->n_files; k++)
			if (!strcmp(j->files[k].name, json_string_value(name)))
				return bad(text, len, key, err, "names a file given before");
		snprintf(key, sizeof(key), "sources[%zu].content", i);
		if (!json_is_string(content))
			return bad(text, len, key, err, "must be a string");
		total += json_string_length(content);
		if (total > max_source) {
			jerr_set(err, "", key, "the sources are %zu bytes, over the limit of %zu",
				 total, max_source);
			locate(text, len, false, err);
			return -1;
		}
		snprintf(j->files[j->n_files].name, sizeof(j->files[j->n_files].name), "%s",
			 json_string_value(name));
		j->files[j->n_files].len = json_string_length(content);
		j->files[j->n_files].content = xmalloc(json_string_length(content) + 1);
		memcpy(j->files[j->n_files].content, json_string_value(content),
		       json_string_length(content) + 1);
		j->n_files++;
	}
	return 0;
}

static int parse_object(json_t *o, size_t max_source, struct job *j, const char *text, size_t len,
			struct jerr *err)
{
	json_t *v;

	if (!json_is_object(o))
		return bad(text, len, "job", err, "must be a JSON object");
	v = json_object_get(o, "id");
	if (!v)
		return bad(text, len, "id", err, "missing");
	if (!json_is_string(v) || !job_id_valid(json_string_value(v)))
		return bad(text, len, "id", err, "must be 1 to 64 of A-Z a-z 0-9 . _ : -");
	snprintf(j->id, sizeof(j->id), "%s", json_string_value(v));
	if (known_keys(o, job_keys, ARRAY_SIZE(job_keys), "", text, len, err) < 0)
		return -1;
	v = json_object_get(o, "problem");
	if (!v)
		return bad(text, len, "problem", err, "missing");
	if (!json_is_string(v) || !hex64(json_string_value(v)))
		return bad(text, len, "problem", err, "must be a problem id: 64 lowercase hex digits "
			   "(what judge problem push printed)");
	snprintf(j->problem, sizeof(j->problem), "%s", json_string_value(v));
	if (!(v = json_object_get(o, "sources")))
		return bad(text, len, "sources", err, "missing");
	if (parse_sources(v, max_source, j, text, len, err) < 0)
		return -1;
	if ((v = json_object_get(o, "entry"))) {
		bool found = false;

		for (size_t i = 0; json_is_string(v) && i < j->n_files; i++)
			found |= !strcmp(j->files[i].name, json_string_value(v));
		if (!found)
			return bad(text, len, "entry", err, "must be the name of one of the sources");
		snprintf(j->entry, sizeof(j->entry), "%s", json_string_value(v));
	}
	if ((v = json_object_get(o, "language"))) {
		if (!json_is_string(v) || !language_valid(json_string_value(v)))
			return bad(text, len, "language", err, "must be a policy name such as \"cpp\"");
		snprintf(j->language, sizeof(j->language), "%s", json_string_value(v));
	}
	if ((v = json_object_get(o, "limits")) && parse_limits(v, j, text, len, err) < 0)
		return -1;
	if ((v = json_object_get(o, "checker"))) {
		if (!json_is_string(v) || !json_string_length(v) || json_string_length(v) > 64 ||
		    strchr(json_string_value(v), '/'))
			return bad(text, len, "checker", err, "must be tokens, exact, lines or float:EPS "
				   "(checker programs come with the problem)");
		j->checker = xstrdup(json_string_value(v));
	}
	if ((v = json_object_get(o, "mode"))) {
		const char *m = json_is_string(v) ? json_string_value(v) : "";

		if (strcmp(m, "seccomp") && strcmp(m, "ptrace"))
			return bad(text, len, "mode", err, "must be \"seccomp\" or \"ptrace\"");
		j->mode = strcmp(m, "ptrace") == 0 ? RUN_PTRACE : RUN_SECCOMP;
		j->mode_set = true;
	}
	if ((v = json_object_get(o, "fail_fast"))) {
		if (!json_is_boolean(v))
			return bad(text, len, "fail_fast", err, "must be true or false");
		j->fail_fast = json_is_true(v);
	}
	if ((v = json_object_get(o, "submitted_ms"))) {
		if (!json_is_integer(v) || json_integer_value(v) < 0)
			return bad(text, len, "submitted_ms", err, "must be milliseconds since the epoch");
		j->submitted_ms = json_integer_value(v);
	}
	return 0;
}

int job_parse(const char *text, size_t len, size_t max_source, struct job *j, struct jerr *err)
{
	json_error_t je;
	json_t *o;
	int r;

	memset(j, 0, sizeof(*j));
	o = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
	if (!o) {
		jerr_set(err, "", "job", "not valid JSON: %s", je.text);
		err->line = je.line;
		err->col = je.column;
		return -1;
	}
	r = parse_object(o, max_source, j, text, len, err);
	json_decref(o);
	return r;
}

void job_free(struct job *j)
{
	for (size_t i = 0; i < j->n_files; i++)
		free(j->files[i].content);
	free(j->files);
	free(j->checker);
	j->files = NULL;
	j->n_files = 0;
	j->checker = NULL;
}

json_t *job_json(const struct job *j)
{
	json_t *o = json_object(), *srcs = json_array(), *lim = json_object();

	json_object_set_new(o, "id", json_string(j->id));
	json_object_set_new(o, "problem", json_string(j->problem));
	if (j->language[0])
		json_object_set_new(o, "language", json_string(j->language));
	for (size_t i = 0; i < j->n_files; i++) {
		json_t *src = json_object();

		json_object_set_new(src, "name", json_string(j->files[i].name));
		json_object_set_new(src, "content", json_stringn(j->files[i].content, j->files[i].len));
		json_array_append_new(srcs, src);
	}
	json_object_set_new(o, "sources", srcs);
	if (j->entry[0])
		json_object_set_new(o, "entry", json_string(j->entry));
	if (j->time_set)
		json_object_set_new(lim, "time_ms", json_integer(j->lim.cpu_ms));
	if (j->wall_set)
		json_object_set_new(lim, "wall_ms", json_integer(j->lim.wall_ms));
	if (j->memory_set)
		json_object_set_new(lim, "memory_kb", json_integer(j->lim.memory_kib));
	if (j->output_set)
		json_object_set_new(lim, "output_bytes", json_integer(j->lim.output_bytes));
	if (json_object_size(lim))
		json_object_set_new(o, "limits", lim);
	else
		json_decref(lim);
	if (j->checker)
		json_object_set_new(o, "checker", json_string(j->checker));
	if (j->mode_set)
		json_object_set_new(o, "mode", json_string(j->mode == RUN_PTRACE ? "ptrace" : "seccomp"));
	if (j->fail_fast)
		json_object_set_new(o, "fail_fast", json_true());
	if (j->submitted_ms)
		json_object_set_new(o, "submitted_ms", json_integer(j->submitted_ms));
	return o;
}
