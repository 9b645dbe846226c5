#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

int output_open(struct output *o, struct jerr *err)
{
	/* not close-on-exec: an external checker reads them by /proc/self/fd path */
	o->out_fd = memfd_create("judge-stdout", 0);
	o->err_fd = o->out_fd < 0 ? -1 : memfd_create("judge-stderr", 0);
	if (o->out_fd < 0 || o->err_fd < 0) {
		jerr_set(err, "", "", "memfd_create: %s", strerror(errno));
		output_close(o);
		return -1;
	}
	return 0;
}

void output_close(struct output *o)
{
	if (o->out_fd >= 0)
		close(o->out_fd);
	if (o->err_fd >= 0)
		close(o->err_fd);
	o->out_fd = o->err_fd = -1;
}

int64_t output_size(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 ? (int64_t)st.st_size : 0;
}

int output_copy(int fd, int to)
{
	off_t off = 0;
	int64_t size = output_size(fd);

	while (off < size) {
		ssize_t n = sendfile(to, fd, &off, (size_t)(size - off));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EINVAL || errno == ENOSYS)) {
			char buf[65536];
			ssize_t r = pread(fd, buf, sizeof(buf), off);

			if (r <= 0 || write(to, buf, (size_t)r) != r)
				return -1;
			off += r;
			continue;
		}
		if (n <= 0)
			return -1;
	}
	return 0;
}

int output_save(int fd, const char *path, struct jerr *err)
{
	return output_save_mode(fd, path, 0644, err);
}

int output_save_mode(int fd, const char *path, mode_t mode, struct jerr *err)
{
	char tmp[4096];
	struct stat st;
	int to;

	/*
	 * A device or a pipe (--stdout /dev/null, a FIFO) is written in place:
	 * renaming over it would replace the device with a plain file.
	 */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		to = open(path, O_WRONLY | O_CLOEXEC);
		if (to < 0 || output_copy(fd, to) < 0) {
			jerr_set(err, path, "", "cannot write: %s", strerror(errno));
			if (to >= 0)
				close(to);
			return -1;
		}
		close(to);
		return 0;
	}

	snprintf(tmp, sizeof(tmp), "%s.judge-tmp-%d", path, (int)getpid());
	to = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (to < 0) {
		jerr_set(err, path, "", "cannot write: %s", strerror(errno));
		return -1;
	}
	if (output_copy(fd, to) < 0 || close(to) < 0 || rename(tmp, path) < 0) {
		jerr_set(err, path, "", "cannot write: %s", strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

void output_path(int fd, char *buf, size_t len)
{
	snprintf(buf, len, "/proc/self/fd/%d", fd);
}
