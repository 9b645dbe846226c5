/*
 * judge worker --redis URL [--slots N] [--cache DIR] [--name NAME]: judging
 * as a service (SPEC §6, docs/worker.md).  This process supervises: it
 * forks N slots (slot.c), each pinned to its own CPU; reaps and restarts
 * the ones that die; every second keeps the jobs its live slots hold from
 * looking abandoned (XCLAIM JUSTID resets their idle time), and every two
 * writes the heartbeat `judge status` reads.  SIGTERM: the slots finish the jobs
 * they hold and exit, then so does this; a second SIGTERM (or SIGINT) makes
 * them abort those jobs as IE.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "cli.h"
#include "commands.h"
#include "job.h"
#include "rconn.h"
#include "service.h"
#include "slot.h"

#define HEARTBEAT_TTL_S 15

static volatile sig_atomic_t signals_seen;

static void on_signal(int sig)
{
	(void)sig;
	signals_seen++;
}

static void usage(FILE *f)
{
	fputs("usage: judge worker --redis URL [--slots N] [--cache DIR] [--name NAME]\n"
	      "         [--cache-size SIZE] [--claim-idle MS] [--attempts K] [--max-source SIZE]\n"
	      "         [--result-ttl SECONDS] [--results-maxlen N]\n"
	      "Takes jobs from the Redis stream judge:jobs (group judge-workers) until SIGTERM,\n"
	      "judges each as judge test does, and publishes one result per job (docs/worker.md).\n"
	      "  --slots N         jobs judged at once, each slot on its own CPU (default: CPUs)\n"
	      "  --cache DIR       problems and compiled programs (default ~/.cache/judge)\n"
	      "  --cache-size SIZE bound of the cache, least recently used out first (default 2G)\n"
	      "  --name NAME       this worker's name in judge status (default HOST-PID)\n"
	      "  --claim-idle MS   take over a job idle this long: its worker died (default 60000)\n"
	      "  --attempts K      a job whose worker died K times ends as IE (default 3)\n"
	      "  --max-source SIZE larger sources are refused (default 1M)\n"
	      "  --result-ttl SECONDS\n"
	      "                    each judge:result:<id> key expires this long after it is set;\n"
	      "                    0 keeps it (default 604800, a week)\n"
	      "  --results-maxlen N\n"
	      "                    the judge:results stream keeps about N entries, trimmed as\n"
	      "                    results are added; 0 keeps all (default 1000000)\n", f);
}

static int cpu_count(void)
{
	cpu_set_t set;

	return sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0 ? CPU_COUNT(&set) : 1;
}

/* Private TMPDIRs of slots that died with their worker (SIGKILL): their pid is gone. */
static void sweep_slot_dirs(void)
{
	const char *base = getenv("TMPDIR");
	DIR *d;
	struct dirent *de;

	if (!base || base[0] != '/')
		base = "/tmp";
	if (!(d = opendir(base)))
		return;
	while ((de = readdir(d))) {
		int pid;
		char path[PATH_MAX + 300];

		if (sscanf(de->d_name, SLOT_TMP_PREFIX "%d-", &pid) != 1 || pid <= 0 ||
		    kill(pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof(path), "%s/%s", base, de->d_name);
		util_remove_tree(path);
	}
	closedir(d);
}

static void default_cache(char *out, size_t len)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (xdg && xdg[0] == '/')
		snprintf(out, len, "%s/judge", xdg);
	else if (home && home[0] == '/' && strcmp(home, "/") != 0)
		snprintf(out, len, "%s/.cache/judge", home);
	else
		snprintf(out, len, "/var/cache/judge");
}

/* mkdir -p of the cache's parents, so that a fresh ~/.cache works */
static void make_parents(const char *dir)
{
	char buf[PATH_MAX];

	snprintf(buf, sizeof(buf), "%s", dir);
	for (char *p = buf + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(buf, 0755);
		*p = '/';
	}
}

struct worker {
	struct slot_cfg cfg;
	int slots;
	struct slot_state *st;		/* slots of them, shared */
	pid_t *pid;
	int64_t *started;		/* when each slot was last started, to slow a crash loop */
	struct rconn rc;
	int64_t since_ms;
};

