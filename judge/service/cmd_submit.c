/*
 * judge submit --redis URL [--wait] [--json] [options] SOURCE... PROBLEM_ID:
 * one job per SOURCE on the stream judge:jobs, each job's id printed on a
 * line of its own.  With --wait, waits for the results and prints them as
 * `judge test` does (a table, or with --json the result object, one line per
 * job), and exits with `judge test`'s status (the worst of them).
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "compile.h"
#include "job.h"
#include "submission.h"
#include "rconn.h"
#include "service.h"
#include "table.h"

static void new_id(char *out, size_t len)
{
	unsigned char b[12];

	if (getrandom(b, sizeof(b), 0) != (ssize_t)sizeof(b))
		for (size_t i = 0; i < sizeof(b); i++)
			b[i] = (unsigned char)(rand() ^ getpid() ^ (int)svc_now_ms());
	snprintf(out, len, "j-");
	for (size_t i = 0; i < sizeof(b); i++)
		snprintf(out + 2 + 2 * i, len - 2 - 2 * i, "%02x", b[i]);
}

static int64_t json_ms(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

/* As `judge test` prints: the tests' table, then the summary line. */
static void print_human(const char *id, json_t *r)
{
	static const char *const headers[] = { "test", "verdict", "time", "memory", "message" };
	const char *verdict = json_string_value(json_object_get(r, "verdict"));
	const char *status = json_string_value(json_object_get(r, "status"));
	json_t *tests = json_object_get(r, "tests"), *t, *comp = json_object_get(r, "compile");
	bool colour = table_colour(stdout);
	const char *first_fail = NULL;
	struct table tb;
	size_t i;

	if (!verdict)
		verdict = "IE";
	if (status && strcmp(status, "judged") != 0) {
		table_paint(stdout, colour, verdict, verdict);
		printf("  job %s: %s\n", id, json_string_value(json_object_get(r, "message")));
		return;
	}
	if (strcmp(json_string_value(json_object_get(comp, "status")) ?: "OK", "OK") != 0) {
		const char *m = json_string_value(json_object_get(comp, "message"));

		if (m && *m)
			fputs(m, stdout);
		table_paint(stdout, colour, verdict, verdict);
		printf("  %s\n", strcmp(verdict, "CE") == 0 ? "compilation failed" :
		       "the judge could not compile the source");
		return;
	}
	table_init(&tb, ARRAY_SIZE(headers), headers, 1u << 2 | 1u << 3, 1);
	json_array_foreach(tests, i, t) {
		char time[32], mem[32];
		const char *v = json_string_value(json_object_get(t, "verdict"));
		const char *cells[5];

		snprintf(time, sizeof(time), "%lld ms", (long long)json_ms(t, "cpu_ms"));
		snprintf(mem, sizeof(mem), "%lld KiB", (long long)json_ms(t, "memory_kb"));
		cells[0] = json_string_value(json_object_get(t, "name"));
		cells[1] = v;
		cells[2] = time;
		cells[3] = mem;
		cells[4] = v && strcmp(v, "AC") == 0 ? "" : json_string_value(json_object_get(t, "message")) ?: "";
		if (!first_fail && v && strcmp(v, "AC") != 0)
			first_fail = cells[0];
		table_add(&tb, cells);
	}
	table_print(&tb, stdout, colour);
	table_free(&tb);
	table_paint(stdout, colour, verdict, verdict);
	if (first_fail)
		printf(" on test %s", first_fail);
	printf("  %lld/%lld passed  (job %s, worker %s)\n", (long long)json_ms(r, "passed"),
	       (long long)json_ms(r, "total"), id, json_string_value(json_object_get(r, "worker")) ?: "?");
}

static int status_of(json_t *r)
{
	const char *status = json_string_value(json_object_get(r, "status"));
	int v = verdict_from_name(json_string_value(json_object_get(r, "verdict")) ?: "IE");

	if (status && strcmp(status, "rejected") == 0)
		return 2;
	return verdict_exit_status(v < 0 ? V_IE : (enum verdict)v);
}

