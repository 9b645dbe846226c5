#include "viewpin.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "nspin.h"
#include "sha256.h"
#include "util.h"

/*
 * Theory of operation.
 *
 * The directory (/run/judge/views, made root's and 0700) holds, per pin,
 *   <hex>        an empty file with the nsfs file of a mount namespace
 *                bind-mounted on it; <hex> is the SHA-256 of the pin's key:
 *                the judge binary, the view's key (every op, and the dev
 *                and inode of every file and directory bound)
 *                and the host's mountinfo lines at, above and below every
 *                bound path (open_tree(AT_RECURSIVE) cloned the submounts
 *                the host had then, and the view, being MS_PRIVATE, never
 *                sees a mount made later)
 *   <hex>.used   its stamp: the mtime of its last use, for eviction
 * and two files: .lock, and .seen, which records the views met lately
 * (seen_before), so that only a view met a second time is pinned.
 *
 * A judge opens <hex> and joins it only if it is a mount namespace (nspin.h: fstatfs
 * says nsfs, NS_GET_NSTYPE says mnt); anything else there (the empty file
 * of a pin half made, a file or link planted, a pin removed under it) is a
 * miss.  Joining takes no lock.  On a miss of a view met before, the judge
 * builds the view in a helper child, then, under an flock of .lock, looks
 * again (another judge may have pinned it meanwhile: then that one is
 * joined), removes the least recently used names until fewer than
 * JUDGE_VIEW_PINS remain, replaces whatever is at its name by an empty file
 * and moves a clone of the namespace's file onto it.  So no two judges
 * mount on one name, and a killed judge leaves at worst an empty file or a
 * pin without a stamp: never joined, and the first to go when names are
 * removed (no stamp: the oldest), unless the name's next maker replaces it
 * first.  A pin removed while a judge holds an fd of it lives on until that
 * fd is closed (umount2 MNT_DETACH).
 *
 * Why every run may share the namespace, one after another or at once: the
 * program runs as an unprivileged uid with no capability (the bounding set
 * is empty, no_new_privs), under seccomp and Landlock.  Everything that
 * changes a mount namespace (mount, umount, move_mount, mount_setattr,
 * open_tree's clones, fsmount, pivot_root) needs CAP_SYS_ADMIN in the user
 * namespace that owns it, the host's; a user namespace of the program's own
 * (were a policy to let unshare through) gives it a copy, never this one.
 * What it can write through the namespace is the work directory only: the
 * tmpfs root and every other bind are read-only mounts, the mount points
 * are root's.  The work directory's writes land on the host's directory,
 * the same one every run with this key uses (its device and inode are in
 * the key), with or without the pin.  The root and cwd a process has
 * are its own: setns gives each joiner the namespace's root.  So each run
 * finds the namespace as its builder left it.
 */

#define PIN_DIR "/run/judge/views"
#define PIN_DIR_PARENT "/run/judge"
#define PINS_DEFAULT 16
#define PINS_MOST 1024
#define LOCK_NAME ".lock"
#define SEEN_NAME ".seen"
#define STAMP ".used"
#define HEX_LEN 64
/* how long a judge waits for another one's lock before it runs without pinning */
#define LOCK_TRIES 200
#define LOCK_NAP_NS 1000000L

static int pins_max(void)
{
	const char *e = getenv("JUDGE_VIEW_PINS");
	char *end;
	long n;

	if (!e || !*e)
		return PINS_DEFAULT;
	errno = 0;
	n = strtol(e, &end, 10);
	if (errno || *end || n < 0)
		return PINS_DEFAULT;
	return n > PINS_MOST ? PINS_MOST : (int)n;
}

static const char *pin_dir(void)
{
	const char *e = getenv("JUDGE_VIEW_PIN_DIR");

	return e && e[0] == '/' ? e : PIN_DIR;
}

/* The pin directory (nspin.h), made on first use (root's, 0700), or -1. */
static int dir_open(const char *dir)
{
	int fd = nspin_dir(dir);

	if (fd < 0 && errno == ENOENT) {
		if (strcmp(dir, PIN_DIR) == 0)
			mkdir(PIN_DIR_PARENT, 0755);
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			return -1;
		fd = nspin_dir(dir);
	}
	return fd;
}

static void stamp_name(char *out, size_t len, const char *name)
{
	snprintf(out, len, "%s" STAMP, name);
}

/* ---------------------------------------------------------------- the key */

/* mountinfo escapes space, tab, newline and backslash as \ooo */
static void unescape(char *s)
{
	char *d = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*d++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*d++ = *s;
		}
	}
	*d = '\0';
}

/* `a` is `b`, or a directory above it */
static bool at_or_above(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (strcmp(a, "/") == 0)
		return true;
	return strncmp(a, b, n) == 0 && (b[n] == '\0' || b[n] == '/');
}

/*
 * Whether a mount at `point` changes what a view of `paths` holds: the mount
 * a path is in, or one below a bound tree.  The pins' own mounts never do
 * (else every pin made would change every key).
 */
