#!/bin/sh
# SIGTERM and SIGINT stop the judge cleanly: the program is killed, the
# result is IE "interrupted" with exit status 2, and no process, temporary
# directory or cgroup of the run is left.  Then judges in two PID namespaces
# at once (as root): no run of one disturbs the other's, nothing is left.
# Then the pool of cgroups (as root): reuse across judges, judges at once, a
# killed judge, another user's group, the pool's bound and its emptying.
# Then the filesystem views pinned across judges (as root): joined, rebuilt
# when what they bind or the host's mounts change, what is planted at a pin
# or a pin directory that is not root's alone never used, the bound under
# judges at once and killed judges, JUDGE_VIEW_PINS=0.
#   usage: lifecycle.sh JUDGE      (LIFECYCLE_RUNS: runs per namespace, 200)
set -u
judge=$(realpath "$1")
here=$(cd "$(dirname "$0")/.." && pwd)
w=$(mktemp -d "${TMPDIR:-/tmp}/judge-lifecycle.XXXXXX")
cgs=
cleanup() {
	# the pins the view checks made (viewpins below): rm cannot remove a mount point
	for f in "$w"/pins*/*; do
		[ "$(stat -f -c %T "$f" 2>/dev/null)" = nsfs ] && umount -l "$f"
	done
	for g in $cgs; do
		for d in "$g"/judgepool.* "$g"/judge.*; do
			[ -d "$d" ] && rmdir "$d" 2>/dev/null
		done
		rmdir "$g" 2>/dev/null
	done
	rm -rf "$w"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
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

# The workspace pool's slots (judge/judging/dirpool.h) stay, empty, by design.
count_tmp() {
	echo $(($(find "$TMPDIR" -mindepth 1 -maxdepth 1 ! -name 'judge-ws-*' 2>/dev/null | wc -l) +
		$(find "$TMPDIR" -mindepth 2 -path '*/judge-ws-*/*' 2>/dev/null | wc -l)))
}
# a judge's cgroups carry its pid: others' runs on the machine do not count
count_cg() { find /sys/fs/cgroup -maxdepth 8 -type d -name "judge.$1.*" 2>/dev/null | wc -l; }

# started PATTERN PID: up to 60 s for a process of the run to show (a
# loaded machine may take seconds to start one), then 0.2 s more.
started() {
	i=0
	while ! pgrep -f "$1" > /dev/null && kill -0 "$2" 2>/dev/null && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.2
}

# check NAME SIGNAL PATTERN COMMAND...: start, signal it once a process
# matching PATTERN (the program, or the compiler) runs, check the aftermath.
check() {
	name=$1 sig=$2
	shift 2
	tmp0=$(count_tmp)
	pattern=$1
	shift
	"$@" > "$w/out" 2> "$w/err" &
	pid=$!
	started "$pattern" "$pid"
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
	check "run-term-$mode" TERM "^$w/spin" "$judge" run --json --mode "$mode" -t 20000 -- "$w/spin"
	check "run-int-$mode" INT "^$w/spin" "$judge" run --mode "$mode" -t 20000 -- "$w/spin"
done
# the workspaces are in TMPDIR: the compiler first, then the program
check test-term TERM "$TMPDIR/" "$judge" test --json -t 5000 "$here/testcases/endurance/mix.c" "$w/problem"
check test-int INT "$TMPDIR/" "$judge" test -t 5000 --jobs 2 "$here/testcases/endurance/mix.c" "$w/problem"

# A run interrupted after it had already seen a failing test never finished
# either: IE "interrupted", exit 2, not the failing test's verdict.  Test 1
# is WA at once; the signal comes while test 2 spins.  The same for grade and
# verify, which judge through the same path; verify stops a submission at its
# first failing test, so there test 1 is accepted (late-verify: the answer is
# "wrong") and the signal comes while test 2 spins.
mkdir -p "$w/late/submissions/wrong_answer" "$w/late-verify/submissions/time_limit_exceeded"
echo wa > "$w/late/1.in"; echo ok > "$w/late/1.ans"
echo tle > "$w/late/2.in"; echo ok > "$w/late/2.ans"
cp "$w/late/1.in" "$w/late/2.in" "$w/late/2.ans" "$w/late-verify/"
echo wrong > "$w/late-verify/1.ans"
cat > "$w/late/submissions/wrong_answer/watle.c" <<'PROG'
#include <stdio.h>
int main(void) { char b[8] = ""; volatile unsigned long x = 0; if (scanf("%7s", b) == 1 && b[0] == 'w') { puts("wrong"); return 0; } for (;;) x++; }
PROG
late() {
	name=$1 sig=$2
	shift 2
	"$@" > "$w/out" 2> "$w/err" &
	pid=$!
	i=0
	while ! pgrep -f "$TMPDIR/judge-[^ ]*/prog" > /dev/null && [ "$i" -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ "$i" -lt 600 ] || { kill -KILL "$pid"; wait "$pid"; bad "$name" "no test program ran within 60 s"; return; }
	kill "-$sig" "$pid"
	status=0
	wait "$pid" || status=$?
	[ "$status" -eq 2 ] || { bad "$name" "exit status $status, expected 2: $(head -c 300 "$w/out")"; return; }
	case " $* " in
	*" test --json "*) want='"verdict":"IE","message":"interrupted","interrupted":true' ;;
	*" --json "*) want='"verdict":"IE"' ;;
	*) want='^IE  interrupted' ;;
	esac
	grep -q "$want" "$w/out" || { bad "$name" "no /$want/ in: $(head -c 300 "$w/out")"; return; }
	! pgrep -f "$TMPDIR/judge-[^ ]*/prog" > /dev/null || { bad "$name" "a test program is still running"; return; }
	ok
}
src=$w/late/submissions/wrong_answer/watle.c
late test-late-term TERM "$judge" test --json -t 20000 "$src" "$w/late"
late test-late-int INT "$judge" test -t 20000 "$src" "$w/late"
late grade-late-term TERM "$judge" grade --json -t 20000 "$w/late" "$src"
cp "$src" "$w/late-verify/submissions/time_limit_exceeded/"
late verify-late-term TERM "$judge" verify --json -t 20000 "$w/late-verify"