static pid_t start_slot(struct worker *w, int k)
{
	pid_t pid;

	memset(&w->st[k], 0, sizeof(w->st[k]));
	w->cfg.index = k;
	w->cfg.cpu = util_nth_cpu(k);
	w->started[k] = svc_now_ms();
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		rconn_close(&w->rc);	/* the slot opens its own */
		slot_main(&w->cfg, &w->st[k]);
	}
	if (pid < 0)
		msg_perror("worker: cannot fork a slot");
	w->pid[k] = pid > 0 ? pid : 0;
	return pid;
}

/* The jobs a live slot holds keep a low idle time, so that no other worker takes them. */
static void refresh_held(struct worker *w)
{
	for (int k = 0; k < w->slots; k++) {
		char consumer[192];
		redisReply *r;

		if (!w->pid[k] || !w->st[k].pid)
			continue;
		slot_consumer(w->cfg.worker, k, w->st[k].pid, consumer, sizeof(consumer));
		r = rconn_cmd(&w->rc, "XPENDING %s %s - + 10 %s", SVC_JOBS, SVC_GROUP, consumer);
		if (r && r->type == REDIS_REPLY_ARRAY)
			for (size_t i = 0; i < r->elements; i++) {
				const redisReply *e = r->element[i];

				/* min-idle 500: never take back what another worker has just claimed */
				if (e->type == REDIS_REPLY_ARRAY && e->elements == 4)
					freeReplyObject(rconn_cmd(&w->rc, "XCLAIM %s %s %s 500 %s JUSTID",
								  SVC_JOBS, SVC_GROUP, consumer,
								  e->element[0]->str));
			}
		freeReplyObject(r);
	}
}

static void heartbeat(struct worker *w, bool stopping)
{
	json_t *o = json_object(), *busy = json_array();
	char host[256] = "";
	uint64_t done = 0;
	char *text;

	gethostname(host, sizeof(host) - 1);
	for (int k = 0; k < w->slots; k++) {
		done += w->st[k].done;
		if (w->pid[k] && w->st[k].job[0]) {
			json_t *b = json_object();

			json_object_set_new(b, "slot", json_integer(k));
			json_object_set_new(b, "job", json_string(w->st[k].job));
			json_object_set_new(b, "since_ms", json_integer(w->st[k].since_ms));
			json_array_append_new(busy, b);
		}
	}
	json_object_set_new(o, "name", json_string(w->cfg.worker));
	json_object_set_new(o, "host", json_string(host));
	json_object_set_new(o, "pid", json_integer(getpid()));
	json_object_set_new(o, "slots", json_integer(w->slots));
	json_object_set_new(o, "busy", busy);
	json_object_set_new(o, "done", json_integer((json_int_t)done));
	json_object_set_new(o, "started_ms", json_integer(w->since_ms));
	json_object_set_new(o, "heartbeat_ms", json_integer(svc_now_ms()));
	json_object_set_new(o, "stopping", json_boolean(stopping));
	text = json_dumps(o, JSON_COMPACT);
	freeReplyObject(rconn_cmd(&w->rc, "SET " SVC_WORKER_PREFIX "%s %s EX %d", w->cfg.worker, text,
				  HEARTBEAT_TTL_S));
	free(text);
	json_decref(o);
}

