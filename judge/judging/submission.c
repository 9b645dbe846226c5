#include "submission.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "isolate.h"
#include "natsort.h"
#include "output.h"
#include "run.h"

/*
 * Directory submissions follow what DOMjudge and Kattis accept: the files
 * are flat or in folders (a Java package in pkg/), several languages' files
 * may sit side by side (a C program with its headers, a README), and one
 * file is the entry.  Only regular files are taken: a symlink in a student's
 * folder could name any file the judge can read, and the program may read
 * its own workspace.
 */

/* ==== Languages by extension ==== */

struct langmap {
	struct strlist ext, lang;	/* parallel: the first policy (in name order) claiming ext */
};

static void langmap_load(const char *policies_dir, struct langmap *m)
{
	struct strlist names = { 0 };

	memset(m, 0, sizeof(*m));
	if (policy_list(policies_dir, &names) < 0)
		return;
	for (size_t i = 0; i < names.n; i++) {
		struct policy p;
		struct jerr e;

		if (policy_load(names.v[i], policies_dir, &p, &e) < 0)
			continue;
		for (size_t k = 0; k < p.extensions.n; k++) {
			strlist_push(&m->ext, p.extensions.v[k]);
			strlist_push(&m->lang, names.v[i]);
		}
		policy_free(&p);
	}
	strlist_free(&names);
}

static void langmap_free(struct langmap *m)
{
	strlist_free(&m->ext);
	strlist_free(&m->lang);
}

static const char *ext_of(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	return dot && dot != base && dot[1] ? dot + 1 : NULL;
}

static const char *langmap_find(const struct langmap *m, const char *path)
{
	const char *ext = ext_of(path);

	for (size_t i = 0; ext && i < m->ext.n; i++)
		if (!strcmp(m->ext.v[i], ext))
			return m->lang.v[i];
	return NULL;
}

static bool has_ext(const struct strlist *exts, const char *path)
{
	const char *ext = ext_of(path);

	for (size_t i = 0; ext && i < exts->n; i++)
		if (!strcmp(exts->v[i], ext))
			return true;
	return false;
}

/* ==== Listing a directory ==== */

struct walk {
	const char *top;
	struct strlist files;
	size_t bytes;
	struct jerr *err;
};

static int walk_dir(struct walk *w, const char *rel, int depth)
{
	char *dir = *rel ? xasprintf("%s/%s", w->top, rel) : xstrdup(w->top);
	DIR *d = opendir(dir);
	struct dirent *de;
	int r = 0;

	if (!d) {
		jerr_set(w->err, dir, "", "cannot read directory: %s", strerror(errno));
		free(dir);
		return -1;
	}
	while (r == 0 && (de = readdir(d))) {
		char *sub;
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		sub = *rel ? xasprintf("%s/%s", rel, de->d_name) : xstrdup(de->d_name);
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			/* vanished meanwhile: as if it had not been there */
		} else if (S_ISDIR(st.st_mode)) {
			if (depth >= SUBMISSION_MAX_DEPTH) {
				jerr_set(w->err, dir, "", "folders nested more than %d deep",
					 SUBMISSION_MAX_DEPTH);
				r = -1;
			} else {
				r = walk_dir(w, sub, depth + 1);
			}
		} else if (S_ISREG(st.st_mode)) {
			w->bytes += (size_t)st.st_size;
			strlist_push(&w->files, sub);
			if (w->files.n > SUBMISSION_MAX_FILES || w->bytes > SUBMISSION_MAX_BYTES) {
				jerr_set(w->err, w->top, "", "more than %d files or %d MiB: not a submission",
					 SUBMISSION_MAX_FILES, SUBMISSION_MAX_BYTES >> 20);
				r = -1;
			}
		}
		free(sub);
	}
	closedir(d);
	free(dir);
	return r;
}

static int cmp_natural(const void *a, const void *b)
{
	return natsort_cmp(*(char *const *)a, *(char *const *)b);
}

bool submission_dir_has_sources(const char *dir, const char *policies_dir)
{
	struct walk w = { .top = dir };
	struct langmap m;
	struct jerr err;
	bool any = false;

	w.err = &err;
	if (walk_dir(&w, "", 0) < 0) {
		strlist_free(&w.files);
		return false;
	}
	langmap_load(policies_dir, &m);
	for (size_t i = 0; i < w.files.n && !any; i++)
		any = langmap_find(&m, w.files.v[i]) != NULL;
	langmap_free(&m);
	strlist_free(&w.files);
	return any;
}

