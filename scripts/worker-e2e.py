"""judge worker end to end, against a real redis-server (called by scripts/worker.sh).

A redis-server on a unix socket in a temporary directory (append-only file,
fsync on every write), two workers of one slot each, and 300 jobs: the bundled
problems' submissions in C, C++ and Python with every verdict (a plain folder,
a Kattis package with a float validator, a testlib checker, an interactive
problem), and five bad jobs.  During the run one worker is killed with SIGKILL
while it holds a job, and Redis is killed and restarted.  Then:

  - every job id has exactly one entry in judge:results and its result key;
  - each judged job has the verdict `judge test` gives the same source with
    the same options; each bad job is rejected naming the field at fault;
  - the job the killed worker held was taken over (attempt >= 2);
  - nothing is left pending; the Python client of docs/worker.md works;
  - SIGTERM lets a held job finish (its result is published), a second
    SIGTERM aborts it as IE saying so; the workers exit 0, and no process,
    temporary file or cgroup of theirs is left.

Then, against a second redis-server on a TCP port of 127.0.0.1 that requires
a password and has an ACL user: `judge problem push`, `judge submit --wait`
and a worker reach it through redis://user:pass@127.0.0.1:PORT/DB (the jobs
land in that database, with one progress event per test in order); a wrong
password is refused with a message; and the retention options hold: every
result key has a TTL of at most --result-ttl, and the results stream is
trimmed to about --results-maxlen entries.

usage: python3 worker-e2e.py JUDGE [net]    (net: only the second part)
"""
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import redis

JUDGE = os.path.realpath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OPTS = ["-t", "500", "--fail-fast"]
TOTAL = 300
BAD = 7

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL worker: " + msg, flush=True)


LIVE = {}    # name -> Popen of the workers that must stay up


def wait_for(pred, timeout, what):
    end = time.time() + timeout
    while time.time() < end:
        if pred():
            return True
        dead = [n for n, p in LIVE.items() if p.poll() is not None]
        if dead:
            fail("worker %s died (status %s) while waiting for %s" % (dead, LIVE[dead[0]].returncode, what))
            return False
        time.sleep(0.2)
    fail("timed out waiting for " + what)
    return False


class Env:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="judge-worker-e2e.")
        os.chmod(self.dir, 0o711)
        self.sock = os.path.join(self.dir, "redis.sock")
        self.url = "unix://" + self.sock
        self.tmp = os.path.join(self.dir, "tmp")
        os.mkdir(self.tmp)
        os.chmod(self.tmp, 0o711)
        self.cache = os.path.join(self.dir, "cache")
        self.redis = None
        self.workers = {}
        self.logs = []

    def start_redis(self):
        log = open(os.path.join(self.dir, "redis.log"), "a")
        self.redis = subprocess.Popen(
            ["redis-server", "--port", "0", "--unixsocket", self.sock, "--unixsocketperm", "700",
             "--dir", self.dir, "--appendonly", "yes", "--appendfsync", "always", "--save", ""],
            stdout=log, stderr=log)
        r = redis.Redis(unix_socket_path=self.sock)
        wait_for(lambda: self.ping(r), 20, "redis-server to answer")
        return r

    @staticmethod
    def ping(r):
        try:
            return r.ping()
        except redis.exceptions.RedisError:
            return False

    def start_worker(self, name):
        log = open(os.path.join(self.dir, name + ".log"), "w")
        env = dict(os.environ, TMPDIR=self.tmp)
        p = subprocess.Popen([JUDGE, "worker", "--redis", self.url, "--slots", "1", "--name", name,
                              "--cache", self.cache, "--claim-idle", "3000", "--attempts", "3",
                              "--max-source", "64K"], stdout=log, stderr=log, env=env)
        self.workers[name] = p
        LIVE[name] = p
        return p

    def cleanup(self):
        for p in list(self.workers.values()) + ([self.redis] if self.redis else []):
            if p.poll() is None:
                p.kill()
                p.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def submissions():
    """(problem dir, source) pairs: every submission of aplusb (C, C++, Python, every
    verdict, and its multi-file folders of those languages), and one per verdict folder of the other three, languages taken in turn."""
    pairs = []
    turn = 0
    for prob in ["aplusb", "circle", "split", "guess"]:
        d = os.path.join(ROOT, "testcases", "problems", prob)
        for folder in sorted(glob.glob(d + "/submissions/*")):
            # a folder is one multi-file submission: one job carrying all its files
            srcs = [s for s in sorted(glob.glob(folder + "/*"))
                    if os.path.splitext(s)[1] in (".c", ".cpp", ".py")
                    or os.path.basename(s) in ("multi_c", "cpp_files", "py_modules", "py_bad_module")]
            if prob != "aplusb" and srcs:
                srcs = [srcs[turn % len(srcs)]]
                turn += 1
            pairs += [(d, s) for s in srcs]
    return pairs


