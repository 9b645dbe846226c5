#ifndef JUDGE_SAFEFILE_H
#define JUDGE_SAFEFILE_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

/*
 * Every file the judge writes at a path it was given (saved outputs, reports,
 * CSV, compiled programs, the trace log) is created here, so that whoever
 * else can write in that directory cannot redirect the write:
 *
 * - the path is walked one component at a time from a directory descriptor
 *   (openat, O_NOFOLLOW); a symbolic link on the way, or at the end, is
 *   followed only when root or the judge's own user owns it (links in /proc
 *   lead to the judge's own descriptors and are the kernel's to follow); a
 *   link owned by anyone else is never followed;
 * - the content goes to a new file with a random name in the final directory
 *   (O_CREAT | O_EXCL | O_NOFOLLOW: no planted name or link is ever opened),
 *   which then replaces the name with renameat(): whatever sat there (a
 *   link, a hard link to another file, a FIFO someone else owns) is replaced,
 *   never opened or written through;
 * - a device or FIFO that root or the judge's user owns (/dev/null, the
 *   user's own FIFO) is written in place, opened with O_NOFOLLOW and
 *   O_NONBLOCK (no reader: an error, never a hang) and checked to be the
 *   file that was looked at.
 */
struct safefile {
	int dirfd;		/* the directory the file is made in */
	int fd;			/* where to write; the caller may close it first (set -1) */
	bool in_place;		/* a device or FIFO written where it is: nothing to rename */
	char name[NAME_MAX + 1];	/* the final name in dirfd */
	char tmp[NAME_MAX + 1];		/* the new file's name until the commit */
	char why[160];		/* after a failure: what went wrong, for the message */
};

/* 0, or -1 with errno and sf->why set; mode is for a new file (umask applies). */
int safefile_create(struct safefile *sf, const char *path, mode_t mode);
/* Closes and puts the file in place.  0, or -1 with errno and sf->why; releases sf either way. */
int safefile_commit(struct safefile *sf);
/* Removes the new file and releases sf. */
void safefile_abort(struct safefile *sf);

#endif
