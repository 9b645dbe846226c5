"""make bench, the Redis service's part: what staying resident buys.

  per-run overhead  the wall time (and CPU time) one run of a trivial C program
                    (scripts/bench/true.c, built by the c policy) costs over a
                    native fork+exec+wait of it (the same binary, stdio on
                    /dev/null):
                      one-shot  `judge run --json -- PROGRAM`, a new judge
                                process per run
                      worker    one more test in a job: a job of N empty tests
                                and a job of 1 test are judged by one worker
                                (compile and problem cached); the difference
                                of their started_ms..finished_ms spans over
                                N - 1 is the cost of a test alone (run, the
                                checker, its progress event on judge:events),
                                with no per-job cost (taking the job, the
                                source, the result) in it
                    Every repetition measures native, one-shot and the two
                    jobs back to back, in a rotating order; the figures are
                    medians over repetitions of the per-repetition
                    differences, with their smallest and largest.
  throughput        JOBS one-test jobs queued, then 1 worker of one slot, or 2
                    workers of one slot each, drain them: jobs per second from
                    the first start to the last result; 1 and 2 alternate.

Redis is spoken to directly (RESP over its unix socket): no client library.
usage: python3 bench-worker.py JUDGE [QUICK]
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

JUDGE = os.path.realpath(sys.argv[1])
QUICK = len(sys.argv) > 2 and sys.argv[2] != ""
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTS = 50 if QUICK else 200
JOBS = 30 if QUICK else 100
REPS = 3 if QUICK else 11
TP_REPS = 1 if QUICK else 3
ONESHOT = 20 if QUICK else 60

SPAWN_C = r"""
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
/*
 * spawn N ARGV...: N times fork, exec ARGV with stdio on /dev/null, wait4.
 * Prints the mean wall ms per run and the mean CPU ms per run (the child's
 * user + system time, its own reaped children included).
 */