static bool mount_matters(const char *point, const char *const *paths, size_t n, const char *dir)
{
	if (at_or_above(dir, point))
		return false;
	for (size_t i = 0; i < n; i++)
		if (at_or_above(point, paths[i]) || at_or_above(paths[i], point))
			return true;
	return false;
}

/* Adds the host's mountinfo lines that matter to the hash.  0, or -1. */
static int hash_mounts(struct sha256 *h, const char *const *paths, size_t n, const char *dir)
{
	char *buf, *line, *next;
	size_t len;

	if (!(buf = util_read_file("/proc/self/mountinfo", &len)))
		return -1;
	for (line = buf; line < buf + len; line = next) {
		char *nl = memchr(line, '\n', (size_t)(buf + len - line)), *f, *point = NULL;
		int field = 0;

		next = nl ? nl + 1 : buf + len;
		if (nl)
			*nl = '\0';
		/* "id parent major:minor root point options ...": the fifth field */
		for (f = line; *f && field < 4; f++)
			if (*f == ' ')
				field++;
		if (field == 4) {
			char *end = strchr(f, ' ');

			point = xstrndup(f, end ? (size_t)(end - f) : strlen(f));
			unescape(point);
		}
		if (point && mount_matters(point, paths, n, dir)) {
			sha256_update(h, line, strlen(line));
			sha256_update(h, "\n", 1);
		}
		free(point);
	}
	free(buf);
	return 0;
}

/*
 * The hash of what names a view but the host's mounts: the judge binary
 * (another build may build views otherwise) and the view's key.
 */
static int pin_key(struct sha256 *h, const char *key)
{
	struct statx sx;
	char exe[96];

	if (statx(AT_FDCWD, "/proc/self/exe", 0, STATX_INO | STATX_BTIME, &sx) < 0)
		return -1;
	snprintf(exe, sizeof(exe), "judge view pin 1\n%u:%u %llu %lld.%u\n", sx.stx_dev_major,
		 sx.stx_dev_minor, (unsigned long long)sx.stx_ino, (long long)sx.stx_btime.tv_sec,
		 sx.stx_btime.tv_nsec);
	sha256_init(h);
	sha256_update(h, exe, strlen(exe));
	sha256_update(h, key, strlen(key) + 1);
	return 0;
}

/* ---------------------------------------------------------- under the lock */

static bool is_hex_name(const char *s, size_t len)
{
	if (strlen(s) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* The lock, or -1 when another judge has held it for LOCK_TRIES ms (stopped, say). */
static int lock_take(int dirfd)
{
	struct timespec nap = { 0, LOCK_NAP_NS };
	int fd = openat(dirfd, LOCK_NAME, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	struct stat st;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	for (int i = 0; i < LOCK_TRIES; i++) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		if (errno != EWOULDBLOCK && errno != EINTR)
			break;
		nanosleep(&nap, NULL);
	}
	close(fd);
	return -1;
}

struct pin {
	char name[HEX_LEN + 1];
	struct timespec used;
};

static int pin_cmp(const void *a, const void *b)
{
	const struct timespec *x = &((const struct pin *)a)->used, *y = &((const struct pin *)b)->used;

	if (x->tv_sec != y->tv_sec)
		return x->tv_sec < y->tv_sec ? -1 : 1;
	return x->tv_nsec < y->tv_nsec ? -1 : x->tv_nsec > y->tv_nsec;
}

static void pin_remove(int dirfd, const char *dir, const char *name)
{
	char path[PATH_MAX], stamp[HEX_LEN + sizeof(STAMP)];

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) < (int)sizeof(path))
		umount2(path, MNT_DETACH | UMOUNT_NOFOLLOW);
	unlinkat(dirfd, name, 0);
	stamp_name(stamp, sizeof(stamp), name);
	unlinkat(dirfd, stamp, 0);
}

static bool among(const struct pin *pins, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (memcmp(pins[i].name, name, HEX_LEN) == 0)
			return true;
	return false;
}

/*
 * Leaves at most `keep` names of pins, removing the least recently used
 * first.  Whatever a killed judge left counts as a pin with no stamp, the
 * oldest: an empty file, or a pin whose stamp it never made.  Stamps of no
 * pin go too.  Only the stamps are looked at, and only when over the bound.
 */
