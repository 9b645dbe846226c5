#include "dirpool.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* Slot `k`, locked, owned by uid:gid, 0700 and empty; -1 when busy or not to be trusted. */
static int take_slot(int dir, int k, uid_t uid, gid_t gid)
{
	char name[64];
	struct stat st;
	int fd;

	snprintf(name, sizeof(name), "judge-ws-%u-%d", (unsigned)geteuid(), k);
	fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		if (mkdirat(dir, name, 0700) < 0 && errno != EEXIST)
			return -1;
		fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	}
	if (fd < 0)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) < 0 || fstat(fd, &st) < 0)
		goto skip;
	/*
	 * Just made (the judge's own, under its umask), or left so by a judge
	 * killed before it got here: the slot becomes the program's.  Any other
	 * owner is not the judge's to take over.
	 */
	if (st.st_uid == geteuid() && (st.st_uid != uid || st.st_gid != gid) &&
	    (fchown(fd, uid, gid) < 0 || fstat(fd, &st) < 0))
		goto skip;
	if (st.st_uid != uid || st.st_gid != gid ||
	    ((st.st_mode & 07777) != 0700 && fchmod(fd, 0700) < 0))
		goto skip;
	util_empty_dir(fd);
	return fd;
skip:
	close(fd);
	return -1;
}

int dirpool_take(const char *tmp, uid_t uid, gid_t gid, char *out, size_t len,
		 struct dirpool_slot *s)
{
	int saved = errno, dir, fd = -1, k;

	s->held = false;
	dir = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0) {
		errno = saved;
		return -1;
	}
	for (k = 0; k < DIRPOOL_SLOTS && fd < 0; k++)
		fd = take_slot(dir, k, uid, gid);
	close(dir);
	errno = saved;
	if (fd < 0)
		return -1;
	if (snprintf(out, len, "%s/judge-ws-%u-%d", tmp, (unsigned)geteuid(), k - 1) >= (int)len) {
		close(fd);
		return -1;
	}
	s->fd = fd;
	s->held = true;
	return 0;
}

void dirpool_give(struct dirpool_slot *s)
{
	if (!s->held)
		return;
	util_empty_dir(s->fd);
	close(s->fd);	/* the lock goes with it */
	s->held = false;
}