static int wait_results(struct rconn *rc, char **ids, int n, bool json)
{
	json_t **res = xcalloc((size_t)n, sizeof(*res));
	int left = n, worst = 0;

	while (left > 0) {
		for (int i = 0; i < n; i++) {
			redisReply *r;

			if (res[i])
				continue;
			r = rconn_cmd(rc, "GET " SVC_RESULT_PREFIX "%s", ids[i]);
			if (!r) {
				fprintf(stderr, "judge: --redis: %s\n", rc->err);
				return 2;
			}
			if (r->type == REDIS_REPLY_STRING) {
				res[i] = json_loadb(r->str, r->len, 0, NULL);
				if (!res[i])
					res[i] = json_pack("{s:s,s:s}", "verdict", "IE", "message",
							   "the stored result is not JSON");
				left--;
			}
			freeReplyObject(r);
		}
		if (left > 0)	/* wakes up when any result arrives, or after a second */
			freeReplyObject(rconn_cmd(rc, "XREAD COUNT 1 BLOCK 1000 STREAMS %s $", SVC_RESULTS));
	}
	for (int i = 0; i < n; i++) {
		int s = status_of(res[i]);

		if (json) {
			json_dumpf(res[i], stdout, JSON_COMPACT);
			fputc('\n', stdout);
		} else {
			print_human(ids[i], res[i]);
		}
		worst = s > worst ? s : worst;
		json_decref(res[i]);
	}
	free(res);
	return worst;
}

static void usage(FILE *f)
{
	fputs("usage: judge submit --redis URL [--wait] [--json] [options] SOURCE... PROBLEM_ID\n"
	      "Enqueues one job per SOURCE on judge:jobs and prints each job's id.  --wait prints\n"
	      "the results as judge test does and exits with its status.  Options as for judge\n"
	      "test: -p -t -w -m -o -c --mode --fail-fast.\n", f);
}

/*
 * The job's sources: a file as it is, or every file of a directory (one
 * submission, names relative to it) with its entry point; the language from
 * -p or the extensions, as judge test finds them.
 */
static int fill_sources(struct job *j, const char *path, const char *base, const char *entry,
			const char *policy, struct jerr *err)
{
	struct submission sub;
	struct stat st;
	const char *lang;

	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
		j->files = xcalloc(1, sizeof(*j->files));
		snprintf(j->files[0].name, sizeof(j->files[0].name), "%s", base);
		if (!(j->files[0].content = util_read_file(path, &j->files[0].len))) {
			jerr_set(err, path, "", "cannot read: %s", strerror(errno));
			return -1;
		}
		j->n_files = 1;
		/* no language here is the worker's to report: it may know more policies */
		lang = policy ? policy : compile_policy_for(path, cli_policies_dir());
		if (lang)
			snprintf(j->language, sizeof(j->language), "%s", lang);
		return 0;
	}
	if (submission_open(path, entry, policy, cli_policies_dir(), &sub, err) < 0) {
		submission_free(&sub);
		return -1;
	}
	snprintf(j->language, sizeof(j->language), "%s", sub.language);
	snprintf(j->entry, sizeof(j->entry), "%s", sub.entry);
	j->files = xcalloc(sub.n_files, sizeof(*j->files));
	for (size_t k = 0; k < sub.n_files; k++) {
		char *full = xasprintf("%s/%s", sub.root, sub.files[k]);
		struct job_file *f = &j->files[j->n_files];

		snprintf(f->name, sizeof(f->name), "%s", sub.files[k]);
		f->content = util_read_file(full, &f->len);
		if (!f->content) {
			jerr_set(err, full, "", "cannot read: %s", strerror(errno));
			free(full);
			submission_free(&sub);
			return -1;
		}
		free(full);
		j->n_files++;
	}
	submission_free(&sub);
	return 0;
}

