#include "progcache.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sha256.h"

static void hash_file(struct sha256 *s, const char *path)
{
	size_t len = 0;
	char *data = path ? util_read_file(path, &len) : NULL;
	char n[32];

	snprintf(n, sizeof(n), "%zu", data ? len : (size_t)-1);
	sha256_update(s, n, strlen(n) + 1);
	if (data)
		sha256_update(s, data, len);
	free(data);
}

/* The compiler as found in PATH: its real path, size and mtime. */
static void hash_compiler(struct sha256 *s, const char *argv0)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX * 2], real[PATH_MAX];
	struct stat st;
	bool found = false;

	if (strchr(argv0, '/')) {
		snprintf(buf, sizeof(buf), "%s", argv0);
		found = stat(buf, &st) == 0;
	} else {
		for (const char *p = path ? path : "/usr/bin:/bin"; *p && !found;) {
			const char *e = strchr(p, ':');
			size_t n = e ? (size_t)(e - p) : strlen(p);

			snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, p, argv0);
			found = n && stat(buf, &st) == 0 && S_ISREG(st.st_mode);
			p += n + (e ? 1 : 0);
		}
	}
	if (found && realpath(buf, real)) {
		char id[PATH_MAX + 64];

		stat(real, &st);
		snprintf(id, sizeof(id), "%s:%lld:%lld.%09ld", real, (long long)st.st_size,
			 (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
		sha256_update(s, id, strlen(id) + 1);
	} else {
		sha256_update(s, argv0, strlen(argv0) + 1);
	}
}

int progcache_key(const struct policy *pol, const struct workspace *ws, char key[65])
{
	struct sha256 s;
	const char *base = strrchr(ws->source, '/');

	sha256_init(&s);
	sha256_update(&s, "judge-program-1", 16);
	sha256_update(&s, pol->name ? pol->name : "", pol->name ? strlen(pol->name) + 1 : 1);
	hash_file(&s, pol->file);
	for (size_t i = 0; i < pol->compile.n; i++)
		sha256_update(&s, pol->compile.v[i], strlen(pol->compile.v[i]) + 1);
	if (pol->compile.n)
		hash_compiler(&s, pol->compile.v[0]);
	base = base ? base + 1 : ws->source;
	if (ws->n_files) {
		/* a directory: the entry's path within it, and every file of the submission */
		const char *entry = ws->source + strlen(ws->dir) + 1;

		sha256_update(&s, "files", 6);
		sha256_update(&s, entry, strlen(entry) + 1);
		for (size_t i = 0; i < ws->n_files; i++) {
			char *path = xasprintf("%s/%s", ws->dir, ws->files[i]);

			sha256_update(&s, ws->files[i], strlen(ws->files[i]) + 1);
			hash_file(&s, path);
			free(path);
		}
	} else {
		sha256_update(&s, base, strlen(base) + 1);
		hash_file(&s, ws->source);
	}
	sha256_hex(&s, key);
	return 0;
}

static int restore(void *arg, const struct policy *pol, const struct workspace *ws,
		   struct compile_result *cr)
{
	struct progcache *pc = arg;
	struct cache_entry e;
	char key[65];
	int src, dst, ok = 0;
	json_t *j;

	progcache_key(pol, ws, key);
	if (cache_get(pc->c, "programs", key, &e) != 1) {
		pc->misses++;
		return 0;
	}
	src = openat(e.fd, "ws", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	dst = open(ws->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	{
		char *path = xasprintf("%s/result.json", e.path);

		j = json_load_file(path, 0, NULL);
		free(path);
	}
	if (src >= 0 && dst >= 0 && j && cache_copy_tree(src, dst) == 0) {
		int v = verdict_from_name(json_string_value(json_object_get(j, "verdict")));

		if (v == V_OK || v == V_CE) {
			memset(cr, 0, sizeof(*cr));
			cr->verdict = (enum verdict)v;
			cr->message = xstrdup(json_string_value(json_object_get(j, "message")) ?: "");
			cr->cpu_ms = json_integer_value(json_object_get(j, "cpu_ms"));
			cr->wall_ms = json_integer_value(json_object_get(j, "wall_ms"));
			cr->memory_kib = json_integer_value(json_object_get(j, "memory_kb"));
			ok = 1;
		}
	}
	json_decref(j);
	if (src >= 0)
		close(src);
	if (dst >= 0)
		close(dst);
	cache_release(&e);
	if (ok)
		pc->hits++;
	else
		pc->misses++;
	return ok;
}

static void keep(void *arg, const struct policy *pol, const struct workspace *ws,
		 const struct compile_result *cr)
{
	struct progcache *pc = arg;
	char key[65], tmp[PATH_MAX], *path;
	int src, root, dst = -1, ok = -1;
	json_t *j;

	progcache_key(pol, ws, key);
	if (cache_begin(pc->c, tmp, sizeof(tmp)) < 0)
		return;
	root = open(tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	src = open(ws->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (root >= 0 && mkdirat(root, "ws", 0755) == 0)
		dst = openat(root, "ws", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (src >= 0 && dst >= 0 && cache_copy_tree(src, dst) == 0)
		ok = 0;
	j = json_object();
	json_object_set_new(j, "verdict", json_string(verdict_name(cr->verdict)));
	json_object_set_new(j, "message", json_string(cr->message ? cr->message : ""));
	json_object_set_new(j, "cpu_ms", json_integer(cr->cpu_ms));
	json_object_set_new(j, "wall_ms", json_integer(cr->wall_ms));
	json_object_set_new(j, "memory_kb", json_integer(cr->memory_kib));
	path = xasprintf("%s/result.json", tmp);
	/* a message that is not UTF-8 cannot be kept as JSON: then this compile is not cached */
	if (ok == 0 && json_dump_file(j, path, JSON_COMPACT) < 0)
		ok = -1;
	free(path);
	json_decref(j);
	if (src >= 0)
		close(src);
	if (dst >= 0)
		close(dst);
	if (root >= 0)
		close(root);
	if (ok == 0)
		cache_commit(pc->c, "programs", key, tmp);
	else
		util_remove_tree(tmp);
}

void progcache_init(struct progcache *pc, struct cache *c)
{
	memset(pc, 0, sizeof(*pc));
	pc->c = c;
	pc->hooks.restore = restore;
	pc->hooks.keep = keep;
	pc->hooks.arg = pc;
}