/* ==== The entry point ==== */

static const char *base_of(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* `word` not preceded by an identifier character, then blanks, then '('. */
static bool defines(const char *text, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
		const char *q = p + n;

		if (p > text && (p[-1] == '_' || p[-1] == '.' || isalnum((unsigned char)p[-1])))
			continue;
		while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
			q++;
		if (*q == '(')
			return true;
	}
	return false;
}

/* Whether the file looks like a program's main file, by what its language calls main. */
static bool has_main(const char *path)
{
	const char *ext = ext_of(path);
	size_t len;
	char *text = util_read_file(path, &len);
	bool r;

	if (!text)
		return false;
	if (strlen(text) != len)	/* a NUL inside: not a source */
		r = false;
	else if (ext && (!strcmp(ext, "py") || !strcmp(ext, "py3")))
		r = strstr(text, "__name__") && strstr(text, "__main__");
	else if (ext && (!strcmp(ext, "java") || !strcmp(ext, "kt") || !strcmp(ext, "scala")))
		r = strstr(text, "static void main") || strstr(text, "fun main") ||
		    strstr(text, "def main");
	else if (ext && !strcmp(ext, "go"))
		r = defines(text, "func main");
	else
		r = defines(text, "main");
	free(text);
	return r;
}

/* --entry: a file of the submission by path or name; for Java also a class name. */
static const char *match_entry(const struct submission *s, const char *entry)
{
	const char *hit = NULL;
	size_t nhit = 0;
	char *as_path;

	for (size_t i = 0; i < s->n_files; i++)
		if (!strcmp(s->files[i], entry))
			return s->files[i];
	for (size_t i = 0; i < s->n_files; i++)
		if (!strcmp(base_of(s->files[i]), entry))
			hit = s->files[i], nhit++;
	if (nhit == 1)
		return hit;
	/* pkg.Main -> pkg/Main.java, or a Main.java anywhere */
	as_path = xstrdup(entry);
	for (char *p = as_path; *p; p++)
		if (*p == '.')
			*p = '/';
	nhit = 0;
	for (size_t i = 0; i < s->n_files; i++) {
		const char *f = s->files[i];
		size_t n = strlen(as_path);

		if (!strncmp(f, as_path, n) && f[n] == '.' && !strchr(f + n, '/')) {
			free(as_path);
			return f;
		}
		if (!strncmp(base_of(f), base_of(as_path), strlen(base_of(as_path))) &&
		    base_of(f)[strlen(base_of(as_path))] == '.')
			hit = f, nhit++;
	}
	free(as_path);
	return nhit == 1 ? hit : NULL;
}

static int pick_entry(struct submission *s, const char *entry, const struct strlist *exts,
		      struct jerr *err)
{
	static const char *const conventional[] = { "main", "Main", "__main__", "solution",
						    "Solution", "sol" };
	struct strlist srcs = { 0 };
	const char *pick = NULL;
	size_t nmain = 0;

	if (entry) {
		pick = match_entry(s, entry);
		if (!pick) {
			jerr_set(err, s->path, "entry", "no file %s in the submission", entry);
			return -1;
		}
		s->entry = xstrdup(pick);
		return 0;
	}
	for (size_t i = 0; i < s->n_files; i++)
		if (has_ext(exts, s->files[i]))
			strlist_push(&srcs, s->files[i]);
	if (srcs.n == 1)
		pick = srcs.v[0];
	for (size_t c = 0; !pick && c < ARRAY_SIZE(conventional); c++)
		for (size_t i = 0; i < srcs.n && !pick; i++) {
			const char *b = base_of(srcs.v[i]);
			size_t n = strlen(conventional[c]);

			if (!strncmp(b, conventional[c], n) && b[n] == '.' && !strchr(b + n + 1, '.'))
				pick = srcs.v[i];
		}
	for (size_t i = 0; i < srcs.n && !pick; i++) {
		char *full = xasprintf("%s/%s", s->root, srcs.v[i]);

		if (has_main(full)) {
			nmain++;
			if (!s->entry || nmain == 1) {
				free(s->entry);
				s->entry = xstrdup(srcs.v[i]);
			}
		}
		free(full);
	}
	if (pick) {
		s->entry = xstrdup(pick);
	} else if (nmain != 1) {
		free(s->entry);
		s->entry = NULL;
		if (!srcs.n)
			jerr_set(err, s->path, "", "no %s source in this folder", s->language);
		else
			jerr_set(err, s->path, "", "cannot tell which of its %zu %s files is the main "
				 "one (%s); name it main.EXT or give --entry FILE", srcs.n, s->language,
				 nmain ? "several define main" : "none defines main");
	}
	strlist_free(&srcs);
	return s->entry ? 0 : -1;
}