static int parse_args(int argc, char **argv, struct worker *w, char *cache, size_t clen)
{
	enum { O_REDIS = 256, O_SLOTS, O_CACHE, O_NAME, O_CACHE_SIZE, O_IDLE, O_ATTEMPTS, O_MAXSRC,
	       O_TTL, O_MAXLEN };
	static const struct option opts[] = {
		{ "redis", required_argument, NULL, O_REDIS }, { "slots", required_argument, NULL, O_SLOTS },
		{ "cache", required_argument, NULL, O_CACHE }, { "name", required_argument, NULL, O_NAME },
		{ "cache-size", required_argument, NULL, O_CACHE_SIZE },
		{ "claim-idle", required_argument, NULL, O_IDLE },
		{ "attempts", required_argument, NULL, O_ATTEMPTS },
		{ "max-source", required_argument, NULL, O_MAXSRC },
		{ "result-ttl", required_argument, NULL, O_TTL },
		{ "results-maxlen", required_argument, NULL, O_MAXLEN },
		{ "help", no_argument, NULL, 'h' }, { 0 } };
	struct jerr err;
	const char *url = NULL;
	int c;
	int64_t v;

	w->slots = cpu_count();
	w->cfg.cache_bytes = 2LL << 30;
	w->cfg.claim_idle_ms = 60000;
	w->cfg.max_attempts = 3;
	w->cfg.max_source = JOB_DEFAULT_MAX_SOURCE;
	w->cfg.result_ttl_s = SVC_RESULT_TTL_S;
	w->cfg.results_maxlen = SVC_RESULTS_MAXLEN;
	default_cache(cache, clen);
	snprintf(w->cfg.worker, sizeof(w->cfg.worker), "%s", "");
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_REDIS: url = optarg; break;
		case O_SLOTS:
			if ((v = util_parse_ms(optarg)) < 1 || v > 256) {
				fprintf(stderr, "judge: --slots: '%s' is not a number from 1 to 256\n", optarg);
				return -1;
			}
			w->slots = (int)v;
			break;
		case O_CACHE: snprintf(cache, clen, "%s", optarg); break;
		case O_NAME:
			if (!job_id_valid(optarg)) {
				fprintf(stderr, "judge: --name: '%s' must be 1 to 64 of A-Z a-z 0-9 . _ : -\n", optarg);
				return -1;
			}
			snprintf(w->cfg.worker, sizeof(w->cfg.worker), "%s", optarg);
			break;
		case O_CACHE_SIZE:
			if ((v = util_parse_bytes(optarg)) < 1) {
				fprintf(stderr, "judge: --cache-size: '%s' is not a size such as 2G\n", optarg);
				return -1;
			}
			w->cfg.cache_bytes = v;
			break;
		case O_IDLE:
			if ((v = util_parse_ms(optarg)) < 100 || v > 86400000) {
				fprintf(stderr, "judge: --claim-idle: '%s' is not milliseconds from 100 on\n", optarg);
				return -1;
			}
			w->cfg.claim_idle_ms = (int)v;
			break;
		case O_ATTEMPTS:
			if ((v = util_parse_ms(optarg)) < 1 || v > 100) {
				fprintf(stderr, "judge: --attempts: '%s' is not a number from 1 to 100\n", optarg);
				return -1;
			}
			w->cfg.max_attempts = (int)v;
			break;
		case O_MAXSRC:
			if ((v = util_parse_bytes(optarg)) < 1) {
				fprintf(stderr, "judge: --max-source: '%s' is not a size such as 1M\n", optarg);
				return -1;
			}
			w->cfg.max_source = (size_t)v;
			break;
		case O_TTL:
		case O_MAXLEN: {
			char *end;
			long long n;

			errno = 0;
			n = strtoll(optarg, &end, 10);
			if (errno || end == optarg || *end || n < 0) {
				fprintf(stderr, "judge: --%s: '%s' is not a whole number from 0 on\n",
					c == O_TTL ? "result-ttl" : "results-maxlen", optarg);
				return -1;
			}
			if (c == O_TTL)
				w->cfg.result_ttl_s = n;
			else
				w->cfg.results_maxlen = n;
			break;
		}
		case 'h': usage(stdout); exit(0);
		default:
			fprintf(stderr, "judge: worker: unknown or incomplete option '%s'\n", argv[optind - 1]);
			usage(stderr);
			return -1;
		}
	}
	if (!url || optind != argc) {
		usage(stderr);
		return -1;
	}
	if (redis_url_parse(url, &w->cfg.url, &err) < 0) {
		commands_fail_input(&err);
		return -1;
	}
	if (!w->cfg.worker[0]) {
		char host[200] = "worker";

		gethostname(host, sizeof(host) - 1);
		for (char *p = host; *p; p++)
			if (!job_id_valid((char[]){ *p, 0 }))
				*p = '-';
		snprintf(w->cfg.worker, sizeof(w->cfg.worker), "%.50s-%d", host, (int)getpid());
	}
	return 0;
}

