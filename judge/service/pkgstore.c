#include "pkgstore.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sha256.h"

struct pkgfile {
	char *path;		/* relative, '/'-separated */
	char *data;
	size_t len;
	bool exec;
};

struct pkg {
	char name[256];
	struct pkgfile *f;
	size_t n;
};

static void pkg_free(struct pkg *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->f[i].path);
		free(p->f[i].data);
	}
	free(p->f);
	p->f = NULL;
	p->n = 0;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct pkgfile *)a)->path, ((const struct pkgfile *)b)->path);
}

static void pkg_hash(struct pkg *p, char id[65])
{
	struct sha256 s;

	if (p->n > 1)
		qsort(p->f, p->n, sizeof(*p->f), by_path);
	sha256_init(&s);
	sha256_update(&s, "judge-problem-1", 16);
	sha256_update(&s, p->name, strlen(p->name) + 1);
	for (size_t i = 0; i < p->n; i++) {
		char size[32];

		sha256_update(&s, p->f[i].path, strlen(p->f[i].path) + 1);
		sha256_update(&s, p->f[i].exec ? "x" : "-", 2);
		snprintf(size, sizeof(size), "%zu", p->f[i].len);
		sha256_update(&s, size, strlen(size) + 1);
		sha256_update(&s, p->f[i].data, p->f[i].len);
	}
	sha256_hex(&s, id);
}

static int read_tree(const char *root, const char *rel, struct pkg *p, struct jerr *err)
{
	char *dirpath = rel[0] ? xasprintf("%s/%s", root, rel) : xstrdup(root);
	DIR *d = opendir(dirpath);
	struct dirent *de;
	int r = 0;

	if (!d) {
		jerr_set(err, dirpath, "", "cannot read directory: %s", strerror(errno));
		free(dirpath);
		return -1;
	}
	while (r == 0 && (de = readdir(d))) {
		char *path, *sub;
		struct stat st, lst;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		path = xasprintf("%s/%s", dirpath, de->d_name);
		sub = rel[0] ? xasprintf("%s/%s", rel, de->d_name) : xstrdup(de->d_name);
		if (lstat(path, &lst) == 0 && S_ISDIR(lst.st_mode)) {
			r = read_tree(root, sub, p, err);
		} else if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			struct pkgfile *f;

			p->f = xrealloc(p->f, (p->n + 1) * sizeof(*p->f));
			f = &p->f[p->n];
			f->data = util_read_file(path, &f->len);
			if (!f->data) {
				jerr_set(err, path, "", "cannot read: %s", strerror(errno));
				r = -1;
			} else {
				f->path = sub;
				sub = NULL;
				f->exec = st.st_mode & 0100;
				p->n++;
			}
		}
		free(path);
		free(sub);
	}
	closedir(d);
	free(dirpath);
	return r;
}

