#include "rules.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/sched.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memread.h"
#include "pathres.h"
#include "util.h"

int rules_normalize(const char *base, const char *path, char *out, size_t len)
{
	char tmp[PATH_MAX * 2];
	size_t n = 0;
	const char *p;
	int r;

	if (path[0] == '/')
		r = snprintf(tmp, sizeof(tmp), "%s", path);
	else
		r = snprintf(tmp, sizeof(tmp), "%s/%s", base, path);
	if (r < 0 || (size_t)r >= sizeof(tmp) || len < 2)
		return -1;
	out[0] = '/';
	n = 1;
	for (p = tmp; *p;) {
		const char *q;
		size_t seg;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		q = strchrnul(p, '/');
		seg = (size_t)(q - p);
		if (seg == 1 && p[0] == '.') {
			/* nothing */
		} else if (seg == 2 && p[0] == '.' && p[1] == '.') {
			/* out has no trailing '/': drop its last component and that '/' */
			while (n > 1 && out[n - 1] != '/')
				n--;
			if (n > 1)
				n--;
		} else {
			if (n + (out[n - 1] != '/') + seg + 1 > len)
				return -1;
			if (out[n - 1] != '/')
				out[n++] = '/';
			memcpy(out + n, p, seg);
			n += seg;
		}
		p = q;
	}
	if (n > 1 && out[n - 1] == '/')
		n--;
	out[n] = '\0';
	return 0;
}

bool rules_path_within(const struct strlist *list, const char *path)
{
	size_t plen = strlen(path);

	for (size_t i = 0; i < list->n; i++) {
		const char *pre = list->v[i];
		size_t l = strlen(pre);

		if (l && pre[l - 1] == '/') {
			/* a directory: itself or anything below it */
			if (strncmp(path, pre, l) == 0 ||
			    (plen == l - 1 && strncmp(path, pre, plen) == 0))
				return true;
		} else if (strcmp(path, pre) == 0) {
			return true;
		}
	}
	return false;
}

/* Where the paths of one syscall are: argument indexes, -1 for none. */
struct path_spec {
	const char *name;
	signed char dirfd, path, flags, dirfd2, path2;
	bool write;		/* always a write, whatever the flags */
	bool exec;
	bool how;		/* openat2: flags are in struct open_how at `flags` */
};

static const struct path_spec path_specs[] = {
	{ "open", -1, 0, 1, -1, -1, false, false, false },
	{ "creat", -1, 0, -1, -1, -1, true, false, false },
	{ "openat", 0, 1, 2, -1, -1, false, false, false },
	{ "openat2", 0, 1, 2, -1, -1, false, false, true },
	{ "stat", -1, 0, -1, -1, -1, false, false, false },
	{ "lstat", -1, 0, -1, -1, -1, false, false, false },
	{ "stat64", -1, 0, -1, -1, -1, false, false, false },
	{ "lstat64", -1, 0, -1, -1, -1, false, false, false },
	{ "oldstat", -1, 0, -1, -1, -1, false, false, false },
	{ "oldlstat", -1, 0, -1, -1, -1, false, false, false },
	{ "newfstatat", 0, 1, -1, -1, -1, false, false, false },
	{ "fstatat64", 0, 1, -1, -1, -1, false, false, false },
	{ "statx", 0, 1, -1, -1, -1, false, false, false },
	{ "access", -1, 0, -1, -1, -1, false, false, false },
	{ "faccessat", 0, 1, -1, -1, -1, false, false, false },
	{ "faccessat2", 0, 1, -1, -1, -1, false, false, false },
	{ "readlink", -1, 0, -1, -1, -1, false, false, false },
	{ "readlinkat", 0, 1, -1, -1, -1, false, false, false },
	{ "chdir", -1, 0, -1, -1, -1, false, false, false },
	{ "mkdir", -1, 0, -1, -1, -1, true, false, false },
	{ "mkdirat", 0, 1, -1, -1, -1, true, false, false },
	{ "rmdir", -1, 0, -1, -1, -1, true, false, false },
	{ "unlink", -1, 0, -1, -1, -1, true, false, false },
	{ "unlinkat", 0, 1, -1, -1, -1, true, false, false },
	{ "truncate", -1, 0, -1, -1, -1, true, false, false },
	{ "chmod", -1, 0, -1, -1, -1, true, false, false },
	{ "fchmodat", 0, 1, -1, -1, -1, true, false, false },
	{ "utimensat", 0, 1, -1, -1, -1, true, false, false },
	{ "utime", -1, 0, -1, -1, -1, true, false, false },
	{ "utimes", -1, 0, -1, -1, -1, true, false, false },
	{ "rename", -1, 0, -1, -1, 1, true, false, false },
	{ "renameat", 0, 1, -1, 2, 3, true, false, false },
	{ "renameat2", 0, 1, -1, 2, 3, true, false, false },
	{ "link", -1, 0, -1, -1, 1, true, false, false },
	{ "linkat", 0, 1, -1, 2, 3, true, false, false },
	/* the target of a symlink is only text; where it is created matters */
	{ "symlink", -1, 1, -1, -1, -1, true, false, false },
	{ "symlinkat", 1, 2, -1, -1, -1, true, false, false },
	{ "execve", -1, 0, -1, -1, -1, false, true, false },
	{ "execveat", 0, 1, -1, -1, -1, false, true, false },
};