/* ==== Opening ==== */

static int open_file(struct submission *s, const char *policy, const char *policies_dir,
		     struct jerr *err)
{
	const char *slash = strrchr(s->path, '/');
	const char *name = policy ? policy : compile_policy_for(s->path, policies_dir);

	if (!name) {
		compile_no_language(s->path, policies_dir, err);
		return -1;
	}
	s->language = xstrdup(name);
	s->root = slash ? xasprintf("%.*s", (int)(slash - s->path), s->path) : xstrdup(".");
	if (!s->root[0]) {
		free(s->root);
		s->root = xstrdup("/");
	}
	s->files = xcalloc(1, sizeof(*s->files));
	s->files[s->n_files++] = xstrdup(slash ? slash + 1 : s->path);
	s->entry = xstrdup(s->files[0]);
	return 0;
}

/* The language of a folder: -p, else the entry's, else the one its files share. */
static int dir_language(struct submission *s, const char *entry, const char *policy,
			const struct langmap *m, struct jerr *err)
{
	struct strlist langs = { 0 };
	const char *e;

	if (policy) {
		s->language = xstrdup(policy);
		return 0;
	}
	if (entry && (e = match_entry(s, entry)) && langmap_find(m, e)) {
		s->language = xstrdup(langmap_find(m, e));
		return 0;
	}
	for (size_t i = 0; i < s->n_files; i++) {
		const char *l = langmap_find(m, s->files[i]);
		bool seen = false;

		for (size_t k = 0; l && k < langs.n; k++)
			seen |= !strcmp(langs.v[k], l);
		if (l && !seen)
			strlist_push(&langs, l);
	}
	if (langs.n == 1)
		s->language = xstrdup(langs.v[0]);
	else if (!langs.n)
		jerr_set(err, s->path, "", "no file in this folder is a source in a known language");
	else
		jerr_set(err, s->path, "", "files in %zu languages (%s, %s%s): give the language "
			 "with -p or the main file with --entry", langs.n, langs.v[0], langs.v[1],
			 langs.n > 2 ? ", ..." : "");
	strlist_free(&langs);
	return s->language ? 0 : -1;
}

int submission_open(const char *path, const char *entry, const char *policy,
		    const char *policies_dir, struct submission *s, struct jerr *err)
{
	struct walk w = { .top = path, .err = err };
	struct langmap m;
	struct policy pol;
	struct stat st;
	int r = -1;

	memset(s, 0, sizeof(*s));
	s->path = xstrdup(path);
	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return open_file(s, policy, policies_dir, err);
	s->is_dir = true;
	s->root = xstrdup(path);
	for (size_t n = strlen(s->root); n > 1 && s->root[n - 1] == '/'; n--)
		s->root[n - 1] = '\0';
	w.top = s->root;
	if (walk_dir(&w, "", 0) < 0) {
		strlist_free(&w.files);
		return -1;
	}
	if (w.files.n > 1)
		qsort(w.files.v, w.files.n, sizeof(*w.files.v), cmp_natural);
	s->files = w.files.v;
	s->n_files = w.files.n;
	langmap_load(policies_dir, &m);
	if (dir_language(s, entry, policy, &m, err) == 0 &&
	    policy_load(s->language, policies_dir, &pol, err) == 0) {
		r = pick_entry(s, entry, &pol.extensions, err);
		policy_free(&pol);
	}
	langmap_free(&m);
	return r;
}

void submission_free(struct submission *s)
{
	for (size_t i = 0; i < s->n_files; i++)
		free(s->files[i]);
	free(s->files);
	free(s->path);
	free(s->root);
	free(s->entry);
	free(s->language);
	memset(s, 0, sizeof(*s));
}

