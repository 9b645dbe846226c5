#!/bin/sh
# SIGTERM and SIGINT stop the judge cleanly: the program is killed, the
# result is IE "interrupted" with exit status 2, and no process, temporary
# directory or cgroup of the run is left.  usage: lifecycle.sh JUDGE
set -u
judge=$(realpath "$1")
here=$(cd "$(dirname "$0")/.." && pwd)
w=$(mktemp -d "${TMPDIR:-/tmp}/judge-lifecycle.XXXXXX")
trap 'rm -rf "$w"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL lifecycle $1: $2"; }

cat > "$w/spin.c" <<'PROG'
int main(void) { volatile unsigned long x = 0; for (;;) x++; }
PROG
gcc -O2 -o "$w/spin" "$w/spin.c" || { echo "lifecycle: gcc failed"; exit 1; }
mkdir "$w/problem"
for i in 1 2 3 4 5 6; do echo tle > "$w/problem/$i.in"; echo ok > "$w/problem/$i.ans"; done
# The judges under test keep their temporary files here, away from anyone else's.
mkdir "$w/tmp"
# as root the program runs as nobody, who must reach the workspace in TMPDIR
chmod 711 "$w" "$w/tmp"
export TMPDIR="$w/tmp"

count_tmp() { find "$TMPDIR" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
# a judge's cgroups carry its pid: others' runs on the machine do not count
count_cg() { find /sys/fs/cgroup -maxdepth 8 -type d -name "judge-$1-*" 2>/dev/null | wc -l; }

# check NAME SIGNAL COMMAND...: start, signal it after 0.5 s, check the aftermath.
check() {
	name=$1 sig=$2
	shift 2
	tmp0=$(count_tmp)
	"$@" > "$w/out" 2> "$w/err" &
	pid=$!
	sleep 0.5
	kill "-$sig" "$pid"
	status=0
	wait "$pid" || status=$?
	sleep 0.2
	[ "$status" -eq 2 ] || { bad "$name" "exit status $status, expected 2"; return; }
	grep -q interrupted "$w/out" "$w/err" || { bad "$name" "no 'interrupted' in the result"; return; }
	! pgrep -f "$w/spin" > /dev/null || { bad "$name" "the program is still running"; pkill -KILL -f "$w/spin"; return; }
	! pgrep -f "judge-[^ ]*/prog" -P "$pid" > /dev/null || { bad "$name" "a test program is still running"; return; }
	[ "$(count_tmp)" -le "$tmp0" ] || { bad "$name" "temporary files left"; return; }
	[ "$(count_cg "$pid")" -eq 0 ] || { bad "$name" "cgroups left"; return; }
	ok
}

for mode in seccomp ptrace; do
	check "run-term-$mode" TERM "$judge" run --json --mode "$mode" -t 20000 -- "$w/spin"
	check "run-int-$mode" INT "$judge" run --mode "$mode" -t 20000 -- "$w/spin"
done
check test-term TERM "$judge" test --json -t 5000 "$here/testcases/endurance/mix.c" "$w/problem"
check test-int INT "$judge" test -t 5000 --jobs 2 "$here/testcases/endurance/mix.c" "$w/problem"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
