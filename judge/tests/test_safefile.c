#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "junit.h"
#include "output.h"
#include "safefile.h"
#include "util.h"

/*
 * A local user plants names in a sticky, world-writable directory (as /tmp
 * is) where the root judge is about to save a file: links at the final name
 * and at the temporary name the judge once used (NAME.judge-tmp-PID), a
 * hard link, a FIFO, a linked parent directory.  Whatever the judge then
 * writes, the file the plant points at must stay as it was.  The planter is
 * another user, so these run as root only.
 */
#define PLANTER 65534
#define VICTIM_TEXT "victim\n"

static char plant[PATH_MAX], safe[PATH_MAX], victim[PATH_MAX + 16];

static void setup(void)
{
	char p[] = "/tmp/judge-plant-XXXXXX", s[] = "/tmp/judge-victim-XXXXXX";
	int fd;

	if (geteuid() != 0)
		cr_skip_test("needs root: the planter must be another user than the judge");
	cr_assert_not_null(mkdtemp(p));
	cr_assert_not_null(mkdtemp(s));
	snprintf(plant, sizeof(plant), "%s", p);
	snprintf(safe, sizeof(safe), "%s", s);
	cr_assert_eq(chmod(plant, 01777), 0);	/* as /tmp */
	cr_assert_eq(chmod(safe, 0755), 0);
	snprintf(victim, sizeof(victim), "%s/victim", safe);
	fd = open(victim, O_WRONLY | O_CREAT | O_EXCL, 0666);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, VICTIM_TEXT, strlen(VICTIM_TEXT)), (ssize_t)strlen(VICTIM_TEXT));
	close(fd);
	/* rw for all: protected_hardlinks lets the planter link it, as it would any such file */
	cr_assert_eq(chmod(victim, 0666), 0);
}

static void teardown(void)
{
	if (plant[0])
		util_remove_tree(plant);
	if (safe[0])
		util_remove_tree(safe);
}

enum plant_kind {
	PLANT_SYMLINK_FINAL,		/* NAME -> victim */
	PLANT_DANGLING_FINAL,		/* NAME -> safe/new (O_CREAT would make it) */
	PLANT_HARDLINK_FINAL,		/* NAME is a hard link to victim */
	PLANT_SYMLINK_TMP,		/* NAME.judge-tmp-PID -> victim */
	PLANT_HARDLINK_TMP,		/* NAME.judge-tmp-PID is a hard link to victim */
	PLANT_FIFO_FINAL,		/* NAME is the planter's FIFO, no reader */
	PLANT_LINKED_PARENT,		/* DIR -> safe, the file written as DIR/victim */
};

static const char *const kind_names[] = {
	"symlink at the final name", "dangling symlink at the final name",
	"hard link at the final name", "symlink at the temporary name",
	"hard link at the temporary name", "FIFO at the final name", "linked parent directory",
};

/* The path the judge is asked to write, and the plant made there first. */
static void do_plant(enum plant_kind k, char *target, size_t len, pid_t writer)
{
	char name[PATH_MAX + 64], dangling[PATH_MAX + 16];
	pid_t pid;
	int st;

	snprintf(target, len, "%s/out.txt", plant);
	if (k == PLANT_LINKED_PARENT)
		snprintf(target, len, "%s/dir/victim", plant);
	if (k == PLANT_SYMLINK_TMP || k == PLANT_HARDLINK_TMP)
		snprintf(name, sizeof(name), "%s.judge-tmp-%d", target, (int)writer);
	else if (k == PLANT_LINKED_PARENT)
		snprintf(name, sizeof(name), "%s/dir", plant);
	else
		snprintf(name, sizeof(name), "%s", target);
	snprintf(dangling, sizeof(dangling), "%s/new", safe);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		int r;

		if (setgroups(0, NULL) < 0 || setresgid(PLANTER, PLANTER, PLANTER) < 0 ||
		    setresuid(PLANTER, PLANTER, PLANTER) < 0)
			_exit(10);
		switch (k) {
		case PLANT_SYMLINK_FINAL:
		case PLANT_SYMLINK_TMP: r = symlink(victim, name); break;
		case PLANT_DANGLING_FINAL: r = symlink(dangling, name); break;
		case PLANT_HARDLINK_FINAL:
		case PLANT_HARDLINK_TMP: r = link(victim, name); break;
		case PLANT_FIFO_FINAL: r = mkfifo(name, 0666); break;
		case PLANT_LINKED_PARENT: r = symlink(safe, name); break;
		default: r = -1;
		}
		_exit(r == 0 ? 0 : 11);
	}
	cr_assert_eq(waitpid(pid, &st, 0), pid);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: the planter failed (%d)",
		  kind_names[k], WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

/* The victim and its directory are as they were: content, inode and no new file. */
static void victim_untouched(enum plant_kind k, const char *writer)
{
	char buf[64] = "", extra[PATH_MAX + 16];
	int fd = open(victim, O_RDONLY);
	ssize_t n;

	cr_assert_geq(fd, 0);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	cr_expect(n == (ssize_t)strlen(VICTIM_TEXT) && strncmp(buf, VICTIM_TEXT, (size_t)n) == 0,
		  "%s, %s: the victim now holds \"%.*s\"", writer, kind_names[k], (int)(n > 0 ? n : 0), buf);
	snprintf(extra, sizeof(extra), "%s/new", safe);
	cr_expect_neq(access(extra, F_OK), 0, "%s, %s: %s was created", writer, kind_names[k], extra);
}