/* ==== The workspace ==== */

static int copy_one(const char *from, const char *to, struct jerr *err)
{
	int in = open(from, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), out;
	struct stat st;

	if (in < 0 || fstat(in, &st) < 0 || !S_ISREG(st.st_mode)) {
		jerr_set(err, from, "", "cannot read: %s", in < 0 ? strerror(errno) : "not a regular file");
		if (in >= 0)
			close(in);
		return -1;
	}
	out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (out < 0 || output_copy(in, out) < 0 || close(out) < 0) {
		jerr_set(err, to, "", "cannot write: %s", strerror(errno));
		close(in);
		return -1;
	}
	close(in);
	return 0;
}

/* Creates the folders on the way to dir/rel, owned by the program's uid when root. */
static int make_parents(const char *dir, const char *rel, uid_t uid, gid_t gid, bool root,
			struct jerr *err)
{
	char *path = xasprintf("%s/%s", dir, rel);
	size_t skip = strlen(dir) + 1;

	for (char *p = path + skip; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST) {
			jerr_set(err, path, "", "cannot create: %s", strerror(errno));
			free(path);
			return -1;
		}
		if (root && chown(path, uid, gid) < 0) {
			jerr_set(err, path, "", "chown: %s", strerror(errno));
			free(path);
			return -1;
		}
		*p = '/';
	}
	free(path);
	return 0;
}

/* snprintf that says when the path did not fit, instead of cutting it short. */
__attribute__((format(printf, 3, 4)))
static int path_fits(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

int submission_workspace(const struct submission *s, const struct policy *lang,
			 struct workspace *ws, struct jerr *err)
{
	bool root = run_root_layers();
	uid_t uid = 0;
	gid_t gid = 0;
	const char *base, *dot;
	int r;

	if (!s->is_dir)
		return workspace_create(s->path, ws, err);
	if (workspace_create_empty(ws, err) < 0)
		return -1;
	if (root)
		isolate_default_ids(&uid, &gid);
	for (size_t i = 0; i < s->n_files; i++) {
		char *from = xasprintf("%s/%s", s->root, s->files[i]);
		char *to = xasprintf("%s/%s", ws->dir, s->files[i]);

		r = make_parents(ws->dir, s->files[i], uid, gid, root, err);
		if (r == 0)
			r = copy_one(from, to, err);
		if (r == 0 && root && chown(to, uid, gid) < 0) {
			jerr_set(err, to, "", "chown: %s", strerror(errno));
			r = -1;
		}
		if (r == 0) {
			ws->files = xrealloc(ws->files, (ws->n_files + 1) * sizeof(*ws->files));
			ws->files[ws->n_files++] = xstrdup(s->files[i]);
		}
		if (r == 0 && (s->files[i] == s->entry || !strcmp(s->files[i], s->entry) ||
			       has_ext(&lang->extensions, s->files[i]))) {
			ws->sources = xrealloc(ws->sources, (ws->n_sources + 1) * sizeof(*ws->sources));
			ws->sources[ws->n_sources++] = xstrdup(to);
		}
		free(from);
		free(to);
		if (r < 0) {
			workspace_remove(ws);
			return -1;
		}
	}
	if (path_fits(ws->source, sizeof(ws->source), "%s/%s", ws->dir, s->entry) < 0 ||
	    path_fits(ws->exe, sizeof(ws->exe), "%s/prog", ws->dir) < 0) {
		jerr_set(err, s->path, "entry", "path too long: %s/%s", ws->dir, s->entry);
		workspace_remove(ws);
		return -1;
	}
	base = base_of(s->entry);
	/* the compiler must not overwrite a file of the submission */
	for (int k = 1; access(ws->exe, F_OK) == 0 && k < 100; k++) {
		if (path_fits(ws->exe, sizeof(ws->exe), "%s/prog.%d", ws->dir, k) < 0) {
			jerr_set(err, s->path, "", "path too long: %s/prog.%d", ws->dir, k);
			workspace_remove(ws);
			return -1;
		}
	}
	dot = strrchr(base, '.');
	snprintf(ws->stem, sizeof(ws->stem), "%.*s",
		 (int)(dot && dot != base ? (size_t)(dot - base) : strlen(base)), base);
	return 0;
}
