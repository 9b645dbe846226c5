#include <criterion/criterion.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "run.h"

/*
 * run_keep: the tests of one source reuse the plan of the first run while
 * the request and the program file stay the same, and plan afresh as soon
 * as either changes.  Each run must still see its own input.
 */

static struct policy c_pol;
static char dir[] = "/tmp/judge-keep-XXXXXX";
static char prog[PATH_MAX];

static void setup(void)
{
	char *text;
	size_t len;
	int fd;

	harness_load("c", &c_pol);
	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(chmod(dir, 0755), 0);
	/* a copy of its own, so that the test may change the file */
	harness_format(prog, "%s/echo_stdin", dir);
	text = util_read_file(harness_helper("echo_stdin"), &len);
	cr_assert_not_null(text);
	fd = open(prog, O_WRONLY | O_CREAT | O_EXCL, 0755);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, text, len), (ssize_t)len);
	close(fd);
	free(text);
}

static void teardown(void)
{
	policy_free(&c_pol);
	util_remove_tree(dir);
}

/* One run on `input`; its output must be the work directory and then the input. */
static void run_on(struct run_request *rq, const char *input)
{
	char in[PATH_MAX], want[PATH_MAX + 64], buf[PATH_MAX + 64] = "";
	struct run_result rr;
	struct jerr err;
	int fd;

	harness_format(in, "%s.in", dir);
	fd = open(in, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, input, strlen(input)), (ssize_t)strlen(input));
	close(fd);
	rq->stdin_path = in;
	cr_assert_eq(run_program(rq, &rr, &err), 0, "%s", err.msg);
	unlink(in);
	cr_expect(rr.o.exited && rr.o.exit_code == 0, "exit %d signal %d %s", rr.o.exit_code,
		  rr.o.signal, rr.o.ie_msg);
	cr_expect_gt(pread(rr.out.out_fd, buf, sizeof(buf) - 1, 0), 0);
	harness_format(want, "%s\n%s", dir, input);
	cr_expect_str_eq(buf, want);
	output_close(&rr.out);
}

Test(keep, plan_reused_while_request_and_program_stay, .init = setup, .fini = teardown,
     .timeout = 60)
{
	char *argv[] = { prog, NULL };
	struct run_keep keep = { 0 };
	struct run_request rq = { .pol = &c_pol, .lim = harness_limits(), .mode = RUN_SECCOMP,
				  .argv = argv, .workdir = dir, .keep = &keep };
	struct timespec later[2] = { { .tv_nsec = UTIME_OMIT }, { .tv_sec = 1000000000 } };

	run_on(&rq, "1 2\n");
	cr_expect_eq(keep.reused, 0u, "the first run plans");
	cr_expect(keep.valid, "and keeps its plan");
	run_on(&rq, "3 4\n");
	run_on(&rq, "5\n");
	cr_expect_eq(keep.reused, 2u, "the same request on other inputs reuses the plan");

	/* the program file changed (here only its time): planned afresh */
	cr_assert_eq(utimensat(AT_FDCWD, prog, later, 0), 0);
	run_on(&rq, "6\n");
	cr_expect_eq(keep.reused, 2u, "a changed program file is planned again");
	run_on(&rq, "7\n");
	cr_expect_eq(keep.reused, 3u);

	/* another limit: planned afresh */
	rq.lim.memory_kib /= 2;
	run_on(&rq, "8\n");
	cr_expect_eq(keep.reused, 3u, "another memory limit is planned again");

	/* another mode: planned afresh */
	rq.mode = RUN_PTRACE;
	run_on(&rq, "9\n");
	run_on(&rq, "10\n");
	cr_expect_eq(keep.reused, 4u, "the other mode is one more plan, then reused");
	run_keep_free(&keep);
	cr_expect_not(keep.valid);
}

Test(keep, not_kept_without_a_workdir_or_with_file_io, .init = setup, .fini = teardown,
     .timeout = 60)
{
	char *argv[] = { prog, NULL };
	char io[PATH_MAX];
	struct run_keep keep = { 0 };
	struct run_request rq = { .pol = &c_pol, .lim = harness_limits(), .mode = RUN_SECCOMP,
				  .argv = argv, .workdir = dir, .keep = &keep };
	int fd;

	/* a file_io file is made anew for every test: its plan is the run's own */
	harness_format(io, "%s/data.in", dir);
	fd = open(io, O_WRONLY | O_CREAT, 0644);
	cr_assert_geq(fd, 0);
	close(fd);
	rq.io_read = io;
	run_on(&rq, "1\n");
	run_on(&rq, "2\n");
	cr_expect_not(keep.valid, "a file_io run keeps no plan");
	cr_expect_eq(keep.reused, 0u);
	rq.io_read = NULL;
	run_on(&rq, "3\n");
	run_on(&rq, "4\n");
	cr_expect_eq(keep.reused, 1u);
	run_keep_free(&keep);
}
