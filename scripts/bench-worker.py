"""make bench, the Redis service's part: what staying resident buys.

  per-run overhead  a job of 200 tests of a trivial C program (built by the c policy), judged by a
                    worker (compile cached): (finished - started) / 200, less a
                    native fork+exec+wait of the same program; against one-shot
                    `judge run --json -- PROGRAM` less the same native run
  throughput        100 one-test jobs of that program queued, then 1 worker of one
                    slot, and 2 workers of one slot each: jobs per second from the
                    first start to the last result

usage: python3 bench-worker.py JUDGE [QUICK]
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import redis

JUDGE = os.path.realpath(sys.argv[1])
QUICK = len(sys.argv) > 2 and sys.argv[2] != ""
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTS = 50 if QUICK else 200
JOBS = 20 if QUICK else 100

SPAWN_C = r"""
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
/* spawn N ARGV...: N times fork, exec ARGV with stdio on /dev/null, wait; mean ms per run */
int main(int argc, char **argv)
{
	int n = atoi(argv[1]);
	struct timespec a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < n; i++) {
		pid_t p = fork();
		if (p == 0) {
			int fd = open("/dev/null", O_RDWR);
			dup2(fd, 0); dup2(fd, 1); dup2(fd, 2);
			execv(argv[2], argv + 2);
			_exit(127);
		}
		waitpid(p, NULL, 0);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.4f\n", ((b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6) / n);
	return 0;
}
"""


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


def main():
    d = tempfile.mkdtemp(prefix="judge-bench-worker.")
    os.chmod(d, 0o711)
    procs = []
    try:
        run(d, procs)
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        shutil.rmtree(d, ignore_errors=True)


def run(d, procs):
    sock = os.path.join(d, "redis.sock")
    url = "unix://" + sock
    tmp = os.path.join(d, "tmp")
    os.mkdir(tmp)
    os.chmod(tmp, 0o711)
    env = dict(os.environ, TMPDIR=tmp)
    with open(os.path.join(d, "spawn.c"), "w") as f:
        f.write(SPAWN_C)
    subprocess.run(["gcc", "-O2", "-o", d + "/spawn", d + "/spawn.c"], check=True)
    # the program, built as the c policy builds a submission: what the worker runs
    src = os.path.join(ROOT, "scripts", "bench", "true.c")
    subprocess.run([JUDGE, "compile", src, "-o", d + "/true"], check=True, env=env,
                   stdout=subprocess.DEVNULL)

    # a problem of TESTS empty tests, and one of a single test
    for name, n in (("many", TESTS), ("one", 1)):
        os.mkdir(os.path.join(d, name))
        for i in range(n):
            open(os.path.join(d, name, "%d.in" % i), "w").close()
            open(os.path.join(d, name, "%d.ans" % i), "w").close()
    submission = os.path.join(d, "true.c")
    shutil.copy(src, submission)

    redis_log = open(os.path.join(d, "redis.log"), "w")
    procs.append(subprocess.Popen(["redis-server", "--port", "0", "--unixsocket", sock, "--dir", d,
                                   "--save", "", "--appendonly", "no"], stdout=redis_log, stderr=redis_log))
    r = redis.Redis(unix_socket_path=sock)
    for _ in range(100):
        try:
            r.ping()
            break
        except redis.exceptions.RedisError:
            time.sleep(0.1)
    pid = {}
    for name in ("many", "one"):
        pid[name] = subprocess.run([JUDGE, "problem", "push", "--redis", url, os.path.join(d, name)],
                                   capture_output=True, text=True, check=True).stdout.strip()

    def worker(name):
        p = subprocess.Popen([JUDGE, "worker", "--redis", url, "--slots", "1", "--name", name,
                              "--cache", os.path.join(d, "cache")], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(p)
        return p

    def submit(problem, n=1, wait=False):
        out = subprocess.run([JUDGE, "submit", "--redis", url] + (["--wait", "--json"] if wait else []) +
                             [submission] * n + [problem], capture_output=True, text=True)
        return out.stdout.split("\n")

    def stop(ps):
        for p in ps:
            p.terminate()
        for p in ps:
            p.wait()

    # --- per-run overhead ---
    w = worker("bench")
    submit(pid["many"], wait=True)          # compiles, fills the caches
    per_test = []
    for _ in range(2 if QUICK else 5):
        res = json.loads(submit(pid["many"], wait=True)[0])
        if res.get("verdict") != "AC":
            print("bench-worker: the job did not pass: %s" % res.get("message"), file=sys.stderr)
            sys.exit(1)
        per_test.append((res["finished_ms"] - res["started_ms"]) / TESTS)
    stop([w])
    spawn = lambda *argv: float(subprocess.run([d + "/spawn"] + list(argv), capture_output=True,
                                               text=True, check=True, env=env).stdout)
    reps = 50 if QUICK else 300
    native = median([spawn(str(reps), d + "/true") for _ in range(3)])
    oneshot = median([spawn(str(reps // 3), JUDGE, "run", "--json", "--", d + "/true") for _ in range(3)])
    in_worker = median(per_test)

    # --- throughput ---
    rate = {}
    for n_workers in (1, 2):
        r.delete("judge:results")
        ids = [i for i in submit(pid["one"], JOBS) if i]
        ws = [worker("tp%d" % k) for k in range(n_workers)]
        end = time.time() + 600
        while time.time() < end and r.xlen("judge:results") < len(ids):
            time.sleep(0.05)
        stop(ws)
        res = [json.loads(r.get("judge:result:" + i)) for i in ids]
        span = (max(x["finished_ms"] for x in res) - min(x["started_ms"] for x in res)) / 1000
        rate[n_workers] = len(res) / span if span > 0 else float("nan")

    load = open("/proc/loadavg").read().split()[:3]
    print()
    print("judge worker (Redis %s, %d CPUs, load %s):" % (
        r.info()["redis_version"], os.cpu_count(), " ".join(load)))
    print()
    print("| per run of a trivial C program | ms | over native |")
    print("|---|---:|---:|")
    print("| native fork+exec+wait | %.3f | |" % native)
    print("| one-shot `judge run --json` | %.3f | %+.3f |" % (oneshot, oneshot - native))
    print("| one test of a %d-test job in a worker (run, check, event) | %.3f | %+.3f |" % (
        TESTS, in_worker, in_worker - native))
    print()
    print("| trivial one-test jobs, compile cached | jobs/s |")
    print("|---|---:|")
    print("| 1 worker, 1 slot | %.1f |" % rate[1])
    print("| 2 workers, 1 slot each | %.1f |" % rate[2])
    print()
    print("per-run overhead in a worker: %+.3f ms over native, against %+.3f ms for one-shot judge run "
          "(goal <= 0.5 ms): %s" % (in_worker - native, oneshot - native,
                                    "met" if in_worker - native <= 0.5 else "NOT met"))
    if float(load[0]) > os.cpu_count():
        print("(load average %s on %d CPUs: every figure above is mostly waiting for a CPU; "
              "compare them only with each other)" % (load[0], os.cpu_count()))
    if QUICK:
        print("(BENCH_QUICK: too few repetitions to mean anything)")


if __name__ == "__main__":
    main()
