#include "safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#define MAX_LINKS 40	/* as the kernel */

/* Links anyone else owns may have been planted; root's and our own were not. */
static bool trusted(uid_t owner)
{
	return owner == 0 || owner == geteuid();
}

/* /proc's links (self, fd/N) lead to objects, not to text to walk. */
static bool on_procfs(int fd)
{
	struct statfs s;

	return fstatfs(fd, &s) == 0 && s.f_type == PROC_SUPER_MAGIC;
}

struct walk {
	int links;
	char *why;
	size_t wlen;
};

static int walk(int start, const char *path, struct walk *w);

static int close_keep_errno(int fd)
{
	int saved = errno;

	if (fd >= 0)
		close(fd);
	errno = saved;
	return -1;
}

/* Counts a link against the kernel's limit, and refuses one someone else owns. */
static int may_follow(const char *name, const struct stat *lst, struct walk *w)
{
	if (!trusted(lst->st_uid)) {
		snprintf(w->why, w->wlen, "refusing to follow %s, a symbolic link owned by uid %u",
			 name, (unsigned)lst->st_uid);
		errno = EPERM;
		return -1;
	}
	if (++w->links > MAX_LINKS) {
		snprintf(w->why, w->wlen, "too many symbolic links");
		errno = ELOOP;
		return -1;
	}
	return 0;
}

static ssize_t link_body(int dirfd, const char *name, char *body, size_t len)
{
	ssize_t r = readlinkat(dirfd, name, body, len - 1);

	if (r >= (ssize_t)len - 1) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (r >= 0)
		body[r] = '\0';
	return r;
}