def reference(pairs, tmp):
    """The verdict `judge test` gives each pair, two at a time."""
    env = dict(os.environ, TMPDIR=tmp)
    out = {}
    running = []
    todo = list(pairs)
    while todo or running:
        while todo and len(running) < 2:
            d, src = todo.pop(0)
            p = subprocess.Popen([JUDGE, "test", "--json"] + OPTS + [src, d], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, env=env)
            running.append(((d, src), p))
        for item in list(running):
            key, p = item
            if p.poll() is not None:
                text = p.stdout.read()
                try:
                    out[key] = json.loads(text)["verdict"]
                except (ValueError, KeyError):
                    fail("judge test gave no verdict for %s" % key[1])
                running.remove(item)
        time.sleep(0.05)
    return out


def consumers_of(r, prefix):
    try:
        return [c for c in r.xinfo_consumers("judge:jobs", "judge-workers")
                if c["name"].decode().startswith(prefix + "/")]
    except redis.exceptions.ResponseError:    # NOGROUP: no worker has started yet
        return []


def free_port():
    import socket
    with socket.socket() as so:
        so.bind(("127.0.0.1", 0))
        return so.getsockname()[1]


def run_net(e):
    """TCP, a password, an ACL user, a database number; result retention."""
    port = free_port()
    log = open(os.path.join(e.dir, "redis-tcp.log"), "a")
    # stream nodes of one entry: XADD MAXLEN ~ then trims to the entry, as on a big stream
    srv = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--unixsocket", "",
         "--dir", e.dir, "--save", "", "--appendonly", "no", "--requirepass", "defaultpw",
         "--user", "judge", "on", ">s3cret", "~*", "&*", "+@all", "--stream-node-max-entries", "1"],
        stdout=log, stderr=log)
    e.workers["redis-tcp"] = srv
    r = redis.Redis(host="127.0.0.1", port=port, username="judge", password="s3cret", db=3)
    if not wait_for(lambda: Env.ping(r), 20, "the TCP redis-server to answer"):
        return
    url = "redis://judge:s3cret@127.0.0.1:%d/3" % port
    aplusb = os.path.join(ROOT, "testcases", "problems", "aplusb")
    sol = os.path.join(aplusb, "submissions", "accepted", "sum.c")

    bad = subprocess.run([JUDGE, "problem", "push", "--redis",
                          "redis://judge:wrong@127.0.0.1:%d/3" % port, aplusb],
                         capture_output=True, text=True)
    if bad.returncode != 2 or "WRONGPASS" not in bad.stderr and "invalid" not in bad.stderr:
        fail("a wrong password: status %d, %s" % (bad.returncode, bad.stderr.strip()))

    out = subprocess.run([JUDGE, "problem", "push", "--redis", url, aplusb], capture_output=True, text=True)
    if out.returncode != 0:
        fail("problem push over TCP with a user and password: %s" % out.stderr.strip())
        return
    pid = out.stdout.strip()
    log_w = open(os.path.join(e.dir, "wnet.log"), "w")
    w = subprocess.Popen([JUDGE, "worker", "--redis", url, "--slots", "1", "--name", "wnet",
                          "--cache", e.cache, "--result-ttl", "600", "--results-maxlen", "3"],
                         stdout=log_w, stderr=log_w, env=dict(os.environ, TMPDIR=e.tmp))
    e.workers["wnet"] = w
    LIVE["wnet"] = w
    try:
        out = subprocess.run([JUDGE, "submit", "--redis", url, "--wait", "--json", sol, pid],
                             capture_output=True, text=True, timeout=180)
        if out.returncode != 0 or json.loads(out.stdout or "{}").get("verdict") != "AC":
            fail("submit --wait over TCP: status %d: %s %s" % (out.returncode, out.stdout[-300:],
                                                             out.stderr[-300:]))
        # events are posted without waiting for their replies: every test's is there, in order
        res = json.loads(out.stdout or "{}")
        mine = [json.loads(f[b"event"]) for _, f in r.xrange("judge:events")]
        mine = [x for x in mine if x.get("job") == res.get("id")]
        keys = ["job", "worker", "type", "index", "total", "name", "verdict", "cpu_ms", "memory_kb"]
        tests = res.get("tests", [])
        if ([x.get("index") for x in mine] != list(range(res.get("total", -1))) or
                [(x.get("name"), x.get("verdict")) for x in mine] !=
                [(t.get("name"), t.get("verdict")) for t in tests] or
                any(list(x) != keys or x["total"] != len(tests) or x["worker"] != "wnet" or
                    x["type"] != "test" for x in mine)):
            fail("the events of job %s are not one per test in order: %s" % (res.get("id"), mine[:5]))
        out = subprocess.run([JUDGE, "submit", "--redis", url] + [sol] * 7 + [pid],
                             capture_output=True, text=True)
        ids = out.stdout.split()
        if out.returncode != 0 or len(ids) != 7:
            fail("submit of 7 jobs over TCP: %s" % out.stderr.strip())
            return
        wait_for(lambda: all(r.exists("judge:result:" + i) for i in ids), 180,
                 "7 results in database 3")
    finally:
        del LIVE["wnet"]
        w.send_signal(signal.SIGTERM)
        w.wait(timeout=60)
    ttls = [r.ttl("judge:result:" + i) for i in ids]
    if any(t is None or t <= 0 or t > 600 for t in ttls):
        fail("result keys' TTLs are not within (0, 600] s: %s" % ttls)
    n = r.xlen("judge:results")
    if not 3 <= n < 8:
        fail("judge:results holds %d entries after 8 results with --results-maxlen 3" % n)
    r0 = redis.Redis(host="127.0.0.1", port=port, username="judge", password="s3cret", db=0)
    if r0.exists("judge:jobs") or r0.exists("judge:results"):
        fail("the jobs or results went to database 0, not the URL's 3")
    print("worker: over TCP with an ACL user: 8 results in db 3, TTLs %d..%d s, stream length %d"
          % (min(ttls), max(ttls), n), flush=True)
    srv.terminate()
    srv.wait()