int main(int argc, char **argv)
{
	int n = atoi(argv[1]);
	struct timespec a, b;
	double cpu = 0;

	(void)argc;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < n; i++) {
		struct rusage ru;
		pid_t p = fork();

		if (p == 0) {
			int fd = open("/dev/null", O_RDWR);
			dup2(fd, 0); dup2(fd, 1); dup2(fd, 2);
			execv(argv[2], argv + 2);
			_exit(127);
		}
		wait4(p, NULL, 0, &ru);
		cpu += ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 +
		       ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.4f %.4f\n", ((b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6) / n, cpu / n);
	return 0;
}
"""


class Redis:
    """The few commands this needs, in RESP over a unix socket."""

    def __init__(self, path):
        self.path = path
        self.sock = None

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.path)
        self.f = self.sock.makefile("rb")

    def __call__(self, *args):
        out = b"*%d\r\n" % len(args)
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out += b"$%d\r\n%s\r\n" % (len(a), a)
        self.sock.sendall(out)
        return self.reply()

    def reply(self):
        line = self.f.readline()
        if not line:
            raise ConnectionError("redis closed the connection")
        kind, rest = line[:1], line[1:-2]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            raise RuntimeError("redis: " + rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            data = self.f.read(n + 2)[:-2]
            return data.decode()
        if kind == b"*":
            n = int(rest)
            return None if n < 0 else [self.reply() for _ in range(n)]
        raise RuntimeError("redis: cannot read %r" % line)


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def spread(xs, fmt="%+.3f"):
    """median [smallest, largest]"""
    return (fmt + " [" + fmt + ", " + fmt + "]") % (median(xs), min(xs), max(xs))


def slot_cpu_ms(pid):
    """user + system CPU of a process and its reaped children, in ms (clock ticks)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = sum(int(fields[i]) for i in (11, 12, 13, 14))
    return ticks * 1000.0 / os.sysconf("SC_CLK_TCK")


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
    r = Redis(sock)
    for _ in range(100):
        try:
            r.connect()
            r("PING")
            break
        except (OSError, ConnectionError, RuntimeError):
            time.sleep(0.1)
    else:
        sys.exit("bench-worker: redis-server did not start (see %s/redis.log)" % d)
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
                             [submission] * n + [problem], capture_output=True, text=True, env=env)
        return out.stdout.split("\n")

    def job(problem):
        """One job judged now: (its wall ms in the worker, its slot's CPU ms)."""
        slot = job.slot
        before = slot_cpu_ms(slot) if slot else 0
        res = json.loads(submit(problem, wait=True)[0])
        if res.get("verdict") != "AC":
            sys.exit("bench-worker: the job did not pass: %s" % json.dumps(res)[:500])
        job.slot = int(res["consumer"].rsplit("/", 1)[1])
        cpu = slot_cpu_ms(job.slot) - before if slot == job.slot else float("nan")
        return res["finished_ms"] - res["started_ms"], cpu
    job.slot = 0

    def stop(ps):
        for p in ps:
            p.terminate()
        for p in ps:
            p.wait()

    def spawn(n, *argv):
        out = subprocess.run([d + "/spawn", str(n)] + list(argv), capture_output=True,
                             text=True, check=True, env=env).stdout.split()
        return float(out[0]), float(out[1])

    # --- per-run overhead ---
    load_before = open("/proc/loadavg").read().split()[:3]
    w = worker("bench")
    job(pid["many"])                        # compiles, fills the caches
    job(pid["one"])
    spawn(20, d + "/true")
    spawn(5, JUDGE, "run", "--json", "--", d + "/true")
    rows = {k: [] for k in ("native", "native_cpu", "oneshot", "oneshot_cpu", "job_n", "job_1",
                            "worker", "worker_cpu", "over_oneshot", "over_worker",
                            "over_oneshot_cpu", "over_worker_cpu")}
    steps = ["native", "oneshot", "many", "one"]
    for rep in range(REPS):
        got = {}
        for step in steps[rep % 4:] + steps[:rep % 4]:
            if step == "native":
                got["native"] = spawn(TESTS, d + "/true")
            elif step == "oneshot":
                got["oneshot"] = spawn(ONESHOT, JUDGE, "run", "--json", "--", d + "/true")
            elif step == "many":
                got["many"] = job(pid["many"])
            else:
                got["one"] = job(pid["one"])
        native, native_cpu = got["native"]
        oneshot, oneshot_cpu = got["oneshot"]
        per_test = (got["many"][0] - got["one"][0]) / (TESTS - 1)
        per_test_cpu = (got["many"][1] - got["one"][1]) / (TESTS - 1)
        for k, v in (("native", native), ("native_cpu", native_cpu), ("oneshot", oneshot),
                     ("oneshot_cpu", oneshot_cpu), ("job_n", got["many"][0]), ("job_1", got["one"][0]),
                     ("worker", per_test), ("worker_cpu", per_test_cpu),
                     ("over_oneshot", oneshot - native), ("over_worker", per_test - native),
                     ("over_oneshot_cpu", oneshot_cpu - native_cpu),
                     ("over_worker_cpu", per_test_cpu - native_cpu)):
            rows[k].append(v)
    stop([w])

    # --- throughput ---
    rate = {1: [], 2: []}
    for rep in range(TP_REPS):
        for n_workers in ((1, 2) if rep % 2 == 0 else (2, 1)):
            r("DEL", "judge:results")
            ids = [i for i in submit(pid["one"], JOBS) if i]
            ws = [worker("tp%d-%d" % (rep, k)) for k in range(n_workers)]
            end = time.time() + 600
            while time.time() < end and r("XLEN", "judge:results") < len(ids):
                time.sleep(0.05)
            stop(ws)
            res = [json.loads(r("GET", "judge:result:" + i)) for i in ids]
            span = (max(x["finished_ms"] for x in res) - min(x["started_ms"] for x in res)) / 1000
            rate[n_workers].append(len(res) / span if span > 0 else float("nan"))

    load = open("/proc/loadavg").read().split()[:3]
    version = [l for l in r("INFO", "server").split("\r\n") if l.startswith("redis_version:")]
    print()
    print("judge worker (Redis %s, %d CPUs; load average %s before, %s after; %d repetitions):" % (
        version[0].split(":")[1] if version else "?", os.cpu_count(), " ".join(load_before),
        " ".join(load), REPS))
    print()
    print("| per run of a trivial C program | wall ms | over native | CPU ms | over native |")
    print("|---|---:|---:|---:|---:|")
    print("| native fork+exec+wait | %.3f | | %.3f | |" % (median(rows["native"]), median(rows["native_cpu"])))
    print("| one-shot `judge run --json` | %.3f | %s | %.3f | %s |" % (
        median(rows["oneshot"]), spread(rows["over_oneshot"]), median(rows["oneshot_cpu"]),
        spread(rows["over_oneshot_cpu"])))
    print("| one more test of a job in a worker (run, check, event) | %.3f | %s | %.3f | %s |" % (
        median(rows["worker"]), spread(rows["over_worker"]), median(rows["worker_cpu"]),
        spread(rows["over_worker_cpu"])))
    print()
    print("(a job of %d tests took %s ms in the worker, a job of 1 test %s ms; medians [smallest, largest])" % (
        TESTS, spread(rows["job_n"], "%.0f"), spread(rows["job_1"], "%.0f")))
    print()
    print("| trivial one-test jobs, compile cached | jobs/s |")
    print("|---|---:|")
    print("| 1 worker, 1 slot | %s |" % spread(rate[1], "%.1f"))
    print("| 2 workers, 1 slot each | %s |" % spread(rate[2], "%.1f"))
    print()
    over = median(rows["over_worker"])
    busy = max(float(load_before[0]), float(load[0])) > os.cpu_count()
    print("per-run overhead in a worker: %+.3f ms over native, against %+.3f ms for one-shot judge run "
          "(goal <= 0.5 ms): %s" % (over, median(rows["over_oneshot"]),
                                    "not to be told at this load" if busy else
                                    "met" if over <= 0.5 else "NOT met"))
    if busy:
        print("(load average above %d CPUs: the wall figures are mostly waiting for a CPU, and a "
              "run in a worker can even come out faster than a native one; the CPU columns hold "
              "up better)" % os.cpu_count())
    if QUICK:
        print("(BENCH_QUICK: too few repetitions to mean anything)")


if __name__ == "__main__":
    main()
