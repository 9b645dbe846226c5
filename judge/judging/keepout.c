#include "keepout.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"

int keepout_open(const char *dir, struct jerr *err)
{
	struct stat st;
	int fd;

	if (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode)) {
		jerr_set(err, dir, "--keep-outputs", "is a symbolic link; give a real directory");
		return -1;
	}
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		jerr_set(err, dir, "--keep-outputs", "cannot make the directory: %s", strerror(errno));
		return -1;
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		jerr_set(err, dir, "--keep-outputs", "%s",
			 errno == ELOOP ? "is a symbolic link; give a real directory" :
			 errno == ENOTDIR ? "is not a directory" : strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || faccessat(fd, ".", W_OK | X_OK, AT_EACCESS) < 0) {
		jerr_set(err, dir, "--keep-outputs", "cannot write there: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* A folder or file name from a test's name: ".", ".." and "" never name a place. */
static bool plain_component(const char *s, size_t n)
{
	return n > 0 && !(n == 1 && s[0] == '.') && !(n == 2 && s[0] == '.' && s[1] == '.');
}

int keepout_save(int dir_fd, const char *name, const char *suffix, int src_fd, struct jerr *err)
{
	int at = dup(dir_fd), fd;
	const char *p = name, *slash;
	char *file;

	if (at < 0) {
		jerr_set(err, name, "--keep-outputs", "%s", strerror(errno));
		return -1;
	}
	/* one folder at a time, each opened with O_NOFOLLOW below the last */
	while ((slash = strchr(p, '/'))) {
		char comp[256];
		size_t n = (size_t)(slash - p);
		int next;

		if (!plain_component(p, n) || n >= sizeof(comp)) {
			p = slash + 1;
			continue;
		}
		memcpy(comp, p, n);
		comp[n] = '\0';
		if (mkdirat(at, comp, 0755) < 0 && errno != EEXIST)
			goto fail;
		next = openat(at, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0)
			goto fail;
		close(at);
		at = next;
		p = slash + 1;
	}
	file = xasprintf("%s.%s", plain_component(p, strlen(p)) ? p : "_", suffix);
	/* a fresh file: an old one may be a hard link to something else */
	if (unlinkat(at, file, 0) < 0 && errno != ENOENT) {
		free(file);
		goto fail;
	}
	fd = openat(at, file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	free(file);
	if (fd < 0)
		goto fail;
	if (output_copy(src_fd, fd) < 0) {
		close(fd);
		goto fail;
	}
	close(fd);
	close(at);
	return 0;
fail:
	jerr_set(err, name, "--keep-outputs", "cannot keep the test's %s: %s", suffix,
		 errno == ELOOP ? "a symbolic link is in the way" : strerror(errno));
	close(at);
	return -1;
}