int cmd_submit(int argc, char **argv)
{
	char **rest = xcalloc((size_t)argc + 1, sizeof(*rest));
	int nrest = 0, status = 0, nsrc;
	const char *url = NULL, *problem;
	bool wait = false;
	struct redis_url u;
	struct cli_opts o;
	struct jerr err;
	struct rconn rc;
	char **ids;

	rest[nrest++] = argv[0];
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--redis") == 0 && i + 1 < argc)
			url = argv[++i];
		else if (strncmp(argv[i], "--redis=", 8) == 0)
			url = argv[i] + 8;
		else if (strcmp(argv[i], "--wait") == 0)
			wait = true;
		else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return usage(stdout), free(rest), 0;
		else
			rest[nrest++] = argv[i];
	}
	if (cli_parse(CLI_TEST, nrest, rest, &o, &err) < 0) {
		free(rest);
		return commands_fail_input(&err);
	}
	if (!url || o.n_rest < 2) {
		usage(stderr);
		free(rest);
		return 2;
	}
	if (o.stdin_path || o.answer_path || o.stdout_path || o.stderr_path || o.trace_path || o.dir ||
	    o.report_junit || o.csv) {
		fputs("judge: submit: -i, -a, --stdout, --stderr, --trace, --dir and --report are not "
		      "options of a job\n", stderr);
		free(rest);
		return 2;
	}
	if (redis_url_parse(url, &u, &err) < 0) {
		free(rest);
		return commands_fail_input(&err);
	}
	problem = o.rest[o.n_rest - 1];
	nsrc = o.n_rest - 1;
	ids = xcalloc((size_t)nsrc, sizeof(*ids));
	if (rconn_open(&rc, &u, 10000) < 0) {
		fprintf(stderr, "judge: --redis: %s\n", rc.err);
		free(rest);
		free(ids);
		return 2;
	}
	rc.give_up_ms = wait ? 0 : 10000;
	for (int i = 0; i < nsrc && status == 0; i++) {
		struct job j = { 0 };
		const char *base = strrchr(o.rest[i], '/');
		char *text;
		json_t *js;
		redisReply *r;

		new_id(j.id, sizeof(j.id));
		snprintf(j.problem, sizeof(j.problem), "%s", problem);
		base = base ? base + 1 : o.rest[i];
		if (fill_sources(&j, o.rest[i], base, o.entry, o.policy, &err) < 0) {
			job_free(&j);
			status = commands_fail_input(&err);
			break;
		}
		j.lim = o.lim;
		j.time_set = o.time_set;
		j.wall_set = o.wall_set;
		j.memory_set = o.memory_set;
		j.output_set = o.output_set;
		j.checker = o.checker_set ? xstrdup(o.checker) : NULL;
		j.mode = o.mode;
		j.mode_set = o.mode == RUN_PTRACE;
		j.fail_fast = o.fail_fast;
		j.submitted_ms = svc_now_ms();
		js = job_json(&j);
		text = json_dumps(js, JSON_COMPACT);
		json_decref(js);
		/* the worker checks what we send: a job that it would refuse is refused here too */
		{
			struct job check;

			if (job_parse(text, strlen(text), SIZE_MAX, &check, &err) < 0) {
				snprintf(err.file, sizeof(err.file), "%s", o.rest[i]);
				err.line = err.col = 0;
				status = commands_fail_input(&err);
			}
			job_free(&check);
		}
		if (status == 0) {
			r = rconn_cmd(&rc, "XADD %s * job %s", SVC_JOBS, text);
			if (!r || r->type == REDIS_REPLY_ERROR) {
				fprintf(stderr, "judge: --redis: XADD: %s\n", r ? r->str : rc.err);
				status = 2;
			} else {
				ids[i] = xstrdup(j.id);
				if (!wait || !o.json)
					printf("%s\n", j.id);
				fflush(stdout);
			}
			freeReplyObject(r);
		}
		free(text);
		job_free(&j);
	}
	if (status == 0 && wait)
		status = wait_results(&rc, ids, nsrc, o.json);
	for (int i = 0; i < nsrc; i++)
		free(ids[i]);
	free(ids);
	free(rest);
	rconn_close(&rc);
	return status;
}
