#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "safefile.h"

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

/*
 * Through safefile: a device or FIFO of root's or ours (--stdout /dev/null)
 * is written in place, anything else is replaced by a new file, so a link
 * or FIFO planted at the name by another user is never written through.
 */
int output_save_mode(int fd, const char *path, mode_t mode, struct jerr *err)
{
	struct safefile sf;

	if (safefile_create(&sf, path, mode) < 0) {
		jerr_set(err, path, "", "%s", sf.why);
		return -1;
	}
	if (output_copy(fd, sf.fd) < 0) {
		jerr_set(err, path, "", "cannot write: %s", strerror(errno));
		safefile_abort(&sf);
		return -1;
	}
	if (safefile_commit(&sf) < 0) {
		jerr_set(err, path, "", "%s", sf.why);
		return -1;
	}
	return 0;
}

void output_path(int fd, char *buf, size_t len)
{
	snprintf(buf, len, "/proc/self/fd/%d", fd);
}

int output_sink(int fd)
{
	char path[64];

	/* Opening the file again through /proc is the only way to a new open file
	 * description, with its own access mode, of a memory file. */
	output_path(fd, path, sizeof(path));
	return open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
}