/* The directory a link in `dirfd` leads to, its body walked with the same care. */
static int follow_dir(int dirfd, const char *name, const struct stat *lst, struct walk *w)
{
	char body[PATH_MAX];

	if (may_follow(name, lst, w) < 0)
		return -1;
	if (on_procfs(dirfd))
		return openat(dirfd, name, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (link_body(dirfd, name, body, sizeof(body)) < 0)
		return -1;
	return walk(dirfd, body, w);
}

/* The directory `path` names, from `start` when relative: an O_PATH descriptor. */
static int walk(int start, const char *path, struct walk *w)
{
	const char *p = path;
	int fd = openat(path[0] == '/' ? AT_FDCWD : start, path[0] == '/' ? "/" : ".",
			O_PATH | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while (*p) {
		char name[NAME_MAX + 1];
		struct stat st;
		size_t nl;
		int next;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		nl = strcspn(p, "/");
		if (nl > NAME_MAX) {
			errno = ENAMETOOLONG;
			return close_keep_errno(fd);
		}
		memcpy(name, p, nl);
		name[nl] = '\0';
		p += nl;
		if (strcmp(name, ".") == 0)
			continue;
		next = openat(fd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0 || fstat(next, &st) < 0)
			goto fail;
		if (S_ISLNK(st.st_mode)) {
			close(next);
			next = follow_dir(fd, name, &st, w);
			if (next < 0)
				goto fail;
		} else if (!S_ISDIR(st.st_mode)) {
			close(next);
			next = -1;
			errno = ENOTDIR;
			goto fail;
		}
		close(fd);
		fd = next;
		continue;
fail:
		close_keep_errno(next);
		return close_keep_errno(fd);
	}
	return fd;
}

/* A new file under a random name no one could have planted anything at. */
static int make_new(struct safefile *sf, mode_t mode)
{
	for (int i = 0; i < 100; i++) {
		unsigned long long r;
		int fd;

		if (getrandom(&r, sizeof(r), 0) != sizeof(r))
			r = (unsigned long long)time(NULL) * 2654435761u ^ (unsigned long long)getpid() << 20 ^ (unsigned)i;
		snprintf(sf->tmp, sizeof(sf->tmp), ".judge-%016llx", r);
		fd = openat(sf->dirfd, sf->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
		if (fd >= 0) {
			sf->fd = fd;
			return 0;
		}
		if (errno != EEXIST)
			break;
	}
	sf->tmp[0] = '\0';
	snprintf(sf->why, sizeof(sf->why), "cannot create a file beside it: %s", strerror(errno));
	return -1;
}

/*
 * A device or FIFO written where it is.  `seen` is what was looked at (the
 * open must reach the same file), NULL for a link in /proc the kernel follows.
 */
static int open_in_place(struct safefile *sf, const struct stat *seen)
{
	struct stat st;
	int fd, fl;

	fd = openat(sf->dirfd, sf->name, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
		    (seen ? O_NOFOLLOW : 0));
	if (fd < 0) {
		snprintf(sf->why, sizeof(sf->why), "cannot write: %s",
			 errno == ENXIO ? "a FIFO with no reader" : strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 ||
	    (seen && (st.st_dev != seen->st_dev || st.st_ino != seen->st_ino))) {
		snprintf(sf->why, sizeof(sf->why), "cannot write: it changed while it was opened");
		close(fd);
		errno = EAGAIN;
		return -1;
	}
	/* the judge's own stdout reached through /dev/stdout: added to, not overwritten */
	if (!seen && S_ISREG(st.st_mode))
		lseek(fd, 0, SEEK_END);
	fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	sf->fd = fd;
	sf->in_place = true;
	return 0;
}

/* Splits `path` into the directory to walk (in dir) and the final name. */
static int split(const char *path, char *dir, size_t dlen, char *name, size_t nlen)
{
	size_t len = strlen(path);
	char *slash;

	if (len == 0 || len >= dlen) {
		errno = len ? ENAMETOOLONG : ENOENT;
		return -1;
	}
	memcpy(dir, path, len + 1);
	if (dir[len - 1] == '/') {
		errno = EISDIR;
		return -1;
	}
	slash = strrchr(dir, '/');
	if (strlen(slash ? slash + 1 : dir) >= nlen) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (!slash) {
		memcpy(name, dir, len + 1);
		strcpy(dir, ".");
	} else {
		memcpy(name, slash + 1, strlen(slash + 1) + 1);
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		errno = EISDIR;
		return -1;
	}
	return 0;
}

/* The final name: replaced by a new file, or written in place, or followed when ours. */
static int place(struct safefile *sf, mode_t mode, struct walk *w)
{
	for (;;) {
		char body[PATH_MAX], dir[PATH_MAX], name[NAME_MAX + 1];
		struct stat st;
		int next;

		if (fstatat(sf->dirfd, sf->name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			if (errno != ENOENT)
				return -1;
			return make_new(sf, mode);
		}
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			return -1;
		}
		if (S_ISREG(st.st_mode))
			return make_new(sf, mode);	/* a hard link too: replaced, never opened */
		if (!S_ISLNK(st.st_mode))
			return trusted(st.st_uid) ? open_in_place(sf, &st) : make_new(sf, mode);
		if (!trusted(st.st_uid))
			return make_new(sf, mode);	/* the link itself is replaced */
		if (may_follow(sf->name, &st, w) < 0)
			return -1;
		if (on_procfs(sf->dirfd))
			return open_in_place(sf, NULL);
		if (link_body(sf->dirfd, sf->name, body, sizeof(body)) < 0 ||
		    split(body, dir, sizeof(dir), name, sizeof(name)) < 0)
			return -1;
		next = walk(sf->dirfd, dir, w);
		if (next < 0)
			return -1;
		close(sf->dirfd);
		sf->dirfd = next;
		strcpy(sf->name, name);
	}
}

int safefile_create(struct safefile *sf, const char *path, mode_t mode)
{
	struct walk w = { 0, sf->why, sizeof(sf->why) };
	char dir[PATH_MAX];

	memset(sf, 0, sizeof(*sf));
	sf->dirfd = sf->fd = -1;
	if (split(path, dir, sizeof(dir), sf->name, sizeof(sf->name)) < 0)
		goto fail;
	sf->dirfd = walk(AT_FDCWD, dir, &w);
	if (sf->dirfd < 0 || place(sf, mode, &w) < 0)
		goto fail;
	return 0;
fail:
	if (!sf->why[0])
		snprintf(sf->why, sizeof(sf->why), "cannot write: %s", strerror(errno));
	close_keep_errno(sf->dirfd);
	sf->dirfd = -1;
	return -1;
}

int safefile_commit(struct safefile *sf)
{
	int r = 0;

	if (sf->fd >= 0 && close(sf->fd) < 0)
		r = -1;
	sf->fd = -1;
	if (r == 0 && !sf->in_place && renameat(sf->dirfd, sf->tmp, sf->dirfd, sf->name) < 0)
		r = -1;
	if (r < 0) {
		snprintf(sf->why, sizeof(sf->why), "cannot write: %s", strerror(errno));
		safefile_abort(sf);
		return -1;
	}
	close(sf->dirfd);
	sf->dirfd = -1;
	return 0;
}

void safefile_abort(struct safefile *sf)
{
	int saved = errno;

	if (sf->fd >= 0)
		close(sf->fd);
	if (sf->dirfd >= 0) {
		if (!sf->in_place && sf->tmp[0])
			unlinkat(sf->dirfd, sf->tmp, 0);
		close(sf->dirfd);
	}
	sf->fd = sf->dirfd = -1;
	errno = saved;
}
