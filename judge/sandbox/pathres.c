#include "pathres.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Appends "/name" to the text resolved so far (out[0..*n), always "/"-rooted). */
static int text_push(char *out, size_t len, size_t *n, const char *name, size_t nl)
{
	size_t sep = out[*n - 1] != '/';

	if (*n + sep + nl + 1 > len)
		return -1;
	if (sep)
		out[(*n)++] = '/';
	memcpy(out + *n, name, nl);
	*n += nl;
	out[*n] = '\0';
	return 0;
}

/* Drops the last component; ".." at the root stays at the root, as in the kernel. */
static void text_pop(char *out, size_t *n)
{
	while (*n > 1 && out[*n - 1] != '/')
		(*n)--;
	if (*n > 1)
		(*n)--;
	out[*n] = '\0';
}

/*
 * Where the kernel put us after following a link: the path of the open
 * descriptor.  Links in /proc (cwd, root, fd/N) jump to objects whose link
 * text is no path to walk; the kernel follows them, and this reads where.
 */
static int text_of_fd(int fd, char *out, size_t len, size_t *n, struct pathres_stats *st)
{
	char link[64];
	ssize_t r;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	st->calls++;
	r = readlink(link, out, len - 1);
	if (r < 0)
		return -1;
	if (r == 0 || out[0] != '/' || (size_t)r >= len - 1) {
		errno = r > 0 && out[0] != '/' ? ENOENT : ENAMETOOLONG;
		return -1;
	}
	out[r] = '\0';
	*n = (size_t)r;
	return 0;
}

static bool absent(int err)
{
	return err == ENOENT || err == ENOTDIR;
}

/*
 * One component from directory `*fd`: returns the descriptor it leads to
 * (links followed by the kernel, counted here), -2 when it does not exist,
 * -1 on an error that makes the path unresolvable.
 */
static int step(int fd, const char *name, int *links, char *out, size_t len, size_t *n,
		struct pathres_stats *st)
{
	struct stat sb;
	int next;

	st->calls++;
	next = openat(fd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (next < 0)
		return absent(errno) ? -2 : -1;
	st->calls++;
	if (fstat(next, &sb) < 0) {
		close(next);
		return -1;
	}
	if (!S_ISLNK(sb.st_mode))
		return next;
	close(next);
	if (++*links > PATHRES_MAX_LINKS) {
		errno = ELOOP;
		return -1;
	}
	st->links++;
	st->calls++;
	next = openat(fd, name, O_PATH | O_CLOEXEC);
	if (next < 0) {
		/* A dangling link: where it leads is only text, and O_CREAT would make it. */
		if (absent(errno))
			errno = ENOENT;
		return -1;
	}
	if (text_of_fd(next, out, len, n, st) < 0) {
		close(next);
		return -1;
	}
	return next;
}

int pathres_resolve(const char *path, char *out, size_t len, struct pathres_stats *st)
{
	struct pathres_stats none;
	const char *p = path;
	bool missing = false;
	int fd, links = 0, saved;
	size_t n = 1;

	if (!st)
		st = &none;
	memset(st, 0, sizeof(*st));
	if (path[0] != '/' || len < 2) {
		errno = EINVAL;
		return -1;
	}
	/*
	 * Most paths exist: one walk by the kernel then says where.  Only a
	 * path that does not (or fails otherwise) is walked here, step by step.
	 */
	st->calls++;
	fd = strlen(path) < PATH_MAX ? open(path, O_PATH | O_CLOEXEC) : -1;
	if (fd < 0 && strlen(path) >= PATH_MAX)
		errno = ENOENT;	/* too long for one call, not for a walk */
	if (fd >= 0) {
		int r = text_of_fd(fd, out, len, &n, st);

		saved = errno;
		close(fd);
		errno = saved;
		return r;
	}
	if (!absent(errno))
		return -1;
	out[0] = '/';
	out[1] = '\0';
	st->calls++;
	fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while (*p) {
		char name[NAME_MAX + 1];
		const char *q;
		size_t nl;
		int next;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		q = strchrnul(p, '/');
		nl = (size_t)(q - p);
		p = q;
		st->components++;
		if (nl == 1 && q[-1] == '.')
			continue;
		if (missing) {
			/* past a missing directory the kernel fails with ENOENT: text only */
			if (nl == 2 && q[-1] == '.' && q[-2] == '.')
				text_pop(out, &n);
			else if (text_push(out, len, &n, q - nl, nl) < 0)
				goto toolong;
			continue;
		}
		if (nl > NAME_MAX)
			goto toolong;
		memcpy(name, q - nl, nl);
		name[nl] = '\0';
		if (nl == 2 && name[0] == '.' && name[1] == '.') {
			text_pop(out, &n);
			st->calls++;
			next = openat(fd, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
			if (next < 0 && !absent(errno))
				goto fail;
		} else {
			if (text_push(out, len, &n, name, nl) < 0)
				goto toolong;
			next = step(fd, name, &links, out, len, &n, st);
			if (next == -1)
				goto fail;
		}
		if (next < 0) {
			missing = true;	/* the rest is text only */
			continue;
		}
		close(fd);
		fd = next;
	}
	close(fd);
	return 0;
toolong:
	errno = ENAMETOOLONG;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}