static void pins_trim(int dirfd, const char *dir, int keep)
{
	DIR *d = util_opendir_at(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct pin *pins = NULL;
	char (*stamps)[HEX_LEN + 1] = NULL;
	size_t n = 0, ns = 0;
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (is_hex_name(e->d_name, HEX_LEN)) {
			pins = xrealloc(pins, (n + 1) * sizeof(*pins));
			memcpy(pins[n].name, e->d_name, HEX_LEN + 1);
			pins[n++].used = (struct timespec){ 0, 0 };
		} else if (strlen(e->d_name) == HEX_LEN + strlen(STAMP) &&
			   strcmp(e->d_name + HEX_LEN, STAMP) == 0) {
			stamps = xrealloc(stamps, (ns + 1) * sizeof(*stamps));
			memcpy(stamps[ns++], e->d_name, HEX_LEN);
		}
	}
	closedir(d);
	for (size_t i = 0; i < ns; i++)
		if (!among(pins, n, stamps[i])) {
			char stamp[HEX_LEN + sizeof(STAMP)];

			stamps[i][HEX_LEN] = '\0';
			stamp_name(stamp, sizeof(stamp), stamps[i]);
			unlinkat(dirfd, stamp, 0);
		}
	if (n > (size_t)keep) {
		for (size_t i = 0; i < n; i++) {
			char stamp[HEX_LEN + sizeof(STAMP)];
			struct stat st;

			stamp_name(stamp, sizeof(stamp), pins[i].name);
			if (fstatat(dirfd, stamp, &st, AT_SYMLINK_NOFOLLOW) == 0)
				pins[i].used = st.st_mtim;
		}
		qsort(pins, n, sizeof(*pins), pin_cmp);
		for (size_t i = 0; i + (size_t)keep < n; i++)
			pin_remove(dirfd, dir, pins[i].name);
	}
	free(pins);
	free(stamps);
}

/*
 * Whether the view named `name` (pin_key's hash: the host's mounts are not
 * read for a view met once) was met before, by this judge or another:
 * .seen keeps, for each value of a name's first byte, the last name met
 * there, and records this one.  So a view is pinned when it is met a
 * second time, and a view met once (a directory made for one run) costs a
 * read and a write instead of the mount table's, a helper, a pin and an
 * eviction.
 */
static bool seen_before(int dirfd, const char *name)
{
	int fd = openat(dirfd, SEEN_NAME, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
			0600);
	off_t at = (off_t)strtoul((char[]){ name[0], name[1], '\0' }, NULL, 16) * HEX_LEN;
	char last[HEX_LEN];
	bool seen;

	/* anything but a file there (only root can put it) fails pread: never seen */
	if (fd < 0)
		return false;
	seen = pread(fd, last, HEX_LEN, at) == HEX_LEN && memcmp(last, name, HEX_LEN) == 0;
	if (!seen && pwrite(fd, name, HEX_LEN, at) != HEX_LEN)
		seen = false;
	close(fd);
	return seen;
}

/* Pins `mnt` at `name`: an empty file, then a clone of the namespace's file moved onto it. */
static void pin_make(int dirfd, const char *name, int mnt)
{
	char stamp[HEX_LEN + sizeof(STAMP)];
	int fd, tree;

	/* anything there is no namespace (nspin_open said so, under the lock) */
	if (nspin_fresh_file(dirfd, name, 0400) < 0)
		return;
	tree = open_tree(mnt, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_EMPTY_PATH);
	if (tree < 0 || move_mount(tree, "", dirfd, name, MOVE_MOUNT_F_EMPTY_PATH) < 0) {
		unlinkat(dirfd, name, 0);
		if (tree >= 0)
			close(tree);
		return;
	}
	close(tree);
	stamp_name(stamp, sizeof(stamp), name);
	if ((fd = openat(dirfd, stamp, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600)) >= 0) {
		futimens(fd, NULL);
		close(fd);
	}
}

/* ---------------------------------------------------------------- join */

int viewpin_join(const char *key, const char *const *paths, size_t n, viewpin_build_fn build,
		 void *arg)
{
	const char *dir = pin_dir();
	char seen[HEX_LEN + 1], name[HEX_LEN + 1], stamp[HEX_LEN + sizeof(STAMP)];
	int max = pins_max(), dirfd, fd, lock, theirs;
	struct sha256 h, view;

	if (max == 0 || geteuid() != 0 || (dirfd = dir_open(dir)) < 0)
		return -1;
	if (pin_key(&h, key) < 0) {
		close(dirfd);
		return -1;
	}
	view = h;
	sha256_hex(&view, seen);
	if (!seen_before(dirfd, seen) || hash_mounts(&h, paths, n, dir) < 0) {
		close(dirfd);
		return -1;
	}
	sha256_hex(&h, name);
	stamp_name(stamp, sizeof(stamp), name);
	if ((fd = nspin_open(dirfd, name, CLONE_NEWNS)) >= 0) {
		/* no lock: an eviction racing with this costs one rebuild, nothing more */
		utimensat(dirfd, stamp, NULL, AT_SYMLINK_NOFOLLOW);
		close(dirfd);
		return fd;
	}
	/* built outside the lock: judges that miss different keys at once build at once */
	if ((fd = build(arg)) < 0 || (lock = lock_take(dirfd)) < 0) {
		close(dirfd);
		return fd;
	}
	if ((theirs = nspin_open(dirfd, name, CLONE_NEWNS)) >= 0) {
		close(fd);
		fd = theirs;
	} else {
		pins_trim(dirfd, dir, max - 1);
		pin_make(dirfd, name, fd);
	}
	close(lock);
	close(dirfd);
	return fd;
}