int pkgstore_push(struct rconn *rc, const char *dir, char id[65], struct jerr *err)
{
	struct pkg p = { 0 };
	const char *base;
	char *trimmed = xstrdup(dir), key[128];
	const char **argv;
	size_t *lens, argc = 0;
	redisReply *r;
	int status = -1;

	for (size_t n = strlen(trimmed); n > 1 && trimmed[n - 1] == '/'; n--)
		trimmed[n - 1] = '\0';
	base = strrchr(trimmed, '/');
	base = base ? base + 1 : trimmed;
	snprintf(p.name, sizeof(p.name), "%s", base[0] && strcmp(base, ".") && strcmp(base, "..") ?
		 base : "problem");
	if (read_tree(trimmed, "", &p, err) < 0)
		goto out;
	if (p.n == 0) {
		jerr_set(err, dir, "", "no files in the problem directory");
		goto out;
	}
	pkg_hash(&p, id);
	snprintf(key, sizeof(key), PKGSTORE_PREFIX "%s", id);
	r = rconn_cmd(rc, "EXISTS %s", key);
	if (!r) {
		jerr_set(err, "", "--redis", "%s", rc->err);
		goto out;
	}
	if (r->type == REDIS_REPLY_INTEGER && r->integer == 1) {
		freeReplyObject(r);
		status = 0;
		goto out;
	}
	freeReplyObject(r);
	argv = xcalloc(4 + 4 * p.n, sizeof(*argv));
	lens = xcalloc(4 + 4 * p.n, sizeof(*lens));
	argv[argc] = "HSET", lens[argc++] = 4;
	argv[argc] = key, lens[argc++] = strlen(key);
	argv[argc] = "@name", lens[argc++] = 5;
	argv[argc] = p.name, lens[argc++] = strlen(p.name);
	for (size_t i = 0; i < p.n; i++) {
		char *fk = xasprintf("f:%s", p.f[i].path);

		argv[argc] = fk, lens[argc++] = strlen(fk);
		argv[argc] = p.f[i].data, lens[argc++] = p.f[i].len;
		if (p.f[i].exec) {
			char *xk = xasprintf("x:%s", p.f[i].path);

			argv[argc] = xk, lens[argc++] = strlen(xk);
			argv[argc] = "1", lens[argc++] = 1;
		}
	}
	r = rconn_argv(rc, (int)argc, argv, lens);
	if (!r || r->type == REDIS_REPLY_ERROR)
		jerr_set(err, "", "--redis", "HSET %s: %s", key, r ? r->str : rc->err);
	else
		status = 0;
	freeReplyObject(r);
	for (size_t i = 4; i < argc; i += 2)
		free((char *)argv[i]);
	free(argv);
	free(lens);
out:
	pkg_free(&p);
	free(trimmed);
	return status;
}

/* A path from Redis: relative, no empty, "." or ".." component. */
static bool safe_path(const char *s)
{
	const char *c = s;

	if (!*s || *s == '/')
		return false;
	for (;;) {
		const char *e = strchr(c, '/');
		size_t n = e ? (size_t)(e - c) : strlen(c);

		if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.') || n > 255)
			return false;
		if (!e)
			return true;
		c = e + 1;
	}
}

