#!/bin/sh
# Endurance: N consecutive runs in one `judge test` process, a mix of OK (AC),
# RF, RE, MLE, OLE and TLE, then checks that nothing leaked: the judge's open
# file descriptors and RSS, processes and zombies left, temporary files and
# cgroups.  usage: endurance.sh JUDGE [N]   (default 500)
set -eu
judge=$(realpath "$1")
n=${2:-500}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/judge-endurance.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# The problem: test i does what the mix says; only "ok" tests have a real answer.
mkdir "$work/problem"
i=0
while [ "$i" -lt "$n" ]; do
	case $((i % 20)) in
	0|1|2|3|4|5|6|7) cmd=ok ;;
	8|9|10|11) cmd=rf ;;
	12|13|14) cmd=re ;;
	15|16) cmd=mle ;;
	17|18) cmd=ole ;;
	*) cmd=tle ;;
	esac
	echo "$cmd" > "$work/problem/$i.in"
	echo ok > "$work/problem/$i.ans"
	i=$((i + 1))
done

# The judge under test keeps its temporary files here, and its cgroups carry
# its pid: what others on the machine do at the same time does not count.
mkdir "$work/tmp"
chmod 711 "$work" "$work/tmp"	# as root the program runs as nobody, who must reach TMPDIR
export TMPDIR="$work/tmp"
# The workspace pool (judge/judging/dirpool.h) stays by design: at most 8
# slots, each empty once given back; anything else is a file left behind.
count_tmp() { find "$TMPDIR" -mindepth 1 -maxdepth 1 ! -name 'judge-ws-*' 2>/dev/null | wc -l; }
count_slots() { find "$TMPDIR" -mindepth 1 -maxdepth 1 -name 'judge-ws-*' 2>/dev/null | wc -l; }
count_in_slots() { find "$TMPDIR" -mindepth 2 -path '*/judge-ws-*/*' 2>/dev/null | wc -l; }
count_cg() { find /sys/fs/cgroup -maxdepth 8 -type d -name "judge.${1:-*}.*" 2>/dev/null | wc -l; }
fds() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
zombies() { ps -o stat= --ppid "$1" 2>/dev/null | grep -c '^Z' || true; }

tmp0=$(count_tmp)
cg0=0
start=$(date +%s)
# The MLE runs touch fresh memory until the limit: that costs CPU, and on a
# loaded machine several times more (5.5 ms a MiB at a load of 15 on 2
# cores, 0.5 ms quiet).  A 4 MiB limit keeps it near 30 ms even then, well
# under the 200 ms CPU limit the TLE runs spin into, so memory alone decides.
"$judge" test --json -t 200 -w 2000 -m 4M -o 64K "$here/testcases/endurance/mix.c" "$work/problem" \
	> "$work/result.json" 2> "$work/stderr" &
pid=$!
# First sample once the compile is done and runs are under way; last sample
# as late as possible before the judge exits.
sleep 2
fd_start=$(fds "$pid"); rss_start=$(rss "$pid")
fd_end=$fd_start; rss_end=$rss_start; zmax=0
while kill -0 "$pid" 2>/dev/null; do
	f=$(fds "$pid"); r=$(rss "$pid"); z=$(zombies "$pid")
	# a judge on its way out has no VmRSS (its memory goes before its files): no sample
	[ "$f" -gt 0 ] && [ -n "$r" ] && fd_end=$f && rss_end=$r
	[ "$z" -gt "$zmax" ] && zmax=$z
	sleep 0.2
done
status=0
wait "$pid" || status=$?
secs=$(( $(date +%s) - start ))
left=$(pgrep -f "$work" | grep -vx "$$" | wc -l || true)
tmp1=$(count_tmp)
slots=$(count_slots) in_slots=$(count_in_slots)
cg1=$(count_cg "$pid")
runs=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["tests"]))' "$work/result.json" 2>/dev/null || echo 0)
verdicts=$(python3 -c '
import collections, json, sys
d = json.load(open(sys.argv[1]))
c = collections.Counter(t["verdict"] for t in d["tests"])
print(" ".join("%s=%d" % kv for kv in sorted(c.items())))' "$work/result.json" 2>/dev/null || echo "?")

printf '%-22s %10s %10s\n' "endurance: $runs runs" start end
printf '%-22s %10s %10s\n' "judge open fds" "$fd_start" "$fd_end"
printf '%-22s %10s %10s   (results kept for the report: about 2.5 KiB a test)\n' "judge RSS KiB" "$rss_start" "$rss_end"
printf '%-22s %10s %10s\n' "zombies (max seen)" 0 "$zmax"
printf '%-22s %10s %10s\n' "processes left" 0 "$left"
printf '%-22s %10s %10s\n' "temporary files" "$tmp0" "$tmp1"
printf '%-22s %10s %10s\n' "workspace pool slots" 0 "$slots"
printf '%-22s %10s %10s\n' "files in the slots" 0 "$in_slots"
printf '%-22s %10s %10s\n' "cgroups" "$cg0" "$cg1"
printf 'verdicts: %s   (%s s)\n' "$verdicts" "$secs"

fail=0
[ "$status" -le 1 ] || { echo "endurance: judge exited $status: $(head -c 300 "$work/stderr")"; fail=1; }
[ "$runs" -eq "$n" ] || { echo "endurance: $runs of $n runs reported"; fail=1; }
for v in AC RF RE MLE OLE TLE; do
	case " $verdicts" in *" $v="*) ;; *) [ "$n" -lt 20 ] || { echo "endurance: no $v among the verdicts"; fail=1; } ;; esac
done
[ "$fd_end" -le "$fd_start" ] || { echo "endurance: file descriptors grew"; fail=1; }
# `judge test` keeps each test's result (about 2.5 KiB) for the final table
# and JSON, so its RSS may grow by that much a test; beyond it is a leak.
allow=$((n * 4 + 1024))
[ "$rss_end" -le $((rss_start + allow)) ] || { echo "endurance: RSS grew by more than $allow KiB (the results kept for the report)"; fail=1; }
[ "$zmax" -le 1 ] || { echo "endurance: zombies piled up"; fail=1; }
[ "$left" -eq 0 ] || { echo "endurance: processes left behind"; fail=1; }
[ "$tmp1" -le "$tmp0" ] || { echo "endurance: temporary files left behind"; fail=1; }
[ "$slots" -le 8 ] || { echo "endurance: $slots workspace pool slots, at most 8 expected"; fail=1; }
[ "$in_slots" -eq 0 ] || { echo "endurance: files left in the workspace pool"; fail=1; }
[ "$cg1" -le "$cg0" ] || { echo "endurance: cgroups left behind"; fail=1; }
[ "$fail" -eq 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
exit "$fail"
