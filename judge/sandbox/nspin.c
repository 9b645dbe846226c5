#include "nspin.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/nsfs.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

int nspin_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != 0 || (st.st_mode & 022)) {
		close(fd);
		errno = EPERM;
		return -1;
	}
	return fd;
}

int nspin_open(int dirfd, const char *name, int nstype)
{
	/* O_PATH first: a FIFO or a device there is looked at, never opened */
	int p = openat(dirfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC), fd = -1;
	struct statfs sf;
	char self[32];

	if (p < 0)
		return -1;
	/* a file is a namespace only while a namespace's bind mount covers it */
	if (fstatfs(p, &sf) == 0 && sf.f_type == NSFS_MAGIC) {
		snprintf(self, sizeof(self), "/proc/self/fd/%d", p);
		fd = open(self, O_RDONLY | O_CLOEXEC);
		if (fd >= 0 && ioctl(fd, NS_GET_NSTYPE) != nstype) {
			close(fd);
			fd = -1;
		}
	}
	close(p);
	return fd;
}

int nspin_fresh_file(int dirfd, const char *name, mode_t mode)
{
	int fd;

	unlinkat(dirfd, name, 0);
	fd = openat(dirfd, name, O_RDONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}