/* Creates rel below root_fd: directories on the way, the file with O_EXCL|O_NOFOLLOW. */
static int write_at(int root_fd, const char *rel, const struct pkgfile *f)
{
	char *copy = xstrdup(rel), *c = copy, *slash;
	int dfd = dup(root_fd), fd, r = -1;

	while (dfd >= 0 && (slash = strchr(c, '/'))) {
		int next;

		*slash = '\0';
		if (mkdirat(dfd, c, 0755) < 0 && errno != EEXIST)
			break;
		next = openat(dfd, c, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		close(dfd);
		dfd = next;
		c = slash + 1;
	}
	if (dfd >= 0 && !strchr(c, '/')) {
		fd = openat(dfd, c, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			    f->exec ? 0755 : 0644);
		if (fd >= 0) {
			size_t off = 0;

			while (off < f->len) {
				ssize_t w = write(fd, f->data + off, f->len - off);

				if (w <= 0)
					break;
				off += (size_t)w;
			}
			r = close(fd) == 0 && off == f->len ? 0 : -1;
		}
	}
	if (dfd >= 0)
		close(dfd);
	free(copy);
	return r;
}

/* The package from HGETALL's reply; -1 with err when a field is malformed. */
static int from_reply(const redisReply *r, struct pkg *p, struct jerr *err)
{
	p->n = 0;
	snprintf(p->name, sizeof(p->name), "problem");
	for (size_t i = 0; i + 1 < r->elements; i += 2) {
		const redisReply *k = r->element[i], *v = r->element[i + 1];

		if (k->type != REDIS_REPLY_STRING || v->type != REDIS_REPLY_STRING)
			continue;
		if (strcmp(k->str, "@name") == 0) {
			if (!v->len || v->len >= sizeof(p->name) || memchr(v->str, '/', v->len) ||
			    strlen(v->str) != v->len || !strcmp(v->str, ".") || !strcmp(v->str, "..")) {
				jerr_set(err, "", "problem", "the package's @name is not a directory name");
				return -1;
			}
			memcpy(p->name, v->str, v->len + 1);
		} else if (strncmp(k->str, "f:", 2) == 0) {
			struct pkgfile *f;

			if (strlen(k->str) != k->len || !safe_path(k->str + 2)) {
				jerr_set(err, "", "problem", "the package holds an unsafe path '%.100s'", k->str + 2);
				return -1;
			}
			p->f = xrealloc(p->f, (p->n + 1) * sizeof(*p->f));
			f = &p->f[p->n++];
			f->path = xstrdup(k->str + 2);
			f->data = xmalloc(v->len + 1);
			memcpy(f->data, v->str, v->len);
			f->len = v->len;
			f->exec = false;
		}
	}
	for (size_t i = 0; i + 1 < r->elements; i += 2) {
		const redisReply *k = r->element[i];

		if (k->type == REDIS_REPLY_STRING && strncmp(k->str, "x:", 2) == 0)
			for (size_t j = 0; j < p->n; j++)
				if (strcmp(p->f[j].path, k->str + 2) == 0)
					p->f[j].exec = true;
	}
	return 0;
}

/* Writes the package into a fresh fill and publishes it. */
static int store(struct cache *c, const char *id, struct pkg *p, struct jerr *err)
{
	char tmp[PATH_MAX], hash[65];
	int root, top;

	pkg_hash(p, hash);
	if (strcmp(hash, id) != 0) {
		jerr_set(err, "", "problem", "the package in Redis does not match its id (content hash %.12s...)",
			 hash);
		return -1;
	}
	if (cache_begin(c, tmp, sizeof(tmp)) < 0) {
		jerr_set(err, c->dir, "problem", "cannot create a cache entry: %s", strerror(errno));
		return -1;
	}
	root = open(tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	top = -1;
	if (root >= 0 && mkdirat(root, p->name, 0755) == 0)
		top = openat(root, p->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	for (size_t i = 0; top >= 0 && i < p->n; i++)
		if (write_at(top, p->f[i].path, &p->f[i]) < 0) {
			jerr_set(err, tmp, "problem", "cannot write %s: %s", p->f[i].path, strerror(errno));
			close(top);
			top = -2;
		}
	if (root >= 0)
		close(root);
	if (top < 0) {
		if (top == -1)
			jerr_set(err, tmp, "problem", "cannot fill the cache entry: %s", strerror(errno));
		util_remove_tree(tmp);
		return -1;
	}
	close(top);
	chmod(tmp, 0755);
	if (cache_commit(c, "problems", id, tmp) < 0) {
		jerr_set(err, c->dir, "problem", "cannot publish the cache entry: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* The one directory inside an entry: the package under its own name. */
static int entry_dir(const struct cache_entry *e, char *dir, size_t len)
{
	int fd = dup(e->fd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;
	int r = -1;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	rewinddir(d);
	while ((de = readdir(d)))
		if (de->d_name[0] != '.' || (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))) {
			snprintf(dir, len, "%s/%s", e->path, de->d_name);
			r = 0;
			break;
		}
	closedir(d);
	return r;
}

int pkgstore_fetch(struct rconn *rc, struct cache *c, const char *id, struct cache_entry *e,
		   char *dir, size_t len, struct jerr *err)
{
	struct pkg p = { 0 };
	redisReply *r;
	int got;

	for (int round = 0; round < 2; round++) {
		got = cache_get(c, "problems", id, e);
		if (got < 0) {
			jerr_set(err, "", "problem", "not a problem id");
			return -1;
		}
		if (got == 1) {
			if (entry_dir(e, dir, len) == 0)
				return 1;
			cache_release(e);
			jerr_set(err, c->dir, "problem", "a cache entry without its package");
			return -1;
		}
		if (round == 1)
			break;
		r = rconn_cmd(rc, "HGETALL " PKGSTORE_PREFIX "%s", id);
		if (!r || r->type != REDIS_REPLY_ARRAY) {
			jerr_set(err, "", "problem", "cannot fetch the package: %s",
				 r ? (r->str ? r->str : "unexpected reply") : rc->err);
			freeReplyObject(r);
			return -1;
		}
		if (r->elements == 0) {
			freeReplyObject(r);
			return 0;
		}
		got = from_reply(r, &p, err);
		freeReplyObject(r);
		if (got == 0)
			got = store(c, id, &p, err);
		pkg_free(&p);
		if (got < 0)
			return -1;
	}
	jerr_set(err, c->dir, "problem", "the package was evicted as soon as it was stored: "
		 "the cache is too small");
	return -1;
}
