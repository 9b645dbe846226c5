#!/bin/sh
# Where the judge's time goes; docs/bench.md shows the output and what follows
# from it.  Needs root and perf (Debian: linux-perf); works with software
# events only, as in a VM without a PMU.
#
#   sh scripts/bench/profile.sh [JUDGE]        JUDGE defaults to build/judge
#
# 1. the startup path, phase by phase: uprobes on the judge's functions and
#    kernel tracepoints, recorded system-wide (per-task perf events are copied
#    at every fork and would inflate the fork being measured)
# 2. the unit costs under the two modes: a seccomp filter per syscall and per
#    install; one supervised syscall by ptrace and by seccomp user notification
# 3. --mode ptrace on a million syscalls: context switches, and the same run
#    with the judge and the program on one CPU
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
judge=$(realpath "${1:-$root/build/judge}")
src=$root/scripts/bench
cc=${CC:-gcc}
command -v perf >/dev/null || { echo "profile: perf is missing (apt-get install linux-perf)" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "profile: uprobes and system-wide tracing need root" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/judge-profile.XXXXXX")
cleanup() {
	perf probe -q -d 'probe_judge:*' 2>/dev/null || :
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$cc" -O2 -static -o "$tmp/true" "$src/true.c"
"$cc" -O2 -o "$tmp/writes" "$src/writes.c"
"$cc" -O2 -o "$tmp/filtercost" "$src/filtercost.c"
"$cc" -O2 -o "$tmp/stopcost" "$src/stopcost.c"
# Probes sit on a file: a copy keeps a concurrent rebuild from moving them.
cp "$judge" "$tmp/judge"
export JUDGE_POLICIES="$root/policies"

echo "== 1. startup: judge run -- true (static), 100 runs, alternating with native true"
perf probe -q -d 'probe_judge:*' 2>/dev/null || :
# Functions that do not exist in this build are skipped.
for f in main policy_load elf_inspect filter_compile landlock_probe cgroup_create launch_start \
	cgroup_attach tracer_run isolate_enter child_signals landlock_prepare \
	isolate_drop_privileges landlock_enforce filter_install cgroup_destroy; do
	perf probe -q -x "$tmp/judge" --add "$f" >/dev/null 2>&1 || continue
	perf probe -q -x "$tmp/judge" --add "${f}_ret=$f%return" >/dev/null 2>&1 ||
		perf probe -q -d "probe_judge:$f" >/dev/null 2>&1 || :
done
events="-e probe_judge:*"
for t in sched:sched_process_fork sched:sched_process_exec sched:sched_process_exit \
	syscalls:sys_enter_execve syscalls:sys_enter_exit_group syscalls:sys_enter_clone \
	syscalls:sys_exit_clone syscalls:sys_exit_wait4 syscalls:sys_enter_seccomp \
	syscalls:sys_exit_seccomp syscalls:sys_enter_landlock_restrict_self \
	syscalls:sys_enter_ptrace; do
	events="$events -e $t"
done
# shellcheck disable=SC2086
perf record -a -q -o "$tmp/startup.data" $events -- sh -c \
	"echo \$\$ > '$tmp/loop.pid'; for i in \$(seq 100); do '$tmp/judge' run --json -- '$tmp/true' >/dev/null; '$tmp/true'; done" \
	>/dev/null 2>&1
perf script -i "$tmp/startup.data" -F comm,pid,time,event,trace 2>/dev/null |
	python3 "$src/startup-phases.py" "$(cat "$tmp/loop.pid")"
perf probe -q -d 'probe_judge:*' >/dev/null 2>&1 || :

echo "== 2. unit costs"
"$tmp/filtercost" syscall
"$tmp/filtercost" install
for m in ptrace ptrace-rusage notify; do
	for s in same cross; do
		"$tmp/stopcost" "$m" "$s"
	done
done

echo
echo "== 3. --mode ptrace, 1,000,000 write(/dev/null)"
for pin in "" "taskset -c 0"; do
	# $pin is empty or a command prefix: split it
	# shellcheck disable=SC2086
	perf stat -e task-clock,context-switches,cpu-migrations -o "$tmp/stat" -- \
		$pin "$judge" run --json --mode ptrace -t 60000 -p "$src/devnull.json" -- "$tmp/writes" \
		> "$tmp/json"
	printf '%s: %s\n' "${pin:-unpinned}" "$(grep -o '"wall_ms":[0-9]*\|"cpu_ms":[0-9]*\|"judge_cpu_ms":[0-9]*' "$tmp/json" | tr '\n' ' ')"
	grep -E 'task-clock|context-switches|cpu-migrations' "$tmp/stat"
done