static const struct path_spec *path_spec_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(path_specs); i++)
		if (strcmp(path_specs[i].name, name) == 0)
			return &path_specs[i];
	return NULL;
}

/*
 * The directory a relative path starts from: the task's cwd or the file an fd
 * names, read from /proc.  Returns 0, or the errno the kernel gives for such
 * a dirfd (EBADF: none open; ENOTDIR: not a directory, "pipe:[..]"), which
 * tells the program only about its own descriptors.
 */
static int base_dir(pid_t tid, int dirfd, char *out, size_t len)
{
	char link[64];
	struct stat st;
	ssize_t r;

	if (dirfd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", tid);
	else if (dirfd < 0)
		return EBADF;
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", tid, dirfd);
	r = readlink(link, out, len - 1);
	if (r < 0)
		return dirfd == AT_FDCWD ? EACCES : EBADF;
	if (r == 0 || out[0] != '/')
		return ENOTDIR;
	out[r] = '\0';
	if (dirfd != AT_FDCWD && stat(link, &st) == 0 && !S_ISDIR(st.st_mode))
		return ENOTDIR;
	return 0;
}

/*
 * /proc/self and /proc/thread-self mean the program's own entries, not the
 * judge's; rewrite them before the judge resolves anything.
 */
static void proc_self_rewrite(char *p, size_t len, pid_t tid, pid_t tgid)
{
	char tmp[PATH_MAX];
	const char *rest = NULL;
	int r = -1;

	if (strncmp(p, "/proc/self", 10) == 0 && (p[10] == '/' || !p[10])) {
		rest = p + 10;
		r = snprintf(tmp, sizeof(tmp), "/proc/%d%s", tgid, rest);
	} else if (strncmp(p, "/proc/thread-self", 17) == 0 && (p[17] == '/' || !p[17])) {
		rest = p + 17;
		r = snprintf(tmp, sizeof(tmp), "/proc/%d/task/%d%s", tgid, tid, rest);
	}
	if (rest && r > 0 && (size_t)r < len)
		memcpy(p, tmp, (size_t)r + 1);
}

/*
 * Lists name the program's own /proc entries as /proc/self/...; the path
 * checked has the program's pid there instead.
 */
static bool within_as_self(const struct strlist *list, const char *path, pid_t tgid)
{
	char pre[32], alt[PATH_MAX];
	int n = snprintf(pre, sizeof(pre), "/proc/%d", tgid);

	if (rules_path_within(list, path))
		return true;
	if (strncmp(path, pre, (size_t)n) != 0 || (path[n] != '/' && path[n] != '\0'))
		return false;
	snprintf(alt, sizeof(alt), "/proc/self%s", path + n);
	return rules_path_within(list, alt);
}

/*
 * One path argument: read, resolve against its base, and match twice: the
 * text with "." and ".." removed, and the file the kernel will reach through
 * any symbolic links, so that a link inside an allowed directory cannot lead
 * outside it.
 *
 * When it refuses, *err is the errno the kernel itself would give where that
 * reveals nothing about files outside the lists: a string it cannot read
 * (EFAULT) or without a NUL within PATH_MAX (ENAMETOOLONG), a dirfd that is
 * none or no directory (EBADF, ENOTDIR), a path within the lists that loops
 * or has a component over NAME_MAX (ELOOP, ENAMETOOLONG).  Otherwise it is 0:
 * the policy's own denial.
 */
struct check_bufs {
	char raw[PATH_MAX], base[PATH_MAX], norm[PATH_MAX * 2], real[PATH_MAX * 2];
	char joined[PATH_MAX * 2];
};

static bool check_in(struct check_bufs *b, const struct strlist *list, pid_t tid, pid_t tgid,
		     int dirfd, uint64_t addr, bool empty_ok, char *detail, size_t dlen, int *err)
{
	char *raw = b->raw, *base = b->base, *norm = b->norm, *real = b->real, *joined = b->joined;
	long n = memread_string(tid, addr, raw, sizeof(b->raw));
	int e;

	*err = 0;
	if (n < 0) {
		snprintf(detail, dlen, "<unreadable path at 0x%llx>", (unsigned long long)addr);
		if (errno == EFAULT || errno == ENAMETOOLONG)
			*err = errno;
		return false;
	}
	if (n == 0) {
		/* "" with AT_EMPTY_PATH acts on dirfd itself, already open */
		snprintf(detail, dlen, "\"\"");
		return empty_ok;
	}
	if (raw[0] != '/' && (e = base_dir(tid, dirfd, base, sizeof(b->base))) != 0) {
		snprintf(detail, dlen, "%s (relative to an unknown directory)", raw);
		*err = e == EACCES ? 0 : e;
		return false;
	}
	if (rules_normalize(base, raw, norm, sizeof(b->norm)) < 0) {
		snprintf(detail, dlen, "<path too long>");
		return false;
	}
	proc_self_rewrite(norm, sizeof(b->norm), tid, tgid);
	snprintf(detail, dlen, "%s", norm);
	if (!within_as_self(list, norm, tgid))
		return false;
	/* The text as given: ".." must meet the links before it, as in the kernel. */
	if (snprintf(joined, sizeof(b->joined), "%s%s%s", raw[0] == '/' ? "" : base,
		     raw[0] == '/' ? "" : "/", raw) >= (int)sizeof(b->joined)) {
		snprintf(detail, dlen, "<path too long>");
		return false;
	}
	proc_self_rewrite(joined, sizeof(b->joined), tid, tgid);
	if (pathres_resolve(joined, real, sizeof(b->real), NULL) < 0) {
		if (errno == ELOOP || errno == ENAMETOOLONG)
			*err = errno;
		snprintf(detail, dlen, "%s (cannot be resolved: %s)", norm, strerrorname_np(errno));
		return false;
	}
	if (strcmp(real, norm) != 0 && !within_as_self(list, real, tgid)) {
		snprintf(detail, dlen, "%s -> %s", norm, real);
		return false;
	}
	return true;
}

/*
 * The 32 KiB of buffers come from the heap: on the stack the clash probes
 * touch all eight pages at every stop, where most paths need one or two.
 */
static bool check_one(const struct strlist *list, pid_t tid, pid_t tgid, int dirfd,
		      uint64_t addr, bool empty_ok, char *detail, size_t dlen, int *err)
{
	struct check_bufs *b = xmalloc(sizeof(*b));
	bool ok = check_in(b, list, tid, tgid, dirfd, addr, empty_ok, detail, dlen, err);
	int saved = errno;

	free(b);
	errno = saved;
	return ok;
}

static bool opens_for_write(uint64_t flags)
{
	/* glibc's O_TMPFILE includes O_DIRECTORY: only both bits mean a new file */
	return (flags & O_ACCMODE) != O_RDONLY ||
	       (flags & (O_CREAT | O_TRUNC | O_APPEND)) ||
	       (flags & O_TMPFILE) == O_TMPFILE;
}

bool rules_check_path(const struct path_lists *pl, pid_t tid, pid_t tgid,
		      const char *name, const uint64_t a[6], char *detail, size_t dlen, int *err)
{
	const struct path_spec *s = path_spec_find(name);
	const struct strlist *list;
	bool write;
	int none;

	if (!err)
		err = &none;
	*err = 0;
	snprintf(detail, dlen, "?");
	if (!s)
		return false;
	write = s->write;
	if (s->flags >= 0) {
		uint64_t flags = a[(int)s->flags];

		if (s->how && memread(tid, a[(int)s->flags], &flags, sizeof(flags)) < 0) {
			*err = errno == EFAULT ? EFAULT : 0;
			return false;
		}
		write = write || opens_for_write(flags);
	}
	list = s->exec ? &pl->exec : write ? &pl->write : &pl->read;
	if (!check_one(list, tid, tgid, s->dirfd >= 0 ? (int)a[(int)s->dirfd] : AT_FDCWD,
		       a[(int)s->path], !write && !s->exec, detail, dlen, err))
		return false;
	if (s->path2 >= 0 &&
	    !check_one(list, tid, tgid, s->dirfd2 >= 0 ? (int)a[(int)s->dirfd2] : AT_FDCWD,
		       a[(int)s->path2], false, detail, dlen, err))
		return false;
	return true;
}

long rules_clone_flags(unsigned props, const uint64_t a[6])
{
	/* Namespaces would escape the limits; untraced children escape the judge. */
	const uint64_t forbidden = CLONE_UNTRACED | CLONE_NEWNS | CLONE_NEWUTS |
		CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET |
		CLONE_NEWCGROUP | CLONE_NEWTIME | CLONE_PTRACE;

	if (props & SYSP_FORK)
		return SIGCHLD;
	if (a[0] & forbidden)
		return -1;
	return (long)(a[0] & 0x7fffffffffffffffULL);
}

bool rules_check_arg(const struct arg_rule *r, const uint64_t a[6])
{
	uint64_t v = a[r->arg];

	if (r->n_values) {
		size_t i;

		for (i = 0; i < r->n_values; i++)
			if (r->values[i] == v)
				break;
		if (i == r->n_values)
			return false;
	}
	if (r->has_mask && (v & ~r->mask))
		return false;
	return true;
}