# Two judges in two PID namespaces (containers, a test runner's `unshare
# --pid`), LIFECYCLE_RUNS runs each at the same time.  Their pids collide,
# so nothing about a run's cgroup may hang on a pid: every run must be OK,
# and no group or process may be left.  The shells and so the judges live
# in a group of this check's own (cgroup v1: one per hierarchy the judge
# uses), so that the groups counted are theirs alone.
# own_groups: a group of this check's own in every hierarchy the judge uses
# (cgroup v1: memory, pids, cpuacct), for a shell to move into, so that the
# groups counted are its judges' alone.  Sets $mine; 1 when it cannot.
own_groups() {
	if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
		base=$(sed -n 's/^0:://p' /proc/self/cgroup)
		hier="/sys/fs/cgroup$base"
	else
		hier=
		for c in memory pids cpuacct; do
			base=$(awk -F: -v c="$c" '{ n = split($2, a, ","); for (i = 1; i <= n; i++) if (a[i] == c) print $3 }' /proc/self/cgroup)
			[ -d "/sys/fs/cgroup/$c" ] && hier="$hier /sys/fs/cgroup/$c${base%/}"
		done
	fi
	mine=
	for h in $hier; do
		g="$h/judge-lifecycle-$1-$$-${w##*.}"
		if ! mkdir "$g" 2>/dev/null; then
			echo "SKIP lifecycle $1: cannot make a cgroup under $h"
			return 1
		fi
		cgs="$g $cgs"
		mine="$mine $g"
	done
}

