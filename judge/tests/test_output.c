#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "util.h"

static char dir[PATH_MAX];
static struct output out;

static void setup(void)
{
	char tmpl[] = "/tmp/judge-output-XXXXXX";
	struct jerr err;

	cr_assert_not_null(mkdtemp(tmpl));
	strcpy(dir, tmpl);
	cr_assert_eq(output_open(&out, &err), 0, "%s", err.msg);
}

static void teardown(void)
{
	char cmd[PATH_MAX + 16];

	output_close(&out);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		cr_log_warn("could not remove %s", dir);
}

TestSuite(output, .init = setup, .fini = teardown);

static void put(int fd, const char *s, size_t n)
{
	cr_assert_eq(write(fd, s, n), (ssize_t)n);
}

static char *slurp(const char *path, size_t *len)
{
	char *s = util_read_file(path, len);

	cr_assert_not_null(s, "%s", path);
	return s;
}

Test(output, two_distinct_memory_files)
{
	char link[64], target[PATH_MAX];
	ssize_t n;

	cr_expect_geq(out.out_fd, 0);
	cr_expect_geq(out.err_fd, 0);
	cr_expect_neq(out.out_fd, out.err_fd);
	cr_expect_eq(output_size(out.out_fd), 0);
	snprintf(link, sizeof(link), "/proc/self/fd/%d", out.out_fd);
	n = readlink(link, target, sizeof(target) - 1);
	cr_assert_gt(n, 0);
	target[n] = '\0';
	cr_expect(strncmp(target, "/memfd:", 7) == 0, "%s", target);
	/* kept across exec: a checker reads it by path */
	cr_expect_eq(fcntl(out.out_fd, F_GETFD) & FD_CLOEXEC, 0);
}

Test(output, size_counts_bytes_written)
{
	put(out.out_fd, "hello\n", 6);
	put(out.err_fd, "e", 1);
	cr_expect_eq(output_size(out.out_fd), 6);
	cr_expect_eq(output_size(out.err_fd), 1);
	cr_expect_eq(output_size(-1), 0);
}

Test(output, path_reads_back)
{
	char p[64];
	size_t len;
	char *s;

	put(out.out_fd, "abc", 3);
	output_path(out.out_fd, p, sizeof(p));
	cr_expect(strncmp(p, "/proc/self/fd/", 14) == 0, "%s", p);
	s = slurp(p, &len);
	cr_expect_eq(len, 3);
	cr_expect_str_eq(s, "abc");
	free(s);
}

/* The copy starts at byte 0 whatever the file offset, and the whole file goes. */
Test(output, copy_whole_file)
{
	static char big[200000];
	char path[PATH_MAX + 16];
	size_t len;
	char *s;
	int to;

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + i % 26);
	put(out.out_fd, big, sizeof(big));
	snprintf(path, sizeof(path), "%s/copy", dir);
	to = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	cr_assert_geq(to, 0);
	cr_expect_eq(output_copy(out.out_fd, to), 0);
	close(to);
	s = slurp(path, &len);
	cr_expect_eq(len, sizeof(big));
	cr_expect_eq(memcmp(s, big, sizeof(big)), 0);
	free(s);

	/* copying twice gives the same bytes again */
	to = open(path, O_WRONLY | O_APPEND);
	cr_assert_geq(to, 0);
	cr_expect_eq(output_copy(out.out_fd, to), 0);
	close(to);
	s = slurp(path, &len);
	cr_expect_eq(len, 2 * sizeof(big));
	free(s);
}

Test(output, copy_to_a_pipe)
{
	int p[2];
	char buf[16] = "";

	cr_assert_eq(pipe(p), 0);
	put(out.out_fd, "piped", 5);
	cr_expect_eq(output_copy(out.out_fd, p[1]), 0);
	close(p[1]);
	cr_expect_eq(read(p[0], buf, sizeof(buf) - 1), 5);
	cr_expect_str_eq(buf, "piped");
	close(p[0]);
}

Test(output, copy_empty)
{
	int p[2];

	cr_assert_eq(pipe(p), 0);
	cr_expect_eq(output_copy(out.err_fd, p[1]), 0);
	close(p[1]);
	close(p[0]);
}

static int count_entries(const char *d)
{
	DIR *dh = opendir(d);
	struct dirent *de;
	int n = 0;

	cr_assert_not_null(dh);
	while ((de = readdir(dh)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(dh);
	return n;
}

Test(output, save_replaces_through_rename)
{
	char path[PATH_MAX + 16];
	struct jerr err;
	struct stat before, after;
	size_t len;
	char *s;
	int fd;

	snprintf(path, sizeof(path), "%s/saved.txt", dir);
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	cr_assert_geq(fd, 0);
	put(fd, "old contents that are longer", 28);
	close(fd);
	cr_assert_eq(stat(path, &before), 0);

	put(out.out_fd, "new\n", 4);
	cr_expect_eq(output_save(out.out_fd, path, &err), 0, "%s", err.msg);
	s = slurp(path, &len);
	cr_expect_str_eq(s, "new\n");
	free(s);
	/* a new file took the name: a reader of the old one never saw it half-written */
	cr_assert_eq(stat(path, &after), 0);
	cr_expect_neq(before.st_ino, after.st_ino);
	/* and no temporary file is left beside it */
	cr_expect_eq(count_entries(dir), 1);
}

Test(output, save_to_a_missing_directory_fails_cleanly)
{
	char path[PATH_MAX + 32];
	struct jerr err;

	snprintf(path, sizeof(path), "%s/no/such/dir/out.txt", dir);
	put(out.out_fd, "x", 1);
	cr_expect_eq(output_save(out.out_fd, path, &err), -1);
	cr_expect_str_eq(err.file, path);
	cr_expect(err.msg[0] != '\0');
}

Test(output, save_over_a_directory_leaves_no_temporary)
{
	char path[PATH_MAX + 16];
	struct jerr err;

	snprintf(path, sizeof(path), "%s/sub", dir);
	cr_assert_eq(mkdir(path, 0755), 0);
	put(out.out_fd, "x", 1);
	cr_expect_eq(output_save(out.out_fd, path, &err), -1);
	cr_expect_str_eq(err.file, path);
	cr_expect_eq(count_entries(dir), 1, "a temporary file was left in %s", dir);
}

Test(output, close_is_idempotent)
{
	output_close(&out);
	cr_expect_eq(out.out_fd, -1);
	cr_expect_eq(out.err_fd, -1);
	output_close(&out);
}
