#include "landlock.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rawsys.h"

/* Newer than the build's kernel headers (6.1); values from the kernel ABI. */
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15)
#endif
#define LL_NET_BIND_TCP (1ULL << 0)
#define LL_NET_CONNECT_TCP (1ULL << 1)
#define LL_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)
#define LL_SCOPE_SIGNAL (1ULL << 1)

/* struct landlock_ruleset_attr as of ABI 6: fs, net, scoped. */
struct ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
	uint64_t scoped;
};

int landlock_probe(void)
{
	long v = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);

	return v < 0 ? 0 : (int)v;
}

static uint64_t fs_rights(int abi)
{
	uint64_t r = (LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1;	/* ABI 1: bits 0..12 */

	if (abi >= 2)
		r |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		r |= LANDLOCK_ACCESS_FS_TRUNCATE;
	if (abi >= 5)
		r |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
	return r;
}

static uint64_t rights_for(enum landlock_access a, int abi, bool is_dir)
{
	uint64_t read = LANDLOCK_ACCESS_FS_READ_FILE | (is_dir ? LANDLOCK_ACCESS_FS_READ_DIR : 0);
	uint64_t r = read;

	if (a == LL_EXEC)
		r |= LANDLOCK_ACCESS_FS_EXECUTE;
	if (a == LL_WRITE) {
		r |= LANDLOCK_ACCESS_FS_WRITE_FILE;
		if (abi >= 3)
			r |= LANDLOCK_ACCESS_FS_TRUNCATE;
		if (is_dir)
			r |= LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
			     LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG;
	}
	/* Device files such as /dev/null are written through ioctl-free paths. */
	return r & fs_rights(abi);
}

int landlock_prepare(const struct landlock_spec *s)
{
	struct ruleset_attr attr = { fs_rights(s->abi), 0, 0 };
	size_t attr_size = offsetof(struct ruleset_attr, handled_access_net);
	long rfd;

	if (s->abi >= 4) {
		attr.handled_access_net = LL_NET_BIND_TCP | LL_NET_CONNECT_TCP;
		attr_size = offsetof(struct ruleset_attr, scoped);
	}
	if (s->abi >= 6) {
		attr.scoped = LL_SCOPE_ABSTRACT_UNIX_SOCKET | LL_SCOPE_SIGNAL;
		attr_size = sizeof(attr);
	}
	rfd = RAWSYS(SYS_landlock_create_ruleset, &attr, attr_size, 0);
	if (rfd < 0)
		return (int)rfd;
	for (int i = 0; i < s->n_rules; i++) {
		struct landlock_path_beneath_attr pb;
		struct stat st;
		long fd = RAWSYS(SYS_openat, AT_FDCWD, s->rules[i].path, O_PATH | O_CLOEXEC), r;

		if (fd < 0)
			continue;	/* a path this system does not have */
		if (RAWSYS(SYS_fstat, fd, &st) < 0) {
			RAWSYS(SYS_close, fd);
			continue;
		}
		pb.parent_fd = (int)fd;
		pb.allowed_access = rights_for(s->rules[i].access, s->abi, S_ISDIR(st.st_mode));
		r = RAWSYS(SYS_landlock_add_rule, rfd, LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
		RAWSYS(SYS_close, fd);
		if (r < 0) {
			RAWSYS(SYS_close, rfd);
			return (int)r;
		}
	}
	return (int)rfd;
}

int landlock_enforce(int rfd)
{
	long r = RAWSYS(SYS_landlock_restrict_self, rfd, 0);

	RAWSYS(SYS_close, rfd);
	return r < 0 ? (int)r : 0;
}

int landlock_apply(const struct landlock_spec *s)
{
	int r = landlock_prepare(s);

	if (r >= 0)
		r = landlock_enforce(r);
	if (r < 0) {
		errno = -r;
		return -1;
	}
	return 0;
}
