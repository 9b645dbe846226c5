#include "errnames.h"

#include <errno.h>
#include <string.h>

#include "util.h"

static const struct {
	const char *name;
	int err;
} errno_names[] = {
	/* where two names share a value, the first is the one printed */
	{ "EPERM", EPERM }, { "ENOENT", ENOENT }, { "ESRCH", ESRCH },
	{ "EINTR", EINTR }, { "EIO", EIO }, { "ENXIO", ENXIO }, { "E2BIG", E2BIG },
	{ "ENOEXEC", ENOEXEC }, { "EBADF", EBADF }, { "ECHILD", ECHILD },
	{ "EAGAIN", EAGAIN }, { "EWOULDBLOCK", EWOULDBLOCK }, { "ENOMEM", ENOMEM },
	{ "EACCES", EACCES }, { "EFAULT", EFAULT }, { "EBUSY", EBUSY },
	{ "EEXIST", EEXIST }, { "EXDEV", EXDEV }, { "ENODEV", ENODEV },
	{ "ENOTDIR", ENOTDIR }, { "EISDIR", EISDIR }, { "EINVAL", EINVAL },
	{ "ENFILE", ENFILE }, { "EMFILE", EMFILE }, { "ENOTTY", ENOTTY },
	{ "EFBIG", EFBIG }, { "ENOSPC", ENOSPC }, { "ESPIPE", ESPIPE },
	{ "EROFS", EROFS }, { "EMLINK", EMLINK }, { "EPIPE", EPIPE },
	{ "ERANGE", ERANGE }, { "ENAMETOOLONG", ENAMETOOLONG }, { "ENOSYS", ENOSYS },
	{ "ENOTEMPTY", ENOTEMPTY }, { "ELOOP", ELOOP },
	{ "EOPNOTSUPP", EOPNOTSUPP }, { "ENOTSUP", ENOTSUP },
	{ "ENOTSOCK", ENOTSOCK }, { "EAFNOSUPPORT", EAFNOSUPPORT },
	{ "EPROTONOSUPPORT", EPROTONOSUPPORT }, { "EADDRNOTAVAIL", EADDRNOTAVAIL },
	{ "ENETUNREACH", ENETUNREACH }, { "ECONNREFUSED", ECONNREFUSED },
};

int policy_errno_from_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(errno_names); i++)
		if (strcmp(errno_names[i].name, name) == 0)
			return errno_names[i].err;
	return -1;
}

const char *policy_errno_name(int err)
{
	for (size_t i = 0; i < ARRAY_SIZE(errno_names); i++)
		if (errno_names[i].err == err)
			return errno_names[i].name;
	return NULL;
}

static const char *closest(const char *name, const char *const *cands, size_t n)
{
	int i = util_closest(name, cands, n);

	return i < 0 ? NULL : cands[i];
}

const char *policy_errno_closest(const char *name)
{
	const char *names[ARRAY_SIZE(errno_names)];

	for (size_t i = 0; i < ARRAY_SIZE(errno_names); i++)
		names[i] = errno_names[i].name;
	return closest(name, names, ARRAY_SIZE(names));
}