static int save_output(const char *path, struct jerr *err)
{
	int fd = memfd_create("out", 0), r;

	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, "PROGRAM OUTPUT\n", 15), 15);
	r = output_save(fd, path, err);
	close(fd);
	return r;
}

static int save_junit(const char *path, struct jerr *err)
{
	struct junit_suite s = { .name = "p", .source = "s.c", .cases = NULL, .n = 0 };

	return junit_write(path, &s, err);
}

/* --trace: the log of a whole run, written as the run goes */
static int save_trace(const char *path, struct jerr *err)
{
	char *argv[] = { (char *)harness_helper("hello"), NULL };
	struct run_request rq = { .lim = harness_limits(), .mode = RUN_SECCOMP, .argv = argv };
	struct run_result rr;
	struct policy pol;
	int r;

	harness_load("c", &pol);
	rq.pol = &pol;
	rq.trace_path = path;
	r = run_program(&rq, &rr, err);
	if (r == 0)
		output_close(&rr.out);
	policy_free(&pol);
	return r;
}

static void each_plant(const char *writer, int (*save)(const char *, struct jerr *))
{
	for (unsigned k = 0; k < ARRAY_SIZE(kind_names); k++) {
		char target[PATH_MAX + 32];
		struct jerr err = { 0 };
		struct stat st;
		int r;

		do_plant((enum plant_kind)k, target, sizeof(target), getpid());
		alarm(20);	/* a FIFO opened for writing without a reader would hang here */
		r = save(target, &err);
		alarm(0);
		victim_untouched((enum plant_kind)k, writer);
		if (k == PLANT_LINKED_PARENT) {
			/* the planter's link is not followed: refused, said so */
			cr_expect_eq(r, -1, "%s: wrote through a link owned by another user", writer);
		} else {
			/* the name now holds the judge's own new file */
			cr_expect_eq(r, 0, "%s, %s: %s", writer, kind_names[k], err.msg);
			cr_expect(lstat(target, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == 0,
				  "%s, %s: the name is not a new file of root's", writer, kind_names[k]);
		}
		util_remove_tree(plant);
		cr_assert_eq(mkdir(plant, 0755), 0);
		cr_assert_eq(chmod(plant, 01777), 0);
	}
}

Test(safefile, saved_output_writes_through_no_plant, .init = setup, .fini = teardown, .timeout = 60)
{
	each_plant("--stdout", save_output);
}

Test(safefile, junit_writes_through_no_plant, .init = setup, .fini = teardown, .timeout = 60)
{
	each_plant("--report junit", save_junit);
}

Test(safefile, trace_log_writes_through_no_plant, .init = setup, .fini = teardown, .timeout = 120)
{
	each_plant("--trace", save_trace);
}

/* What is ours or root's is still written where it is: /dev/null, our own FIFO with a reader. */
Test(safefile, devices_and_own_fifos_in_place, .init = setup, .fini = teardown)
{
	char fifo[PATH_MAX + 16], buf[32] = "";
	struct safefile sf;
	struct stat st;
	int rd;

	cr_assert_eq(safefile_create(&sf, "/dev/null", 0644), 0, "%s", sf.why);
	cr_expect(sf.in_place);
	cr_expect_eq(write(sf.fd, "x", 1), 1);
	cr_expect_eq(safefile_commit(&sf), 0);
	cr_expect(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));

	snprintf(fifo, sizeof(fifo), "%s/fifo", safe);
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	/* no reader: an error at once, never a hang */
	cr_expect_eq(safefile_create(&sf, fifo, 0644), -1);
	cr_expect(strstr(sf.why, "no reader"), "%s", sf.why);
	rd = open(fifo, O_RDONLY | O_NONBLOCK);
	cr_assert_geq(rd, 0);
	cr_assert_eq(safefile_create(&sf, fifo, 0644), 0, "%s", sf.why);
	cr_expect_eq(write(sf.fd, "through", 7), 7);
	cr_expect_eq(safefile_commit(&sf), 0);
	cr_expect_eq(read(rd, buf, sizeof(buf)), 7);
	cr_expect_str_eq(buf, "through");
	close(rd);
}

/* Links of root's or the judge's own are followed, in the middle and at the end. */
Test(safefile, own_links_followed, .init = setup, .fini = teardown)
{
	char link[PATH_MAX + 16], through[PATH_MAX + 32], real[PATH_MAX + 32];
	struct safefile sf;
	struct stat st;

	snprintf(link, sizeof(link), "%s/to-safe", plant);
	cr_assert_eq(symlink(safe, link), 0);
	snprintf(through, sizeof(through), "%s/out", link);
	cr_assert_eq(safefile_create(&sf, through, 0644), 0, "%s", sf.why);
	cr_expect_eq(safefile_commit(&sf), 0, "%s", sf.why);
	snprintf(real, sizeof(real), "%s/out", safe);
	cr_expect(lstat(real, &st) == 0 && S_ISREG(st.st_mode));
	/* a link at the end: the file it names is replaced, the link stays */
	snprintf(link, sizeof(link), "%s/final", plant);
	cr_assert_eq(symlink(real, link), 0);
	cr_assert_eq(safefile_create(&sf, link, 0644), 0, "%s", sf.why);
	cr_expect_eq(safefile_commit(&sf), 0, "%s", sf.why);
	cr_expect(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
}
