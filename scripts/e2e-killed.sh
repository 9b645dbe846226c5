#!/bin/sh
# The judge is killed with SIGKILL while the program runs: within a second no
# process of the program may remain (PTRACE_O_EXITKILL and PDEATHSIG), in
# either mode, even a forked child and one that sleeps rather than spins.
#   usage: sh scripts/e2e-killed.sh JUDGE WORKDIR    (called by scripts/e2e.sh)
# Writes WORKDIR/result: "PASS" or one "FAIL ..." line per problem.
set -u

judge=$1
w=$2
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$w"
: >"$w/fail"

fail() {
	printf 'FAIL judge-killed %s: %s\n' "$1" "$2" >>"$w/fail"
}

cat >"$w/prog.c" <<'PROG'
#include <unistd.h>

/* A parent that spins and a child that sleeps: both must die with the judge. */
int main(void)
{
	if (fork() == 0)
		for (;;)
			sleep(100);
	for (;;)
		;
}
PROG
if ! gcc -O2 -o "$w/prog" "$w/prog.c" >"$w/build.log" 2>&1; then
	fail build "gcc failed: $(head -c 300 "$w/build.log")"
	cp "$w/fail" "$w/result"
	exit 0
fi

for mode in seccomp ptrace; do
	(exec setsid sh -c 'echo $$ >"$0" && exec "$@"' "$w/$mode.pid" "$judge" run --json \
		--mode "$mode" -p "$root/testcases/core/policies/procs.json" -t 20000 -w 30000 \
		-- "$w/prog" "$mode") >"$w/$mode.out" 2>&1 &
	n=0
	i=0
	while [ "$i" -lt 50 ]; do
		n=$(pgrep -f "^$w/prog $mode" | wc -l)
		[ "$n" -ge 2 ] && break
		sleep 0.1
		i=$((i + 1))
	done
	jpid=$(cat "$w/$mode.pid" 2>/dev/null || echo)
	if [ "$n" -lt 2 ] || [ -z "$jpid" ]; then
		fail "$mode" "the program did not start its two processes: $(head -c 300 "$w/$mode.out")"
	else
		kill -KILL "$jpid"
		i=0
		while [ "$i" -lt 10 ] && pgrep -f "^$w/prog $mode" >/dev/null; do
			sleep 0.1
			i=$((i + 1))
		done
		left=$(pgrep -f "^$w/prog $mode" | tr '\n' ' ')
		if [ -n "$left" ]; then
			fail "$mode" "processes of the program outlived the judge by 1 s: $left"
		fi
	fi
	left=$(pgrep -f "^$w/prog $mode" | tr '\n' ' ')
	[ -z "$left" ] || kill -KILL $left 2>/dev/null
	[ -z "$jpid" ] || kill -KILL "$jpid" 2>/dev/null
	wait
done

if [ -s "$w/fail" ]; then
	cp "$w/fail" "$w/result"
else
	echo PASS >"$w/result"
fi