int cmd_worker(int argc, char **argv)
{
	static char cache_dir[PATH_MAX];
	struct worker w = { 0 };
	struct sigaction sa = { .sa_handler = on_signal };
	struct cache probe;
	struct jerr err;
	int alive, forwarded = 0;
	int64_t last_beat = 0, last_refresh = 0;
	unsigned beats = 0;

	if (parse_args(argc, argv, &w, cache_dir, sizeof(cache_dir)) < 0)
		return 2;
	w.cfg.cache_dir = cache_dir;
	w.cfg.policies_dir = cli_policies_dir();
	make_parents(cache_dir);
	if (cache_open(&probe, cache_dir, w.cfg.cache_bytes, &err) < 0)
		return commands_fail_input(&err);
	cache_evict(&probe);
	cache_close(&probe);
	sweep_slot_dirs();
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	w.st = mmap(NULL, sizeof(*w.st) * (size_t)w.slots, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (w.st == MAP_FAILED) {
		msg_perror("worker: mmap");
		return 2;
	}
	w.pid = xcalloc((size_t)w.slots, sizeof(*w.pid));
	w.started = xcalloc((size_t)w.slots, sizeof(*w.started));
	w.since_ms = svc_now_ms();
	if (rconn_open(&w.rc, &w.cfg.url, 0) < 0 && signals_seen)
		return 0;
	w.rc.give_up_ms = 1000;	/* the loop below must go on reaping while Redis is away */
	w.rc.stop = &signals_seen;
	fprintf(stderr, "judge worker %s: %d slot%s, cache %s\n", w.cfg.worker, w.slots,
		w.slots == 1 ? "" : "s", cache_dir);
	for (int k = 0; k < w.slots; k++)
		start_slot(&w, k);
	for (;;) {
		struct timespec ts = { 0, 200 * 1000000 };
		int st;
		pid_t pid;

		while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
			for (int k = 0; k < w.slots; k++) {
				if (w.pid[k] != pid)
					continue;
				if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
					msg_error("worker %s: slot %d (pid %d) died: %s %d", w.cfg.worker, k, (int)pid,
						  WIFSIGNALED(st) ? "signal" : "exit status",
						  WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
				if (w.st[k].tmpdir[0])
					util_remove_tree(w.st[k].tmpdir);
				w.pid[k] = 0;
			}
		if (signals_seen >= 1 && forwarded < 1) {
			for (int k = 0; k < w.slots; k++)
				if (w.pid[k])
					kill(w.pid[k], SIGTERM);
			forwarded = 1;
		}
		if (signals_seen >= 2 && forwarded < 2) {
			for (int k = 0; k < w.slots; k++)
				if (w.pid[k])
					kill(w.pid[k], SIGINT);
			forwarded = 2;
		}
		alive = 0;
		for (int k = 0; k < w.slots; k++) {
			/* a slot that dies at once again (Redis refusing us, a full disk) restarts once a second */
			if (!w.pid[k] && !signals_seen && svc_now_ms() - w.started[k] >= 1000)
				start_slot(&w, k);
			alive += w.pid[k] != 0;
		}
		if (signals_seen && !alive)
			break;
		if (svc_now_ms() - last_beat >= 2000) {
			last_beat = svc_now_ms();
			/* a slot of a worker killed outright may have been a zombie when we started */
			if (++beats % 10 == 0)
				sweep_slot_dirs();
			if (!signals_seen || forwarded < 2) {
				w.rc.stop = NULL;
				heartbeat(&w, signals_seen > 0);
				w.rc.stop = &signals_seen;
			}
		}
		if (svc_now_ms() - last_refresh >= 1000) {
			last_refresh = svc_now_ms();
			w.rc.stop = NULL;
			refresh_held(&w);
			w.rc.stop = &signals_seen;
		}
		nanosleep(&ts, NULL);
	}
	w.rc.give_up_ms = 2000;
	w.rc.stop = NULL;
	freeReplyObject(rconn_cmd(&w.rc, "DEL " SVC_WORKER_PREFIX "%s", w.cfg.worker));
	rconn_close(&w.rc);
	fprintf(stderr, "judge worker %s: stopped\n", w.cfg.worker);
	return 0;
}