# max_in GLOB: the most groups named GLOB in one of $mine's hierarchies.
max_in() {
	m=0
	for g in $mine; do
		n=$(find "$g" -mindepth 1 -maxdepth 1 -type d -name "$1" | wc -l)
		[ "$n" -le "$m" ] || m=$n
	done
	echo "$m"
}
# tasks_in [GROUP]: tasks in the groups under $mine's first (memory or v2) group.
tasks_in() {
	set -- $mine
	cat "$1"/*/cgroup.procs 2>/dev/null | wc -l
}
# busy_in: the groups under $mine's first holding a task, one a line, by name.
busy_in() {
	set -- $mine
	for d in "$1"/*/; do
		[ -z "$(cat "$d/cgroup.procs" 2>/dev/null)" ] || echo "$(basename "$d") $(wc -l < "$d/cgroup.procs")"
	done
}
# in_groups ENV... CMD...: CMD in a shell moved into $mine, with ENV set;
# its pid (the shell's, then CMD's) in $w/inpid.
in_groups() {
	# shellcheck disable=SC2016  # expanded by the inner shell
	sh -c 'echo $$ >"$2"; for g in $1; do echo $$ >"$g/cgroup.procs" || exit 1; done; shift 2; exec env "$@"' \
		- "$mine" "$w/inpid" "$@"
}
# wait_busy N: up to 60 s for N groups to hold a task.
wait_busy() {
	i=0
	while [ "$(busy_in | wc -l)" -lt "$1" ] && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

pidns() {
	runs=${LIFECYCLE_RUNS:-200}
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIP lifecycle pidns: not root: the judge makes no cgroup and cannot unshare"
		return
	fi
	if ! unshare --pid --fork true 2>/dev/null; then
		echo "SKIP lifecycle pidns: unshare --pid fails here"
		return
	fi
	own_groups pidns || return
	printf 'int main(void) { return 0; }\n' >"$w/ok.c"
	gcc -O2 -o "$w/ok" "$w/ok.c" || { bad pidns "gcc failed"; return; }
	for ns in a b; do
		# shellcheck disable=SC2016  # expanded by the inner shell
		sh -c 'for g in $1; do echo $$ >"$g/cgroup.procs" || exit 1; done
			exec unshare --pid --fork --mount-proc sh -c '\''
			i=0
			while [ "$i" -lt "$1" ]; do
				"$2" run --json -- "$3"
				i=$((i + 1))
			done'\'' - "$2" "$3" "$4"' - "$mine" "$runs" "$judge" "$w/ok" >"$w/pidns-$ns.out" 2>&1 &
	done
	wait
	okruns=$(cat "$w/pidns-a.out" "$w/pidns-b.out" | grep -c '"verdict":"OK"')
	# what is left is the pool: at most its 4 groups a hierarchy, all empty
	left=$(max_in 'judge.*') pooled=$(max_in 'judgepool.*')
	procs=$(pgrep -f "$w/ok" | wc -l)
	if [ "$okruns" -ne $((2 * runs)) ]; then
		bad pidns "$okruns of $((2 * runs)) runs OK; first other: $(cat "$w/pidns-a.out" "$w/pidns-b.out" | grep -v -m1 '"verdict":"OK"' | head -c 300)"
	elif [ "$left" -ne 0 ]; then
		bad pidns "$left cgroups left"
	elif [ "$pooled" -gt 4 ]; then
		bad pidns "$pooled pool groups in a hierarchy, more than 4"
	elif [ "$(tasks_in)" -ne 0 ]; then
		bad pidns "$(tasks_in) tasks left in the groups"
	elif [ "$procs" -ne 0 ]; then
		bad pidns "$procs processes left"
	else
		ok
	fi
}
pidns

# The pool (JUDGE_CGROUP_POOL=2 here): judges that ended leave their groups
# for the next; judges at once each get a group of their own; a killed
# judge's group, and tasks left in it, are taken back; another user's group
# is never used; nothing is left once the pool is emptied.
pool() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIP lifecycle pool: not root: the judge makes no cgroup"
		return
	fi
	own_groups pool || return
	set -- $mine
	first=$1
	printf '#include <time.h>\nint main(void) { struct timespec t = { 2, 0 }; nanosleep(&t, 0); return 0; }\n' >"$w/nap.c"
	gcc -O2 -o "$w/nap" "$w/nap.c" || { bad pool "gcc failed"; return; }
	[ -x "$w/ok" ] || { printf 'int main(void) { return 0; }\n' >"$w/ok.c" && gcc -O2 -o "$w/ok" "$w/ok.c"; }
	n=JUDGE_CGROUP_POOL=2

	# one after another: one pool group, taken again and again
	for i in 1 2 3; do in_groups $n "$judge" run --json -- "$w/ok"; done >"$w/pool.out" 2>&1
	if [ "$(grep -c '"cgroup":true' "$w/pool.out")" -ne 3 ]; then
		bad pool-reuse "3 runs with a cgroup expected: $(head -c 300 "$w/pool.out")"
	elif [ "$(max_in 'judgepool.*')" -ne 1 ] || [ "$(max_in 'judge.*')" -ne 0 ]; then
		bad pool-reuse "$(max_in 'judgepool.*') pool groups and $(max_in 'judge.*') others, 1 and 0 expected"
	else
		ok
	fi

	# four at once: four groups with one task each, two of them the pool's;
	# the two others are removed, and the pool stays at two
	for i in 1 2 3 4; do
		in_groups $n "$judge" run --json -t 20000 -- "$w/nap" >"$w/pool-$i.out" 2>&1 &
	done
	wait_busy 4
	busy=$(busy_in)
	wait
	okruns=$(cat "$w"/pool-[1-4].out | grep -c '"verdict":"OK"')
	if [ "$okruns" -ne 4 ]; then
		bad pool-concurrent "$okruns of 4 runs OK: $(cat "$w/pool-1.out" | head -c 300)"
	elif [ "$(echo "$busy" | grep -c ' 1$')" -ne 4 ] || [ "$(echo "$busy" | grep -c '^judgepool\.')" -ne 2 ]; then
		bad pool-concurrent "four groups of one task each, two of the pool's, expected: $busy"
	elif [ "$(max_in 'judgepool.*')" -ne 2 ] || [ "$(max_in 'judge.*')" -ne 0 ] || [ "$(tasks_in)" -ne 0 ]; then
		bad pool-concurrent "after: $(max_in 'judgepool.*') pool groups, $(max_in 'judge.*') others, $(tasks_in) tasks"
	else
		ok
	fi

	# a judge killed with SIGKILL: the next judge takes its group back
	in_groups $n "$judge" run --json -t 20000 -- "$w/nap" >/dev/null 2>&1 &
	pid=$!
	wait_busy 1
	kill -KILL "$(cat "$w/inpid")"
	wait "$pid" 2>/dev/null
	in_groups $n "$judge" run --json -- "$w/ok" >"$w/pool.out" 2>&1
	if ! grep -q '"verdict":"OK".*"cgroup":true' "$w/pool.out"; then
		bad pool-killed "the run after: $(head -c 300 "$w/pool.out")"
	elif [ "$(max_in 'judgepool.*')" -ne 2 ] || [ "$(max_in 'judge.*')" -ne 0 ] || [ "$(tasks_in)" -ne 0 ]; then
		bad pool-killed "after: $(max_in 'judgepool.*') pool groups, $(max_in 'judge.*') others, $(tasks_in) tasks"
	else
		ok
	fi

	# a task left in an unlocked pool group (its judge died before the
	# program did) is killed by the judge that takes the group
	sleep 300 &
	sp=$!
	for g in $mine; do echo "$sp" >"$g/judgepool.0/cgroup.procs"; done
	in_groups $n "$judge" run --json -- "$w/ok" >"$w/pool.out" 2>&1
	st=0
	kill -0 "$sp" 2>/dev/null && sleep 0.5
	kill "$sp" 2>/dev/null
	wait "$sp" || st=$?
	if ! grep -q '"verdict":"OK".*"cgroup":true' "$w/pool.out"; then
		bad pool-leftover "the run: $(head -c 300 "$w/pool.out")"
	elif [ "$st" -ne 137 ]; then
		bad pool-leftover "the task left in the group ended with status $st, not SIGKILL"
	else
		ok
	fi

	# another user's group is never used: with judgepool.0 busy (locked)
	# and judgepool.1 nobody's, the run gets a group of its own
	rm -f "$w/holdpid"
	# shellcheck disable=SC2016  # expanded by the inner shell
	flock -n -o "$first/judgepool.0" sh -c 'echo $$ >"$1"; exec sleep 30' - "$w/holdpid" &
	holder=$!
	# the holder says so once it holds the lock (a probe with flock would race with it)
	i=0
	while [ ! -s "$w/holdpid" ] && kill -0 "$holder" 2>/dev/null && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ ! -s "$w/holdpid" ]; then
		bad pool-owner "could not lock judgepool.0 for the check"
		return
	fi
	chown 65534 "$first/judgepool.1"
	in_groups $n "$judge" run --json -t 20000 -- "$w/nap" >"$w/pool.out" 2>&1 &
	pid=$!
	wait_busy 1
	busy=$(busy_in)
	wait "$pid"
	kill "$(cat "$w/holdpid")"
	wait "$holder" 2>/dev/null
	if ! grep -q '"verdict":"OK".*"cgroup":true' "$w/pool.out"; then
		bad pool-owner "the run: $(head -c 300 "$w/pool.out")"
	elif ! echo "$busy" | grep -q '^judge\.[0-9]'; then
		bad pool-owner "the run was in $busy, not a group of its own"
	elif [ "$(stat -c %u "$first/judgepool.1")" != 65534 ] || [ "$(max_in 'judge.*')" -ne 0 ]; then
		bad pool-owner "nobody's group changed, or $(max_in 'judge.*') own groups left"
	else
		ok
	fi
	chown 0 "$first/judgepool.1"

	# emptied: a run with JUDGE_CGROUP_POOL=0 removes the idle pool, and
	# leaves nothing; so does rmdir, once runs filled it again
	in_groups JUDGE_CGROUP_POOL=0 "$judge" run --json -- "$w/ok" >"$w/pool.out" 2>&1
	left=$(for g in $mine; do find "$g" -mindepth 1 -type d; done | wc -l)
	for i in 1 2; do in_groups $n "$judge" run --json -- "$w/ok"; done >/dev/null 2>&1
	refilled=$(max_in 'judgepool.*')
	for g in $mine; do rmdir "$g"/judgepool.*; done
	left2=$(for g in $mine; do find "$g" -mindepth 1 -type d; done | wc -l)
	if ! grep -q '"verdict":"OK".*"cgroup":true' "$w/pool.out"; then
		bad pool-empty "the run with no pool: $(head -c 300 "$w/pool.out")"
	elif [ "$left" -ne 0 ] || [ "$refilled" -ne 1 ] || [ "$left2" -ne 0 ]; then
		bad pool-empty "$left groups left by JUDGE_CGROUP_POOL=0, $refilled refilled (1 expected), $left2 left by rmdir"
	else
		ok
	fi
}
pool

