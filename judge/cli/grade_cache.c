#include "grade_cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static int restore(void *arg, const struct policy *pol, const struct workspace *ws,
		   struct compile_result *cr)
{
	struct grade_cache *gc = arg;
	char key[65], path[PATH_MAX + 80];
	int fd;

	grade_cache_done(gc);
	if (progcache_key(pol, ws, key) < 0)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", gc->locks, key);
	fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	/* waits while another worker compiles the same source, then finds its program */
	while (fd >= 0 && flock(fd, LOCK_EX) < 0 && errno == EINTR)
		;
	if (gc->pc.hooks.restore(gc->pc.hooks.arg, pol, ws, cr) == 1) {
		if (fd >= 0)
			close(fd);
		return 1;
	}
	gc->held = fd;		/* kept until this compile is in the cache */
	return 0;
}

static void keep(void *arg, const struct policy *pol, const struct workspace *ws,
		 const struct compile_result *cr)
{
	struct grade_cache *gc = arg;

	gc->pc.hooks.keep(gc->pc.hooks.arg, pol, ws, cr);
	grade_cache_done(gc);
}

int grade_cache_open(struct grade_cache *gc, const char *dir, struct jerr *err)
{
	memset(gc, 0, sizeof(*gc));
	gc->held = -1;
	gc->c.fd = -1;
	if (cache_open(&gc->c, dir, 4LL << 30, err) < 0)
		return -1;
	snprintf(gc->locks, sizeof(gc->locks), "%s/grade-locks", dir);
	if (mkdir(gc->locks, 0700) < 0 && errno != EEXIST) {
		jerr_set(err, gc->locks, "", "cannot make the directory: %s", strerror(errno));
		cache_close(&gc->c);
		return -1;
	}
	progcache_init(&gc->pc, &gc->c);
	gc->hooks.restore = restore;
	gc->hooks.keep = keep;
	gc->hooks.arg = gc;
	return 0;
}

void grade_cache_done(struct grade_cache *gc)
{
	if (gc->held >= 0)
		close(gc->held);
	gc->held = -1;
}

void grade_cache_close(struct grade_cache *gc)
{
	grade_cache_done(gc);
	cache_close(&gc->c);
}
