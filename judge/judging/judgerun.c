#include "judgerun.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"

bool judgerun_ended_cleanly(const struct outcome *o)
{
	return !o->ie && !o->rf && !o->signal && o->exited && o->exit_code == 0 &&
	       !o->cpu_exceeded && !o->wall_exceeded && o->mle == MLE_NONE && !o->output_exceeded;
}

/* A real file holding the output, for a checker in another process; -1 with `fb` set. */
static int save_for_checker(const struct judge_check *jc, int out_fd, char *path, size_t len,
			    char *fb, size_t fl)
{
	struct jerr err;
	char buf[512];
	int fd;

	if (jc->scratch) {
		snprintf(path, len, "%s/output-%d", jc->scratch, (int)getpid());
		if (output_save(out_fd, path, &err) == 0)
			return 0;
		jerr_format(&err, buf, sizeof(buf));
		snprintf(fb, fl, "cannot hand the output to the checker: %s", buf);
		return -1;
	} else {
		const char *tmp = getenv("TMPDIR");

		snprintf(path, len, "%s/judge-output-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		fd = mkstemp(path);
		if (fd >= 0 && output_copy(out_fd, fd) == 0) {
			close(fd);
			return 0;
		}
		snprintf(fb, fl, "cannot hand the output to the checker: %m");
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		return -1;
	}
}

enum check_result judgerun_check(const struct judge_check *jc, int out_fd, char *fb, size_t fl,
				 struct check_score *score)
{
	const struct checker *c = jc->chk;
	char path[4096 + 64];
	enum check_result cr;
	bool copied = false;

	if (jc->output_file) {
		struct stat st;

		/* the program could only have written it: anything but a plain file is its doing */
		if (lstat(jc->output_file, &st) < 0 || !S_ISREG(st.st_mode)) {
			snprintf(fb, fl, "wrong answer: no output file %s", jc->output_name);
			return CHECK_WA;
		}
		snprintf(path, sizeof(path), "%s", jc->output_file);
	} else if (c->kind == CHECKER_TESTLIB || c->kind == CHECKER_KATTIS) {
		if (save_for_checker(jc, out_fd, path, sizeof(path), fb, fl) < 0)
			return CHECK_FAIL;
		copied = true;
	} else {
		output_path(out_fd, path, sizeof(path));
	}
	cr = checker_run_scored(c, jc->input, path, jc->answer, fb, fl, score);
	if (copied)
		unlink(path);
	return cr;
}

void judgerun_decide(const struct judge_evidence *ev, const struct limits *lim, struct result *res)
{
	memset(res, 0, sizeof(*res));
	res->layers = ev->layers;
	verdict_decide(ev->o, ev->u, lim, ev->cs, ev->feedback, res);
	if (!ev->interactive)
		return;
	/*
	 * Kattis: when the interactor ended first and rejected, its wrong
	 * answer stands whatever the program did next (read EOF and crashed,
	 * waited and spun into TLE, wrote to a closed pipe).  A SIGPIPE says
	 * by itself that the other side went first.  A forbidden syscall is
	 * never excused, and neither is the judge's own failure.
	 */
	if (res->verdict == V_AC || res->verdict == V_RF || res->verdict == V_IE ||
	    res->verdict == V_WA)
		return;
	if (!ev->interactor_first && ev->o->signal != SIGPIPE)
		return;
	if (ev->cs == CHECK_WA) {
		res->verdict = V_WA;
		res->limit = NULL;
		res->mle_rule = NULL;
		util_message(res->message, sizeof(res->message), "wrong answer%s%s",
			     res->feedback[0] ? ": " : "", res->feedback);
	} else if (ev->cs == CHECK_FAIL && res->verdict == V_RE) {
		res->verdict = V_IE;
		util_message(res->message, sizeof(res->message), "interactor failed: %s",
			     res->feedback);
	}
}

int judgerun(const struct run_request *rq, const struct limits *lim, const struct judge_check *jc,
	     struct run_result *rr, struct result *res, struct jerr *err)
{
	char feedback[sizeof(res->feedback)] = "";
	struct judge_evidence ev = { .cs = CHECK_NONE, .feedback = feedback };
	struct check_score sc = { false, 0 };

	if (run_program(rq, rr, err) < 0)
		return -1;
	if (jc && jc->chk && jc->answer && judgerun_ended_cleanly(&rr->o))
		ev.cs = judgerun_check(jc, rr->out.out_fd, feedback, sizeof(feedback), &sc);
	ev.o = &rr->o;
	ev.u = &rr->u;
	ev.layers = rr->layers;
	judgerun_decide(&ev, lim, res);
	if (res->verdict == V_AC && sc.given) {
		res->has_score = true;
		res->score = sc.value;
	}
	return 0;
}

int judgerun_interactive(const struct interact_spec *s, const struct limits *lim,
			 struct result *res, struct jerr *err)
{
	struct interact_result ir;
	struct judge_evidence ev;

	if (interact_run(s, &ir, err) < 0)
		return -1;
	ev = (struct judge_evidence){
		.o = &ir.o, .u = &ir.u, .layers = ir.layers, .cs = ir.cs, .feedback = ir.feedback,
		.interactive = true, .interactor_first = ir.interactor_first,
	};
	judgerun_decide(&ev, lim, res);
	if (res->verdict == V_AC && ir.has_score) {
		res->has_score = true;
		res->score = ir.score;
	}
	return 0;
}