# Views pinned across judge processes (judge/sandbox/viewpin.c), in a pin
# directory of this check's own (JUDGE_VIEW_PIN_DIR), so that other judges
# on the machine neither add to its pins nor use them.  The program says
# which mount namespace it ran in (readlink /proc/self/ns/mnt: open.json lets
# readlink run unchecked, so its view has /proc); a pin's inode is the
# namespace it holds.  A view is pinned when a judge meets it the second time.
viewpins() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIP lifecycle viewpins: not root: views are pinned only as root"
		return
	fi
	gcc -O2 -o "$w/probe" "$here/testcases/layers/probe.c" || { bad viewpins "gcc failed"; return; }
	vpol=$here/testcases/layers/policies/open.json
	P=$w/pins
	mkdir -m 700 "$P"
	vd=$w/vd
	mkdir -m 755 "$vd"
	chmod 755 "$w"
	hostns=$(readlink /proc/self/ns/mnt | tr -dc 0-9)
	# vrun [ENV...]: one run in $vd; its namespace's inode (or the output) on stdout
	vrun() {
		env JUDGE_VIEW_PIN_DIR="$P" "$@" "$judge" run --dir "$vd" -p "$vpol" -- "$w/probe" \
			readlink /proc/self/ns/mnt 2>"$w/vrun.err" | sed -n 's/^readlink: ok PWNED link to mnt:\[\([0-9]*\)\]$/\1/p;t;p'
	}
	# pins: the inodes of the namespaces pinned in $P, one a line
	pins() {
		for f in "$P"/*; do
			case ${f##*/} in
			*[!0-9a-f]* | '') ;;
			*) [ "${#f}" -eq $((${#P} + 65)) ] && [ "$(stat -f -c %T "$f")" = nsfs ] && stat -L -c %i "$f" ;;
			esac
		done
	}
	npins() { pins | wc -l; }
	# stacked: mounts under $P beyond one a name (two judges mounting on one name)
	stacked() {
		awk -v p="$P/" 'index($5, p) == 1 { n[$5]++ } END { s = 0; for (k in n) s += n[k] - 1; print s }' /proc/self/mountinfo
	}
	mkdir -m 755 "$w/vcheck"
	view=$(env JUDGE_VIEW_PIN_DIR="$P" "$judge" run --json --dir "$w/vcheck" -p "$vpol" -- "$w/probe" readlink /proc/self/ns/mnt)
	case $view in
	*'"view":"root"'*) ;;
	*)
		echo "SKIP lifecycle viewpins: no filesystem view here: $(echo "$view" | head -c 200)"
		return
		;;
	esac

	# met once: not pinned (a namespace's inode number may come back once it
	# is gone, so only a pin's, held, tells); met twice: pinned, and joined
	# from then on
	a=$(vrun)
	n1=$(npins)
	b=$(vrun) c=$(vrun)
	if [ "$n1" -ne 0 ] || [ "$(npins)" -ne 1 ] || [ "$b" != "$(pins)" ] || [ "$c" != "$b" ]; then
		bad viewpin-join "runs in $a, $b, $c, $n1 pins after the first, pins $(pins | tr '\n' ' ') after: the second and third in the one pin expected"
	else
		ok
	fi
	first=$b

	# the program replaced (a new inode): another view, another pin
	cp "$w/probe" "$w/probe.new" && mv "$w/probe.new" "$w/probe"
	a=$(vrun) b=$(vrun)
	if [ "$(npins)" -ne 2 ] || [ "$b" = "$first" ] || ! pins | grep -qx "$b"; then
		bad viewpin-program "after the program was replaced: runs in $a, $b, pins $(pins | tr '\n' ' ')"
	else
		ok
	fi

	# the work directory removed and made again (ext4 gives the same inode
	# number back at once): another pin, never the old directory's
	rmdir "$vd" && mkdir -m 755 "$vd"
	a=$(vrun) b=$(vrun)
	if [ "$(npins)" -ne 3 ] || [ "$b" = "$first" ] || ! pins | grep -qx "$b"; then
		bad viewpin-dir "after the work directory was made again: runs in $a, $b, pins $(pins | tr '\n' ' ')"
	else
		ok
	fi
	plain=$b

	# a mount on the host under the bound work directory: another pin while
	# it is there, and the program sees it; unmounted, the earlier pin again
	mkdir -m 755 "$vd/sub"
	if mount -t tmpfs -o size=16k,mode=755 judge-lifecycle "$vd/sub"; then
		echo here >"$vd/sub/mark"
		a=$(vrun) b=$(vrun)
		seen=$(env JUDGE_VIEW_PIN_DIR="$P" "$judge" run --dir "$vd" -p "$vpol" -- "$w/probe" read sub/mark 2>/dev/null)
		umount "$vd/sub"
		c=$(vrun)
		if [ "$b" = "$plain" ] || ! pins | grep -qx "$b" || [ "$c" != "$plain" ]; then
			bad viewpin-mount "with a mount under the directory: $a, $b; after: $c; the pin without it: $plain"
		elif ! echo "$seen" | grep -q here; then
			bad viewpin-mount "the program did not see the host's new mount: $seen"
		else
			ok
		fi
	else
		echo "SKIP lifecycle viewpin-mount: cannot mount a tmpfs here"
	fi
	rmdir "$vd/sub"

	# what a killed judge leaves (the empty file of a pin half made) and
	# what is planted at a pin's name (a file, a link to a namespace) is
	# never joined: the runs pass, never in the host's namespace
	name=
	for f in "$P"/*; do
		[ "$(stat -f -c %T "$f")" = nsfs ] && [ "$(stat -L -c %i "$f")" = "$plain" ] && name=$f
	done
	planted=ok
	for what in empty file link; do
		umount "$name" 2>/dev/null
		rm -f "$name"
		case $what in
		empty) : >"$name" ;;
		file) echo 'mnt:[1]' >"$name" ;;
		link) ln -s /proc/self/ns/mnt "$name" ;;
		esac
		a=$(vrun) b=$(vrun)
		case "$a $b" in
		*[!0-9\ ]* | ' '* | *' ') planted="$what: runs said $a / $b: $(head -c 200 "$w/vrun.err")" ;;
		esac
		[ "$a" = "$hostns" ] || [ "$b" = "$hostns" ] && planted="$what: a run in the host's namespace"
		[ "$planted" = ok ] || break
	done
	if [ "$planted" != ok ]; then
		bad viewpin-planted "$planted"
	elif [ "$(stacked)" -ne 0 ]; then
		bad viewpin-planted "$(stacked) mounts stacked on a pin"
	else
		ok
	fi

	# a pin directory that is not root's alone is not used: runs pass, in no pin
	owner=ok
	for how in owner group link; do
		n0=$(npins)
		case $how in
		owner) chown 65534 "$P" ;;
		group) chmod 770 "$P" ;;
		link) mv "$P" "$P.real" && ln -s "$P.real" "$P" ;;
		esac
		a=$(vrun) b=$(vrun)
		case $how in
		owner) chown 0 "$P" ;;
		group) chmod 700 "$P" ;;
		link) rm "$P" && mv "$P.real" "$P" ;;
		esac
		case "$a $b" in
		*[!0-9\ ]* | ' '* | *' ') owner="$how: runs said $a / $b" ;;
		esac
		if [ "$owner" = ok ] && { pins | grep -qx -e "$a" -e "$b" || [ "$(npins)" -ne "$n0" ]; }; then
			owner="$how: runs in $a and $b, pins $(pins | tr '\n' ' ')"
		fi
		[ "$owner" = ok ] || break
	done
	[ "$owner" = ok ] && ok || bad viewpin-owner "$owner"

	# JUDGE_VIEW_PINS=0: nothing pinned, nothing joined, nothing removed
	n0=$(npins)
	a=$(vrun JUDGE_VIEW_PINS=0) b=$(vrun JUDGE_VIEW_PINS=0)
	if [ "$(npins)" -ne "$n0" ] || pins | grep -qx -e "$a" -e "$b"; then
		bad viewpin-off "runs in $a and $b, $(npins) pins (were $n0)"
	else
		ok
	fi

	# judges at once that all miss a view met before: one pins it, under the
	# lock, and every one of them runs in that pin
	mkdir -m 755 "$w/vr"
	env JUDGE_VIEW_PIN_DIR="$P" "$judge" run --dir "$w/vr" -p "$vpol" -- "$w/probe" readlink /proc/self/ns/mnt >/dev/null 2>&1
	for i in 1 2 3 4 5 6; do
		env JUDGE_VIEW_PIN_DIR="$P" "$judge" run --dir "$w/vr" -p "$vpol" -- "$w/probe" \
			readlink /proc/self/ns/mnt >"$w/vr/$i.out" 2>&1 &
	done
	wait
	got=$(cat "$w"/vr/*.out | sed -n 's/^readlink: ok PWNED link to mnt:\[\([0-9]*\)\]$/\1/p' | sort -u)
	if [ "$(echo "$got" | wc -w)" -ne 1 ] || ! pins | grep -qx "$got" || [ "$(stacked)" -ne 0 ]; then
		bad viewpin-race "six judges at once ran in $(echo $got) (one pin expected), $(stacked) stacked mounts: $(head -c 200 "$w/vr/1.out")"
	else
		ok
	fi

	# the bound (3 here), with judges at once, some of them killed: every
	# run that ends passes, no name has two mounts, at most 3 pins
	mkdir -m 755 "$w/vb"
	for i in 1 2 3 4 5 6 7 8; do
		mkdir -m 755 "$w/vb/$i"
		(
			for k in 1 2 3; do
				env JUDGE_VIEW_PIN_DIR="$P" JUDGE_VIEW_PINS=3 "$judge" run --json --dir "$w/vb/$i" \
					-p "$vpol" -- "$w/probe" readlink /proc/self/ns/mnt
			done
		) >"$w/vb/$i.out" 2>&1 &
	done
	for i in 1 2 3 4 5 6; do
		env JUDGE_VIEW_PIN_DIR="$P" JUDGE_VIEW_PINS=3 "$judge" run --json --dir "$w/vb/$i" \
			-p "$vpol" -- "$w/probe" readlink /proc/self/ns/mnt >/dev/null 2>&1 &
		k=$!
		sleep "0.00$i"
		kill -KILL "$k" 2>/dev/null
	done
	wait
	runs=$(cat "$w"/vb/*.out | grep -c '"verdict":"OK"')
	after=$(env JUDGE_VIEW_PIN_DIR="$P" JUDGE_VIEW_PINS=3 "$judge" run --json --dir "$w/vb/1" -p "$vpol" -- "$w/probe" readlink /proc/self/ns/mnt)
	if [ "$runs" -ne 24 ]; then
		bad viewpin-bound "$runs of 24 runs OK: $(cat "$w"/vb/*.out | grep -v -m1 '"verdict":"OK"' | head -c 300)"
	elif ! echo "$after" | grep -q '"verdict":"OK"'; then
		bad viewpin-bound "the run after the killed judges: $(echo "$after" | head -c 300)"
	elif [ "$(npins)" -gt 3 ] || [ "$(stacked)" -ne 0 ]; then
		bad viewpin-bound "$(npins) pins, $(stacked) stacked mounts: at most 3 and none expected"
	else
		ok
	fi
}
viewpins

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
