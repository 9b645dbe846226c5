#!/usr/bin/python3
"""A backend's side of judge worker, with redis-py (Debian: python3-redis).

Submits one source to a problem pushed with `judge problem push`, follows the
per-test events, and prints the job's final result as JSON.

usage: worker_client.py REDIS_SOCKET_OR_URL PROBLEM_ID SOURCE [LANGUAGE]
"""
import json
import os
import sys
import time
import uuid

import redis


def connect(where):
    if where.startswith("redis://"):
        return redis.Redis.from_url(where)
    return redis.Redis(unix_socket_path=where.removeprefix("unix://"))


def submit(r, problem_id, path, language=None):
    job = {
        "id": "py-" + uuid.uuid4().hex,        # any 1-64 of A-Z a-z 0-9 . _ : -
        "problem": problem_id,
        "sources": [{"name": os.path.basename(path), "content": open(path).read()}],
        "limits": {"time_ms": 1000},           # optional; the problem's own otherwise
        "submitted_ms": int(time.time() * 1000),
    }
    if language:
        job["language"] = language             # a policy name; else from the extension
    r.xadd("judge:jobs", {"job": json.dumps(job)})
    return job["id"]


def wait(r, job_id, timeout=60):
    """Follows judge:events for this job until its result key appears."""
    last = "$"
    end = time.time() + timeout
    while time.time() < end:
        raw = r.get("judge:result:" + job_id)
        if raw is not None:
            return json.loads(raw)
        for _, entries in r.xread({"judge:events": last}, block=1000) or []:
            for entry_id, fields in entries:
                last = entry_id
                event = json.loads(fields[b"event"])
                if event["job"] == job_id:
                    print("test %s: %s" % (event["name"], event["verdict"]), file=sys.stderr)
    raise TimeoutError(job_id)


def main():
    r = connect(sys.argv[1])
    job_id = submit(r, sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
    result = wait(r, job_id)
    print(json.dumps({k: result[k] for k in ("id", "status", "verdict", "passed", "total",
                                              "worker", "attempt") if k in result}))
    return 0 if result["verdict"] in ("AC", "OK") else 1


if __name__ == "__main__":
    sys.exit(main())
