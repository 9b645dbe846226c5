#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define DIR_FLAGS	(O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

static const char *const kinds[] = { "problems", "programs" };

int cache_key_valid(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return 0;
	return n == 64;
}

static bool kind_valid(const char *kind)
{
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (strcmp(kind, kinds[i]) == 0)
			return true;
	return false;
}

/* mkdir that accepts an existing directory, never a link in its place. */
static int make_dir_at(int at, const char *name)
{
	struct stat st;

	if (mkdirat(at, name, 0700) == 0)
		return 0;
	if (errno != EEXIST || fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

/* A fill left by a worker that died: "fill-PID-XXXXXX" with PID gone. */
static void sweep_fills(struct cache *c)
{
	DIR *d = util_opendir_at(c->fd, "tmp", DIR_FLAGS);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		int pid;
		char path[PATH_MAX + 300];

		if ((sscanf(de->d_name, "fill-%d-", &pid) != 1 && sscanf(de->d_name, "evict-%d-", &pid) != 1) ||
		    pid <= 0 || kill(pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof(path), "%s/tmp/%s", c->dir, de->d_name);
		util_remove_tree(path);
	}
	closedir(d);
}

int cache_open(struct cache *c, const char *dir, int64_t max_bytes, struct jerr *err)
{
	struct stat st;

	memset(c, 0, sizeof(*c));
	c->fd = -1;
	if (strlen(dir) >= sizeof(c->dir) - 400) {
		jerr_set(err, dir, "--cache", "path too long");
		return -1;
	}
	snprintf(c->dir, sizeof(c->dir), "%s", dir);
	c->max_bytes = max_bytes;
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		jerr_set(err, dir, "--cache", "cannot create: %s", strerror(errno));
		return -1;
	}
	c->fd = open(dir, DIR_FLAGS);
	if (c->fd < 0) {
		jerr_set(err, dir, "--cache", "cannot open as a directory (a link is refused): %s",
			 strerror(errno));
		return -1;
	}
	/* others' files in our cache could be swapped under us: it must be ours alone */
	if (fstat(c->fd, &st) < 0 || st.st_uid != geteuid() || (st.st_mode & 022)) {
		jerr_set(err, dir, "--cache", "must be a directory owned by this user and writable by no one else");
		cache_close(c);
		return -1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (make_dir_at(c->fd, kinds[i]) < 0)
			goto fail;
	if (make_dir_at(c->fd, "tmp") < 0)
		goto fail;
	sweep_fills(c);
	return 0;
fail:
	jerr_set(err, dir, "--cache", "cannot set up the cache: %s", strerror(errno));
	cache_close(c);
	return -1;
}

void cache_close(struct cache *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

int cache_get(struct cache *c, const char *kind, const char *key, struct cache_entry *e)
{
	struct stat a, b;
	char rel[128];

	e->fd = -1;
	if (!kind_valid(kind) || !cache_key_valid(key))
		return -1;
	snprintf(rel, sizeof(rel), "%s/%s", kind, key);
	e->fd = openat(c->fd, rel, DIR_FLAGS);
	if (e->fd < 0)
		return 0;
	/* an evictor that won the race has moved the entry away: then it is gone for us too */
	if (flock(e->fd, LOCK_SH) < 0 || fstat(e->fd, &a) < 0 ||
	    fstatat(c->fd, rel, &b, AT_SYMLINK_NOFOLLOW) < 0 || a.st_ino != b.st_ino ||
	    a.st_dev != b.st_dev) {
		close(e->fd);
		e->fd = -1;
		return 0;
	}
	futimens(e->fd, NULL);
	/* an entry whose path does not fit could not be used: a miss */
	if (snprintf(e->path, sizeof(e->path), "%s/%s", c->dir, rel) >= (int)sizeof(e->path)) {
		close(e->fd);
		e->fd = -1;
		return 0;
	}
	return 1;
}

void cache_release(struct cache_entry *e)
{
	if (e->fd >= 0)
		close(e->fd);	/* drops the lock */
	e->fd = -1;
}

int cache_begin(struct cache *c, char *tmp, size_t len)
{
	snprintf(tmp, len, "%s/tmp/fill-%d-XXXXXX", c->dir, (int)getpid());
	return mkdtemp(tmp) ? 0 : -1;
}

int cache_commit(struct cache *c, const char *kind, const char *key, const char *tmp)
{
	char dst[PATH_MAX + 200];
	int r = 0;

	if (!kind_valid(kind) || !cache_key_valid(key)) {
		util_remove_tree(tmp);
		return -1;
	}
	snprintf(dst, sizeof(dst), "%s/%s/%s", c->dir, kind, key);
	chmod(tmp, 0700);
	if (rename(tmp, dst) < 0) {
		/* ENOTEMPTY/EEXIST: the same content was published first by another worker */
		r = errno == ENOTEMPTY || errno == EEXIST ? 0 : -1;
		util_remove_tree(tmp);
	}
	cache_evict(c);
	return r;
}

/* Bytes below a directory: what its files take on disk, links and all. */
static int64_t tree_bytes(int dfd)
{
	DIR *d = fdopendir(dfd);
	struct dirent *de;
	int64_t sum = 0;

	if (!d) {
		close(dfd);
		return 0;
	}
	while ((de = readdir(d))) {
		struct stat st;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		sum += (int64_t)st.st_blocks * 512;
		if (S_ISDIR(st.st_mode)) {
			int sub = openat(dirfd(d), de->d_name, DIR_FLAGS);

			if (sub >= 0)
				sum += tree_bytes(sub);
		}
	}
	closedir(d);
	return sum;
}

struct victim {
	char kind[16], key[65];
	int64_t bytes;
	struct timespec used;
};

static int by_use(const void *a, const void *b)
{
	const struct victim *x = a, *y = b;

	if (x->used.tv_sec != y->used.tv_sec)
		return x->used.tv_sec < y->used.tv_sec ? -1 : 1;
	if (x->used.tv_nsec != y->used.tv_nsec)
		return x->used.tv_nsec < y->used.tv_nsec ? -1 : 1;
	return strcmp(x->key, y->key);
}

static void list_entries(struct cache *c, const char *kind, struct victim **v, size_t *n, int64_t *total)
{
	DIR *d = util_opendir_at(c->fd, kind, DIR_FLAGS);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		struct stat st;
		int sub;

		if (!cache_key_valid(de->d_name) || fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISDIR(st.st_mode) || (sub = openat(dirfd(d), de->d_name, DIR_FLAGS)) < 0)
			continue;
		*v = xrealloc(*v, (*n + 1) * sizeof(**v));
		snprintf((*v)[*n].kind, sizeof((*v)[*n].kind), "%s", kind);
		/* cache_key_valid: 64 characters and the NUL */
		memcpy((*v)[*n].key, de->d_name, 65);
		(*v)[*n].used = st.st_mtim;
		(*v)[*n].bytes = tree_bytes(sub) + (int64_t)st.st_blocks * 512;
		*total += (*v)[*n].bytes;
		(*n)++;
	}
	closedir(d);
}

/* Moves one entry out of the cache unless someone uses it; true when it went. */
static bool evict_one(struct cache *c, const struct victim *v)
{
	static unsigned seq;
	char rel[128], away[PATH_MAX + 100], path[PATH_MAX + 200];
	int fd;
	bool gone = false;

	snprintf(rel, sizeof(rel), "%s/%s", v->kind, v->key);
	fd = openat(c->fd, rel, DIR_FLAGS);
	if (fd < 0)
		return false;
	if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
		snprintf(away, sizeof(away), "tmp/evict-%d-%u", (int)getpid(), seq++);
		if (renameat(c->fd, rel, c->fd, away) == 0) {
			/* out of the cache either way; a path cut short would remove another tree */
			if (snprintf(path, sizeof(path), "%s/%s", c->dir, away) < (int)sizeof(path))
				util_remove_tree(path);
			gone = true;
		}
	}
	close(fd);
	return gone;
}

int64_t cache_evict(struct cache *c)
{
	struct victim *v = NULL;
	size_t n = 0;
	int64_t total = 0;
	int lock = openat(c->fd, "lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);

	/* one evictor at a time: two would count the same bytes and remove twice as much */
	if (lock < 0 || flock(lock, LOCK_EX) < 0) {
		if (lock >= 0)
			close(lock);
		return -1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		list_entries(c, kinds[i], &v, &n, &total);
	if (n > 1)
		qsort(v, n, sizeof(*v), by_use);
	for (size_t i = 0; i < n && total > c->max_bytes; i++)
		if (evict_one(c, &v[i]))
			total -= v[i].bytes;
	free(v);
	close(lock);
	return total;
}

static int copy_file(int src_dir, int dst_dir, const char *name, mode_t mode)
{
	int in = openat(src_dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), out;
	char buf[65536];
	ssize_t r = 0;

	if (in < 0)
		return -1;
	out = openat(dst_dir, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		     (mode & 0111) ? 0755 : 0644);
	if (out < 0) {
		close(in);
		return errno == EEXIST ? 0 : -1;
	}
	while ((r = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)r) != r) {
			r = -1;
			break;
		}
	close(in);
	if (close(out) < 0)
		r = -1;
	return r < 0 ? -1 : 0;
}

int cache_copy_tree(int src_fd, int dst_fd)
{
	int dup_fd = dup(src_fd);
	DIR *d = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
	struct dirent *de;
	int r = 0;

	if (!d) {
		if (dup_fd >= 0)
			close(dup_fd);
		return -1;
	}
	rewinddir(d);
	while ((de = readdir(d)) && r == 0) {
		struct stat st;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
		    fstatat(src_fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		if (S_ISREG(st.st_mode)) {
			r = copy_file(src_fd, dst_fd, de->d_name, st.st_mode);
		} else if (S_ISDIR(st.st_mode)) {
			int s, t;

			if (make_dir_at(dst_fd, de->d_name) < 0)
				return closedir(d), -1;
			if (fchmodat(dst_fd, de->d_name, 0755, 0) < 0)
				return closedir(d), -1;
			s = openat(src_fd, de->d_name, DIR_FLAGS);
			t = openat(dst_fd, de->d_name, DIR_FLAGS);
			r = s >= 0 && t >= 0 ? cache_copy_tree(s, t) : -1;
			if (s >= 0)
				close(s);
			if (t >= 0)
				close(t);
		}
	}
	closedir(d);
	return r;
}
