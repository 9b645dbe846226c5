#include "multipass.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "judgerun.h"
#include "output.h"

static void ie(struct result *res, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void ie(struct result *res, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	memset(res, 0, sizeof(*res));
	res->verdict = V_IE;
	res->out.ie = true;
	util_message(res->out.ie_msg, sizeof(res->out.ie_msg), "%s", msg);
	util_message(res->message, sizeof(res->message), "internal error: %s", msg);
}

static void keep_max(struct usage *max, const struct usage *u)
{
	if (u->cpu_ns > max->cpu_ns)
		max->cpu_ns = u->cpu_ns;
	if (u->wall_ns > max->wall_ns)
		max->wall_ns = u->wall_ns;
	if (u->memory_kib > max->memory_kib)
		max->memory_kib = u->memory_kib;
	if (u->output_bytes > max->output_bytes)
		max->output_bytes = u->output_bytes;
}

int multipass_run(const struct multipass_spec *s, struct result *res)
{
	char fbdir[PATH_MAX], next[PATH_MAX + 16], score[PATH_MAX + 16], in[2][PATH_MAX + 32];
	int passes = s->passes > 0 ? s->passes : MULTIPASS_DEFAULT_PASSES, pass;
	struct checker c = *s->chk;
	struct usage max = { 0 };
	const char *input = s->input;

	snprintf(fbdir, sizeof(fbdir), "%s/multipass-XXXXXX", s->scratch);
	if (!mkdtemp(fbdir)) {
		ie(res, "feedback directory for a multi-pass test: %s", strerror(errno));
		return 0;
	}
	c.feedback_dir = fbdir;
	snprintf(next, sizeof(next), "%s/nextpass.in", fbdir);
	snprintf(score, sizeof(score), "%s/score.txt", fbdir);
	for (pass = 1; pass <= passes; pass++) {
		struct judge_check jc = {
			.chk = &c, .input = input, .answer = s->answer, .scratch = s->scratch,
		};
		struct run_result rr;
		struct jerr err;
		struct stat st;

		s->rq->stdin_path = input;
		unlink(next);	/* only this pass's validator may ask for another */
		unlink(score);	/* the score is the last pass's score.txt, as Kattis reads it */
		res->has_score = false;
		if (judgerun(s->rq, s->lim, &jc, &rr, res, &err) < 0) {
			char buf[512];

			jerr_format(&err, buf, sizeof(buf));
			ie(res, "cannot run the program: %s", buf);
			break;
		}
		output_close(&rr.out);
		keep_max(&max, &rr.u);
		if (res->verdict != V_AC) {
			if (passes > 1) {
				char *msg = xasprintf("pass %d: %s", pass, res->message);

				util_message(res->message, sizeof(res->message), "%s", msg);
				free(msg);
			}
			break;
		}
		if (lstat(next, &st) < 0)
			break;		/* accepted, and no further pass asked for */
		if (pass == passes) {
			ie(res, "the validator asked for pass %d, but validation_passes is %d",
			   pass + 1, passes);
			break;
		}
		/* Out of the validator's directory, so that the next pass's request is fresh. */
		snprintf(in[pass % 2], sizeof(in[0]), "%s.pass%d.in", fbdir, pass + 1);
		if (rename(next, in[pass % 2]) < 0) {
			ie(res, "cannot take nextpass.in: %s", strerror(errno));
			break;
		}
		input = in[pass % 2];
	}
	res->use.cpu_ns = max.cpu_ns;
	res->use.wall_ns = max.wall_ns;
	res->use.memory_kib = max.memory_kib;
	res->use.output_bytes = max.output_bytes;
	for (int i = 2; i <= passes; i++) {
		char p[PATH_MAX + 32];

		snprintf(p, sizeof(p), "%s.pass%d.in", fbdir, i);
		unlink(p);
	}
	util_remove_tree(fbdir);
	return pass > passes ? passes : pass;
}