def main():
    e = Env()
    try:
        if sys.argv[2:] != ["net"]:
            run(e)
        run_net(e)
    finally:
        e.cleanup()
    if failures:
        print("worker: %d failure(s)" % len(failures))
        sys.exit(1)
    print("worker: PASS")


def run(e):
    pairs = submissions()
    t0 = time.time()
    print("worker: %d (problem, source) pairs; judge test gives the reference verdicts" % len(pairs),
          flush=True)
    expect = reference(pairs, e.tmp)
    print("worker: %d reference verdicts from judge test in %.0f s (%s)" % (
        len(expect), time.time() - t0, " ".join(sorted(set(expect.values())))), flush=True)

    r = e.start_redis()
    problem_id = {}
    for d in sorted({d for d, _ in pairs}):
        out = subprocess.run([JUDGE, "problem", "push", "--redis", e.url, d], capture_output=True,
                             text=True)
        if out.returncode != 0:
            fail("problem push %s: %s" % (d, out.stderr.strip()))
            return
        problem_id[d] = out.stdout.strip()

    # jobs: round robin over the pairs, one submit per problem keeping the order
    want = {}
    n_good = TOTAL - BAD
    by_problem = {}
    for k in range(n_good):
        d, src = pairs[k % len(pairs)]
        by_problem.setdefault(d, []).append(src)
    for d, srcs in by_problem.items():
        out = subprocess.run([JUDGE, "submit", "--redis", e.url] + OPTS + srcs + [problem_id[d]],
                             capture_output=True, text=True)
        ids = out.stdout.split()
        if out.returncode != 0 or len(ids) != len(srcs):
            fail("submit to %s: status %d, %d ids for %d sources: %s" % (
                d, out.returncode, len(ids), len(srcs), out.stderr.strip()))
            return
        for i, src in zip(ids, srcs):
            want[i] = ("verdict", expect.get((d, src)), src)

    some = problem_id[pairs[0][0]]
    src = {"name": "a.c", "content": "int main(void) { return 0; }"}
    bad = [
        ('{"id": "bad-json", "problem": ', "job"),
        (json.dumps({"id": "bad-problem", "problem": "f" * 64, "sources": [src]}), "problem"),
        (json.dumps({"id": "bad-language", "problem": some, "language": "no-such-language", "sources": [src]}),
         "language"),
        (json.dumps({"id": "bad-size", "problem": some,
                     "sources": [{"name": "a.c", "content": "x" * 70000}]}), "sources[0].content"),
        (json.dumps({"id": "bad-missing", "problem": some}), "sources"),
        (json.dumps({"id": "bad-entry", "problem": some, "sources": [src], "entry": "b.c"}), "entry"),
        (json.dumps({"id": "bad-name", "problem": some,
                     "sources": [{"name": "../a.c", "content": "int main(void) { return 0; }"}]}),
         "sources[0].name"),
    ]
    for text, field in bad:
        entry = r.xadd("judge:jobs", {"job": text}).decode()
        jid = json.loads(text)["id"] if text.endswith("}") else entry
        want[jid] = ("field", field, text[:40])

    wa = e.start_worker("wA")
    e.start_worker("wB")
    results = lambda: r.xlen("judge:results") if Env.ping(r) else 0

    # SIGKILL worker A while it holds a job
    held = []

    def a_holds():
        held.clear()
        for c in consumers_of(r, "wA"):
            if c["pending"] > 0:
                held.extend(x["message_id"].decode() for x in
                            r.xpending_range("judge:jobs", "judge-workers", "-", "+", 10, c["name"]))
                return results() >= 40 and bool(held)
        return False

    if not wait_for(a_holds, 240, "worker A to hold a job after 40 results"):
        return
    killed_slots = [c["name"].decode() for c in consumers_of(r, "wA")]
    del LIVE["wA"]
    wa.send_signal(signal.SIGKILL)
    wa.wait()
    print("worker: killed worker A holding %s after %d results" % (held, results()), flush=True)
    e.start_worker("wA2")

    # kill Redis outright, and bring it back on its append-only file
    wait_for(lambda: results() >= 150, 300, "150 results")
    e.redis.send_signal(signal.SIGKILL)
    e.redis.wait()
    print("worker: Redis killed after about 150 results; restarting", flush=True)
    time.sleep(1)
    r = e.start_redis()

    t1 = time.time()
    wait_for(lambda: results() >= TOTAL, 420, "%d results (have %d)" % (TOTAL, results()))
    print("worker: all results in %.0f s after the restart" % (time.time() - t1), flush=True)
    time.sleep(1)

    # exactly one result per job id, in the stream and under the key
    seen = {}
    for _, fields in r.xrange("judge:results", "-", "+"):
        jid = fields[b"id"].decode()
        seen[jid] = seen.get(jid, 0) + 1
    twice = [j for j, n in seen.items() if n > 1]
    if twice:
        fail("%d job(s) with more than one result: %s" % (len(twice), twice[:5]))
    if set(seen) != set(want):
        fail("results for %d jobs, %d submitted; missing %s, unknown %s" % (
            len(seen), len(want), sorted(set(want) - set(seen))[:5], sorted(set(seen) - set(want))[:5]))
    wrong = 0
    for jid, (kind, value, what) in want.items():
        raw = r.get("judge:result:" + jid)
        if raw is None:
            fail("no result key for %s (%s)" % (jid, what))
            continue
        res = json.loads(raw)
        if kind == "verdict" and res.get("verdict") != value:
            wrong += 1
            fail("%s (%s): verdict %s, judge test gives %s: %s" % (
                jid, what, res.get("verdict"), value, res.get("message", "")))
        if kind == "field" and (res.get("status") != "rejected" or
                                res.get("error", {}).get("field") != value):
            fail("bad job %s: expected rejected naming %s, got %s" % (what, value, raw[:300]))
    taken = [json.loads(r.get("judge:result:" + j) or "{}") for j in seen
             if json.loads(r.get("judge:result:" + j) or "{}").get("entry") in held]
    if not taken or any(t.get("attempt", 0) < 2 for t in taken):
        fail("the job worker A held was not taken over: %s" % [(t.get("id"), t.get("attempt")) for t in taken])
    pending = r.xpending("judge:jobs", "judge-workers")["pending"]
    if pending:
        fail("%d job(s) still pending" % pending)
    print("worker: %d results, %d with a wrong verdict, %d pending" % (len(seen), wrong, pending),
          flush=True)

    # the Python client of docs/worker.md
    client = os.path.join(ROOT, "docs", "worker_client.py")
    out = subprocess.run(["/usr/bin/python3", client, e.sock, problem_id[pairs[0][0]],
                          os.path.join(ROOT, "testcases/problems/aplusb/submissions/accepted/sum.c")],
                         capture_output=True, text=True, timeout=120)
    if out.returncode != 0 or '"verdict": "AC"' not in out.stdout:
        fail("docs/worker_client.py: status %d: %s %s" % (out.returncode, out.stdout[-300:], out.stderr[-300:]))

    st = subprocess.run([JUDGE, "status", "--redis", e.url], capture_output=True, text=True)
    if st.returncode != 0 or "wB" not in st.stdout or "queue: 0 waiting, 0 being judged" not in st.stdout:
        fail("judge status: %s %s" % (st.stdout, st.stderr))

    slot_pids = set()

    def note_slots():
        for c in r.xinfo_consumers("judge:jobs", "judge-workers"):
            slot_pids.add(int(c["name"].decode().rsplit("/", 1)[1]))

    note_slots()
    slot_pids.update(int(n.rsplit("/", 1)[1]) for n in killed_slots)
    spin = os.path.join(ROOT, "testcases/problems/aplusb/submissions/time_limit_exceeded/spin.c")

    def submit_held(limit):
        """A job that spins until its CPU limit, once a worker holds it."""
        out = subprocess.run([JUDGE, "submit", "--redis", e.url, "-t", limit, "--fail-fast", spin,
                              problem_id[pairs[0][0]]], capture_output=True, text=True)
        jid = out.stdout.strip()
        wait_for(lambda: r.xpending("judge:jobs", "judge-workers")["pending"] == 1, 60,
                 "a worker to take job %s" % jid)
        time.sleep(0.5)
        note_slots()
        return jid

    # SIGTERM while a job is held: it is finished and published, then the workers exit 0
    first = submit_held("1500")
    LIVE.clear()
    for name, p in e.workers.items():
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for name, p in e.workers.items():
        try:
            rc = p.wait(timeout=60)
        except subprocess.TimeoutExpired:
            fail("worker %s did not stop within 60 s of SIGTERM" % name)
            continue
        if name != "wA" and rc != 0:
            fail("worker %s exited with status %d after SIGTERM" % (name, rc))
    res = json.loads(r.get("judge:result:" + first) or "{}")
    if res.get("status") != "judged" or res.get("verdict") != "TLE":
        fail("the job held at SIGTERM was not finished: %s" % json.dumps(res)[:300])

    # a second SIGTERM aborts the job held: IE saying so, and the worker still exits 0
    wc = e.start_worker("wC")
    second = submit_held("20000")
    del LIVE["wC"]
    wc.send_signal(signal.SIGTERM)
    time.sleep(1)
    wc.send_signal(signal.SIGTERM)
    try:
        if wc.wait(timeout=60) != 0:
            fail("worker wC exited with status %d after two SIGTERMs" % wc.returncode)
    except subprocess.TimeoutExpired:
        fail("worker wC did not stop within 60 s of a second SIGTERM")
    res = json.loads(r.get("judge:result:" + second) or "{}")
    if res.get("status") != "abandoned" or res.get("verdict") != "IE" or \
            "second signal" not in res.get("message", ""):
        fail("the job held at the second SIGTERM did not end as IE: %s" % json.dumps(res)[:300])

    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-f", e.dir], capture_output=True, text=True).stdout.split()
    left = [p for p in left if int(p) != e.redis.pid]
    if left:
        fail("processes left: %s" % left)
    # the workspace pool's slots stay for the next judge, empty (judge/judging/dirpool.h)
    tmp_left = [n for n in os.listdir(e.tmp)
                if not n.startswith("judge-ws-") or os.listdir(os.path.join(e.tmp, n))]
    if tmp_left:
        fail("temporary files left in TMPDIR: %s" % tmp_left[:5])
    cg = []
    for pid in slot_pids:
        cg += glob.glob("/sys/fs/cgroup/**/judge-%d-*" % pid, recursive=True)
    if cg:
        fail("cgroups left: %s" % cg[:5])
    if r.keys("judge:worker:*"):
        fail("heartbeats left after a clean stop: %s" % r.keys("judge:worker:*"))


if __name__ == "__main__":
    main()
