#!/bin/sh
# judge grade on a class of 30 mixed submissions (C, C++ and Python: accepted,
# wrong answers, run-time errors, a time-out, compile errors, and three students
# handing in the same sol.cpp), serial and with --jobs 2, on the bundled
# aplusb problem; prints the wall time of each and their ratio (docs/bench.md).
# With BASELINE, another build of the judge is timed in the same rounds,
# interleaved (the order alternates from round to round), and the medians of
# both are compared.
#
# Besides the wall time, which other work on the machine stretches, each run
# reports what load changes less: the CPU the judge and everything it ran
# used (wait4), and from JUDGE_GRADE_TIMELINE (grade_pool.c) how much of the
# --jobs 2 run each worker spent without a task (idle slot time).
#
# usage: scripts/bench/grade-class.sh [JUDGE] [ROUNDS] [BASELINE]
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
judge=${1:-$root/build/judge}
rounds=${2:-1}
baseline=${3:-}
case $judge in /*) ;; *) judge=$(pwd)/$judge ;; esac
case $baseline in /* | "") ;; *) baseline=$(pwd)/$baseline ;; esac
export JUDGE_POLICIES="${JUDGE_POLICIES:-$root/policies}"
prob=$root/testcases/problems/aplusb
subs=$prob/submissions
class=$(mktemp -d "${TMPDIR:-/tmp}/judge-class-XXXXXX")
trap 'rm -rf "$class"' EXIT INT TERM

# 30 submissions: each student's own file name, so only the sol.cpp copies share a compile
n=0
add() {
	n=$((n + 1))
	ext=${1##*.}
	cp "$1" "$class/student$(printf %02d "$n").$ext"
}
for round in 1 2 3; do
	add "$subs/accepted/sum.c"
	add "$subs/accepted/sum.cpp"
	add "$subs/accepted/sum.py"
	add "$subs/wrong_answer/overflow.c"
	add "$subs/wrong_answer/difference.cpp"
	add "$subs/wrong_answer/product.py"
	add "$subs/run_time_error/zero.py"
	add "$subs/run_time_error/null.c"
done
add "$subs/time_limit_exceeded/spin.c"
add "$subs/compile_error/missing_semicolon.c"
add "$subs/compile_error/indentation.py"
for s in ann ben cat; do
	mkdir -p "$class/$s"
	cp "$subs/accepted/sum.cpp" "$class/$s/sol.cpp"
done
list=$(ls "$class"/*.* "$class"/*/sol.cpp)
count=$(echo "$list" | wc -l)

echo "judge grade, $count submissions on aplusb ($(grep -c '' "$prob"/*.in | wc -l) tests each); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
python3 - "$rounds" "$class" "$prob" "$judge" "$baseline" $list <<'PY'
import os, statistics, subprocess, sys, time

rounds, cls, prob, judge, baseline = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
subs = sys.argv[6:]
judges = [("judge", judge)] + ([("base", baseline)] if baseline else [])
pairs = {"compile": "compiled", "test": "tested", "judge": "judged", "start": "end"}

def idle(path):
    """(workers, makespan, busy, idle) from a timeline; None without one."""
    try:
        lines = [l.split() for l in open(path)]
    except OSError:
        return None
    ev = [(float(l[0]), l[1], l[2]) for l in lines if len(l) >= 5]
    if not ev:
        return None
    use = {"start": "end"} if any(e[2] == "start" for e in ev) else pairs
    ev = [e for e in ev if e[2] in use or e[2] in use.values()]
    t0 = min(e[0] for e in ev)
    ends = [e[0] for e in ev if e[2] in use.values()]
    span = max(ends) - t0
    busy, open_at = 0.0, {}
    for t, pid, what in ev:
        if what in use:
            open_at[pid] = t
        elif pid in open_at:
            busy += t - open_at.pop(pid)
    workers = len({pid for _, pid, what in ev if what in use})
    return workers, span, busy, workers * span - busy

def run(path, jobs, tag):
    tl = os.path.join(cls, "timeline-%s-%d" % (tag, jobs))
    csv = os.path.join(cls, "grades-%s-%d.csv" % (tag, jobs))
    for f in (tl, csv):
        if os.path.exists(f):
            os.unlink(f)
    env = dict(os.environ, JUDGE_GRADE_TIMELINE=tl)
    load = os.getloadavg()[0]
    t0 = time.monotonic()
    p = subprocess.Popen([path, "grade", "--jobs", str(jobs), "--csv", csv, prob] + subs, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    rows = [l.split(",")[:12] for l in open(csv)] if os.path.exists(csv) else None
    return wall, ru.ru_utime + ru.ru_stime, load, idle(tl), rows

res = {}
for r in range(1, rounds + 1):
    order = judges if r % 2 else judges[::-1]
    for tag, path in order:
        for jobs in (1, 2):
            wall, cpu, load, tl, rows = run(path, jobs, tag)
            res.setdefault((tag, jobs), []).append((wall, cpu, tl))
            res.setdefault(("rows", tag, jobs), rows)
            extra = ""
            if tl and jobs > 1:
                extra = ", idle %.1f of %.1f slot-s (%.0f%%)" % (tl[3], tl[0] * tl[1], 100 * tl[3] / (tl[0] * tl[1]))
            print("round %d %-6s --jobs %d: %.1f s, CPU %.1f s, load %.1f%s" % (r, tag, jobs, wall, cpu, load, extra), flush=True)
            if rows != res[("rows", judges[0][0], 1)]:
                # times differ by nature; the verdict columns must not
                print("  verdicts differ from the first --jobs 1 run", flush=True)
for tag, _ in judges:
    s, p = [x[0] for x in res[(tag, 1)]], [x[0] for x in res[(tag, 2)]]
    ratios = [b / a for a, b in zip(s, p)]
    idles = [x[2][3] / (x[2][0] * x[2][1]) for x in res[(tag, 2)] if x[2]]
    print("%-6s median serial %.1f s, --jobs 2 %.1f s, ratio of medians %.2f, median of ratios %.2f (%.2f to %.2f);"
          " CPU %.1f / %.1f s%s" % (tag, statistics.median(s), statistics.median(p),
          statistics.median(p) / statistics.median(s), statistics.median(ratios), min(ratios), max(ratios),
          statistics.median(x[1] for x in res[(tag, 1)]), statistics.median(x[1] for x in res[(tag, 2)]),
          ", idle slot time %.0f%%" % (100 * statistics.median(idles)) if idles else ""))
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
