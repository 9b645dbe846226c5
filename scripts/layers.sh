#!/bin/sh
# Every layer of the sandbox, shown holding on its own.
#
# Each check runs testcases/layers/probe.c under a test policy
# (testcases/layers/policies/) that is too permissive on purpose, so that
# the other layers let the attempt through and only the layer under test can
# stop it.  Which layer said no shows in the errno the probe prints (EACCES
# from Landlock, EROFS from the read-only view, ENETUNREACH from the empty
# network namespace, ...) and in the trace log; the host is checked after the
# run.  Where it can, a check also makes the same attempt without that layer
# (natively, with a policy that lifts the rule, or as root with
# JUDGE_ROOT_LAYERS=0) and requires it to get through there: a check that
# could not fail is a failure too.
#
# The root layers (uid, capabilities, namespaces, read-only view, cgroup)
# exist only when the judge runs as root; as another user their checks are
# skipped, with the reason.  As root the script then runs again as nobody,
# from a world-readable copy of what it needs.
#
# Prints one line per failed or skipped check, then
# "N passed, N failed, N skipped"; exits 1 on any failure.
#   usage: sh scripts/layers.sh BUILD/judge       (LAYERS_VERBOSE=1: also passes)
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 JUDGE" >&2
	exit 2
fi
for tool in jq gcc setpriv; do
	if ! command -v "$tool" >/dev/null; then
		echo "layers: $tool is missing (Debian: jq gcc util-linux)" >&2
		exit 2
	fi
done
judge=$(realpath "$1")
if [ ! -x "$judge" ]; then
	echo "layers: $1 is not an executable judge; run make first" >&2
	exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
cases=$root/testcases/layers
pol=$cases/policies
cpol=$root/policies/c.json
# The checks decide which of these each run gets.
unset JUDGE_ROOT_LAYERS JUDGE_UID JUDGE_GID

# Under /tmp whatever TMPDIR says: rofs.json makes /tmp/ writable for Landlock.
umask 022
work=$(mktemp -d /tmp/judge-layers.XXXXXX) || exit 2
chmod 755 "$work"
listeners=
shm_key=$((0x4a4c0000 + $$ % 65536))
cleanup() {
	for p in $listeners; do
		kill "$p" 2>/dev/null
	done
	[ -x "$work/host" ] && "$work/host" shm-rm "$shm_key" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! gcc -O2 -o "$work/probe" "$cases/probe.c" || ! gcc -O2 -o "$work/host" "$cases/host.c" ||
	! gcc -O1 -o "$work/hostprobe" "$root/scripts/hostprobe.c"; then
	echo "layers: cannot build testcases/layers/*.c or scripts/hostprobe.c" >&2
	exit 2
fi
probe=$work/probe
host=$work/host
marker=LAYERS-SECRET-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
secret=$work/secret
printf '%s\n' "$marker" >"$secret"
chmod 644 "$secret"
is_root=false
[ "$(id -u)" -eq 0 ] && is_root=true

pass=0
failed=0
skipped=0
check=
problems=

# One check: begin NAME, any number of bad REASON, then end.
begin() {
	check=$1
	problems=
}
bad() {
	problems="${problems:+$problems; }$*"
}
end() {
	if [ -z "$problems" ]; then
		pass=$((pass + 1))
		if [ -n "${LAYERS_VERBOSE:-}" ]; then
			echo "ok   $check"
		fi
	else
		failed=$((failed + 1))
		echo "FAIL $check: $problems"
	fi
}
skip() {
	skipped=$((skipped + 1))
	echo "SKIP $1: $2"
}

# A fresh directory for one run: the program's cwd and {dir}.  Writable by
# everyone, so that the uid the program runs as is never what stops a write.
rundir() {
	rm -rf "$work/$1.d"
	mkdir "$work/$1.d"
	chmod 777 "$work/$1.d"
	echo "$work/$1.d"
}

# jrun NAME DIR [VAR=VALUE...] -- JUDGE-OPTIONS -- PROGRAM ARGS
# Leaves in $work: NAME.json (the result), NAME.out and NAME.err (the
# program's stdout and stderr), NAME.trace, NAME.status (the judge's exit).
jrun() {
	_n=$1
	_d=$2
	shift 2
	_env=
	while [ "$1" != -- ]; do
		_env="$_env $1"
		shift
	done
	shift
	# shellcheck disable=SC2086  # VAR=VALUE words, never with spaces
	(cd "$_d" && env $_env "$judge" run --json --dir "$_d" --stdout "$work/$_n.out" \
		--stderr "$work/$_n.err" --trace "$work/$_n.trace" "$@") \
		</dev/null >"$work/$_n.json" 2>"$work/$_n.judge-err"
	echo $? >"$work/$_n.status"
}

field() {
	jq -r "$2" "$work/$1.json" 2>/dev/null
}

# What the judge said about a run: its verdict and message, or why it gave none.
outcome() {
	if [ -s "$work/$1.json" ]; then
		printf '%s: %s' "$(field "$1" .verdict)" "$(field "$1" .message)"
	else
		printf 'no result, judge exit %s: %s' "$(cat "$work/$1.status")" \
			"$(head -n 1 "$work/$1.judge-err")"
	fi
}

# The program's stdout, for messages: one line, bounded.
said() {
	if [ -s "$work/$1.out" ]; then
		head -c 160 "$work/$1.out" | tr '\n' '|'
	else
		printf '(nothing; %s)' "$(outcome "$1")"
	fi
}

# expect_out RUN LINE: the program printed exactly this line.
expect_out() {
	grep -qxF -- "$2" "$work/$1.out" 2>/dev/null ||
		bad "$1: printed \"$(said "$1")\", expected \"$2\""
}

# expect_match RUN REGEX: a line of the program's stdout matches.
expect_match() {
	grep -qx -- "$2" "$work/$1.out" 2>/dev/null ||
		bad "$1: printed \"$(said "$1")\", expected a line matching \"$2\""
}

expect_verdict() {
	_v=$(field "$1" .verdict)
	[ "$_v" = "$2" ] || bad "$1: $(outcome "$1"), expected $2"
}

# expect_json RUN JQ-CONDITION WHAT: the result satisfies the condition.
expect_json() {
	[ "$(field "$1" "$2")" = true ] || bad "$1: $3"
}

# Nothing of the secret or of a successful attempt reached the output.
expect_clean() {
	for _f in "$work/$1.out" "$work/$1.err" "$work/$1.json" "$work/$1.judge-err"; do
		if grep -qF -e "$marker" -e PWNED "$_f" 2>/dev/null; then
			bad "$1: $(basename "$_f") holds the secret or PWNED"
		fi
	done
}

# The trace log has (want=1) or has not (want=0) a line matching REGEX.
expect_trace() {
	if grep -q -- "$3" "$work/$1.trace" 2>/dev/null; then
		[ "$2" = 1 ] || bad "$1: the trace log shows the tracer deciding: $(grep -m1 -- "$3" "$work/$1.trace")"
	else
		[ "$2" = 0 ] || bad "$1: no trace log line matches \"$3\""
	fi
}

# native NAME DIR ARGS: the probe run with no sandbox at all, the control.
native() {
	_n=$1
	_d=$2
	shift 2
	(cd "$_d" && "$probe" "$@") >"$work/$_n.out" 2>"$work/$_n.err" </dev/null
}

# wait_for FILE PATTERN: up to 2 s for a listener to log PATTERN.
wait_for() {
	for _i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		grep -qF -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# Not in a command substitution: that would wait for the listener to end.
start_listener() {
	"$host" "$1" "$work/$1.port" "$work/$1.log" 60000 >/dev/null 2>"$work/$1.host-err" &
	listeners="$listeners $!"
	: >>"$work/$1.log"
}

start_listener tcp
start_listener udp
for _i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	[ -s "$work/tcp.port" ] && [ -s "$work/udp.port" ] && break
	sleep 0.1
done
tcp_port=$(cat "$work/tcp.port" 2>/dev/null)
udp_port=$(cat "$work/udp.port" 2>/dev/null)
if [ -z "$tcp_port" ] || [ -z "$udp_port" ]; then
	echo "layers: the host listeners did not start" >&2
	exit 2
fi

# Landlock's ABI on this kernel, from what the judge reports.
d=$(rundir probe-landlock)
jrun probe-landlock "$d" -- -p "$cpol" -- "$probe" ids
landlock_abi=$(field probe-landlock '.sandbox.landlock // 0')
landlock_abi=${landlock_abi:-0}

############################################################ seccomp filter

# The policy kills socket: RF naming it, in both modes (testcases/core/socket
# covers more).
begin filter-socket-rf
for m in seccomp ptrace; do
	d=$(rundir "socket-$m")
	jrun "socket-$m" "$d" -- --mode "$m" -p "$cpol" -- "$probe" tcp "$tcp_port" "$marker-socket"
	expect_verdict "socket-$m" RF
	expect_json "socket-$m" '.syscall.name == "socket" and .syscall.abi == "x86_64"' \
		"RF does not name socket (x86_64): $(field "socket-$m" -c .syscall)"
	expect_clean "socket-$m"
done
end

# An errno denial is the filter's alone in seccomp mode: the probe gets the
# errno and the tracer never hears of socket.  In ptrace mode the tracer
# decides and logs it, which shows the log would have said so.
begin filter-errno-in-kernel
d=$(rundir errno-seccomp)
jrun errno-seccomp "$d" -- --mode seccomp -p "$pol/socket-errno.json" -- "$probe" tcp "$tcp_port" x
expect_out errno-seccomp "tcp: EAFNOSUPPORT"
expect_trace errno-seccomp 0 ' socket('
jrun errno-ptrace "$d" -- --mode ptrace -p "$pol/socket-errno.json" -- "$probe" tcp "$tcp_port" x
expect_out errno-ptrace "tcp: EAFNOSUPPORT"
expect_trace errno-ptrace 1 ' socket(.* = errno EAFNOSUPPORT'
end

# int $0x80 runs getpid, allowed on x86_64 by every policy: only the
# filter's architecture check can refuse it.
d=$(rundir int80-native)
if ! why=$("$work/hostprobe" int80); then
	skip filter-i386 "$why"
else
	begin filter-i386
	for m in seccomp ptrace; do
		jrun "int80-$m" "$d" -- --mode "$m" -p "$cpol" -- "$probe" int80
		expect_verdict "int80-$m" RF
		expect_json "int80-$m" '.syscall.abi == "i386" and .syscall.name == "getpid"' \
			"RF does not name getpid (i386): $(field "int80-$m" -c .syscall)"
		expect_clean "int80-$m"
	done
	end
fi

# x32 getpid: this kernel may not even have x32 (ENOSYS natively), but the
# filter must stop it before the kernel is asked.
begin filter-x32
d=$(rundir x32)
for m in seccomp ptrace; do
	jrun "x32-$m" "$d" -- --mode "$m" -p "$cpol" -- "$probe" x32
	expect_verdict "x32-$m" RF
	expect_json "x32-$m" '.syscall.abi == "x32"' "RF does not name the x32 ABI: $(field "x32-$m" -c .syscall)"
done
end

############################################################ tracer

# openat of the secret under the c policy: the tracer fails it with the
# policy's files.deny (EACCES) and its log names the path.
begin tracer-openat-path
d=$(rundir tracer-openat)
native tracer-openat-native "$d" read "$secret"
expect_out tracer-openat-native "read: ok PWNED read $marker"
for m in seccomp ptrace; do
	jrun "tracer-openat-$m" "$d" -- --mode "$m" -p "$cpol" -- "$probe" read "$secret"
	expect_out "tracer-openat-$m" "read: EACCES"
	expect_trace "tracer-openat-$m" 1 " openat(.* = errno EACCES $secret\$"
	expect_clean "tracer-openat-$m"
done
end

# stat is no business of Landlock's: with newfstatat allowed outright
# (open.json) and the filesystem view lifted, the secret's size comes out,
# so under the c policy (the view lifted still) only the tracer's path rule
# keeps it.
begin tracer-stat-path
d=$(rundir tracer-stat)
jrun tracer-stat-open "$d" JUDGE_VIEW=0 -- -p "$pol/open.json" -- "$probe" stat "$secret"
expect_match tracer-stat-open "stat: ok PWNED size [0-9]*"
for m in seccomp ptrace; do
	jrun "tracer-stat-$m" "$d" JUDGE_VIEW=0 -- --mode "$m" -p "$cpol" -- "$probe" stat "$secret"
	expect_out "tracer-stat-$m" "stat: EACCES"
	expect_trace "tracer-stat-$m" 1 " newfstatat(.* = errno EACCES $secret\$"
done
end

# Lowering a limit is always allowed by the kernel: prlimit64 with a new
# limit is refused by the tracer's argument rule alone (rlimits.json, which
# lifts the rule, lets it through).
begin tracer-prlimit-arg
d=$(rundir tracer-prlimit)
jrun tracer-prlimit-lifted "$d" -- -p "$pol/rlimits.json" -- "$probe" prlimit
expect_out tracer-prlimit-lifted "prlimit: ok PWNED lowered RLIMIT_NOFILE"
for m in seccomp ptrace; do
	jrun "tracer-prlimit-$m" "$d" -- --mode "$m" -p "$cpol" -- "$probe" prlimit
	expect_verdict "tracer-prlimit-$m" RF
	expect_json "tracer-prlimit-$m" '.syscall.name == "prlimit64"' \
		"RF does not name prlimit64: $(field "tracer-prlimit-$m" -c .syscall)"
	expect_clean "tracer-prlimit-$m"
done
end

############################################################ guards

# sched_getaffinity is allowed outright by every policy: only the guard
# keeps it to the program's own tasks.  pid 0 (itself) runs in the kernel
# unasked; pid 1 stops in the tracer and looks absent.
begin guard-other-task
d=$(rundir guard-task)
native guard-task-native "$d" affinity 1
expect_out guard-task-native "affinity: ok PWNED task 1 exists"
for m in seccomp ptrace; do
	jrun "guard-task-$m" "$d" -- --mode "$m" -p "$cpol" -- "$probe" affinity 1
	expect_out "guard-task-$m" "affinity: ESRCH"
	expect_trace "guard-task-$m" 1 ' sched_getaffinity(0x1,.* = errno ESRCH'
	expect_clean "guard-task-$m"
	jrun "guard-self-$m" "$d" -- --mode "$m" -p "$cpol" -- "$probe" affinity 0
	expect_out "guard-self-$m" "affinity: ok PWNED task 0 exists"
done
expect_trace guard-self-seccomp 0 ' sched_getaffinity('
end

# pipes.json allows pipe2, and fcntl is allowed by every policy: only the
# guard keeps a pipe at its default 64 KiB.
begin guard-pipe-size
d=$(rundir guard-pipe)
native guard-pipe-native "$d" pipesz 1048576
expect_out guard-pipe-native "pipesz: ok PWNED 1024 KiB held in a pipe"
for m in seccomp ptrace; do
	jrun "guard-pipe-$m" "$d" -- --mode "$m" -p "$pol/pipes.json" -- "$probe" pipesz 1048576
	expect_out "guard-pipe-$m" "pipesz: EPERM"
	expect_trace "guard-pipe-$m" 1 ' fcntl(.* = errno EPERM'
done
end

# mmap is allowed by every policy and RLIMIT_DATA (data.json) does not count
# shared mappings: only the guard refuses them.
begin guard-shared-anon
d=$(rundir guard-shanon)
native guard-shanon-native "$d" shanon 8
expect_out guard-shanon-native "shanon: ok PWNED 8 MiB shared"
for m in seccomp ptrace; do
	jrun "guard-shanon-$m" "$d" -- --mode "$m" -p "$pol/data.json" -- "$probe" shanon 8
	expect_verdict "guard-shanon-$m" RF
	expect_json "guard-shanon-$m" '.syscall.name == "mmap"' \
		"RF does not name mmap: $(field "guard-shanon-$m" -c .syscall)"
	expect_clean "guard-shanon-$m"
done
end

############################################################ Landlock

# open.json lets open and openat run in the kernel unasked, the mount view
# (the filesystem view lifted: JUDGE_VIEW=0) and the file's mode let the
# read through: Landlock alone says EACCES.
if [ "$landlock_abi" -lt 1 ]; then
	skip landlock-read "no Landlock on this kernel (the judge reports landlock $landlock_abi)"
	skip landlock-write "no Landlock on this kernel"
else
	begin landlock-read
	d=$(rundir landlock-read)
	native landlock-read-native "$d" read "$secret"
	expect_out landlock-read-native "read: ok PWNED read $marker"
	for m in seccomp ptrace; do
		jrun "landlock-read-$m" "$d" JUDGE_VIEW=0 -- --mode "$m" -p "$pol/open.json" -- "$probe" read "$secret"
		expect_out "landlock-read-$m" "read: EACCES"
		expect_clean "landlock-read-$m"
	done
	expect_trace landlock-read-seccomp 0 ' open\(at\)\?('
	end

	# files.write names only allowed.txt: the directory is writable (the
	# write to allowed.txt shows it), victim.txt is 0666, and still
	# neither it nor a new file can be written.
	begin landlock-write
	d=$(rundir landlock-write)
	for m in seccomp ptrace; do
		printf 'victim\n' >"$d/victim.txt"
		: >"$d/allowed.txt"
		chmod 666 "$d/victim.txt" "$d/allowed.txt"
		jrun "landlock-allowed-$m" "$d" -- --mode "$m" -p "$pol/open.json" -- "$probe" write allowed.txt
		expect_out "landlock-allowed-$m" "write: ok PWNED wrote allowed.txt"
		jrun "landlock-write-$m" "$d" -- --mode "$m" -p "$pol/open.json" -- "$probe" write victim.txt
		expect_out "landlock-write-$m" "write: EACCES"
		jrun "landlock-create-$m" "$d" -- --mode "$m" -p "$pol/open.json" -- "$probe" create new.txt
		expect_out "landlock-create-$m" "create: EACCES"
		[ "$(cat "$d/victim.txt")" = victim ] || bad "landlock-write-$m: victim.txt changed on the host"
		[ ! -e "$d/new.txt" ] || bad "landlock-create-$m: new.txt appeared on the host"
	done
	end
fi

# TCP connect to the host's own listener, socket and connect allowed
# outright: EACCES is Landlock's (the network namespace, as root, would say
# ENETUNREACH, and only after Landlock's hook).
if [ "$landlock_abi" -lt 4 ]; then
	skip landlock-tcp "Landlock ABI $landlock_abi has no network rules (4 needed)"
else
	begin landlock-tcp
	d=$(rundir landlock-tcp)
	native landlock-tcp-native "$d" tcp "$tcp_port" "$marker-native-tcp"
	expect_out landlock-tcp-native "tcp: ok PWNED connected"
	wait_for "$work/tcp.log" "$marker-native-tcp" ||
		bad "the host listener did not log the unsandboxed connection"
	for m in seccomp ptrace; do
		jrun "landlock-tcp-$m" "$d" -- --mode "$m" -p "$pol/open.json" -- \
			"$probe" tcp "$tcp_port" "$marker-landlock-tcp"
		expect_out "landlock-tcp-$m" "tcp: EACCES"
		expect_clean "landlock-tcp-$m"
	done
	if grep -qF "$marker-landlock-tcp" "$work/tcp.log"; then
		bad "the host listener received the sandboxed program's data"
	fi
	end
fi

############################################################ filesystem view

# open.json lets newfstatat and readlink run in the kernel unasked, so
# neither the tracer nor Landlock (which does not check them) is asked:
# the view alone holds no secret, no link to it and no /etc/shadow, where
# the program gets ENOENT.  Lifted (JUDGE_VIEW=0), each answers.
view=$(field probe-landlock '.sandbox.view')
if [ "$view" != root ] && [ "$view" != userns ]; then
	for c in view-stat view-readlink view-rofs; do
		skip "$c" "no filesystem view here: $(field probe-landlock '.sandbox.view_missing // "not reported"')"
	done
else
	begin view-stat
	d=$(rundir view-stat)
	for m in seccomp ptrace; do
		jrun "view-stat-$m" "$d" -- --mode "$m" -p "$pol/open.json" -- "$probe" stat "$secret"
		expect_out "view-stat-$m" "stat: ENOENT"
		expect_clean "view-stat-$m"
		jrun "view-shadow-$m" "$d" -- --mode "$m" -p "$pol/open.json" -- "$probe" stat /etc/shadow
		expect_out "view-shadow-$m" "stat: ENOENT"
	done
	expect_trace view-stat-seccomp 0 ' newfstatat('
	jrun view-stat-off "$d" JUDGE_VIEW=0 -- -p "$pol/open.json" -- "$probe" stat "$secret"
	expect_match view-stat-off "stat: ok PWNED size [0-9]*"
	jrun view-shadow-off "$d" JUDGE_VIEW=0 -- -p "$pol/open.json" -- "$probe" stat /etc/shadow
	expect_match view-shadow-off "stat: ok PWNED size [0-9]*"
	end

	begin view-readlink
	d=$(rundir view-readlink)
	rm -f "$work/secret-link"
	ln -s "$secret" "$work/secret-link"
	for m in seccomp ptrace; do
		jrun "view-readlink-$m" "$d" -- --mode "$m" -p "$pol/open.json" -- "$probe" readlink "$work/secret-link"
		expect_out "view-readlink-$m" "readlink: ENOENT"
		expect_clean "view-readlink-$m"
	done
	jrun view-readlink-off "$d" JUDGE_VIEW=0 -- -p "$pol/open.json" -- "$probe" readlink "$work/secret-link"
	expect_out view-readlink-off "readlink: ok PWNED link to $secret"
	end

	# rofs.json makes all of /tmp/ writable for Landlock and the victim is
	# 0666 in a 0777 directory: the view binds /tmp read-only (only the work
	# directory is writable), as root and without.  Lifted (and the root
	# layers, whose read-only mount would refuse too), the write lands.
	begin view-rofs
	d=$(rundir view-rofs)
	o=$work/view-outside
	mkdir -p "$o"
	chmod 777 "$o"
	printf 'victim\n' >"$o/victim.txt"
	printf 'victim\n' >"$o/control.txt"
	chmod 666 "$o/victim.txt" "$o/control.txt"
	jrun view-rofs-inside "$d" -- -p "$pol/rofs.json" -- "$probe" create new.txt
	expect_out view-rofs-inside "create: ok PWNED wrote new.txt"
	for m in seccomp ptrace; do
		jrun "view-rofs-$m" "$d" -- --mode "$m" -p "$pol/rofs.json" -- "$probe" write "$o/victim.txt"
		expect_out "view-rofs-$m" "write: EROFS"
	done
	[ "$(cat "$o/victim.txt")" = victim ] || bad "view-rofs: $o/victim.txt changed on the host"
	jrun view-rofs-off "$d" JUDGE_VIEW=0 JUDGE_ROOT_LAYERS=0 -- -p "$pol/rofs.json" -- "$probe" write "$o/control.txt"
	expect_out view-rofs-off "write: ok PWNED wrote $o/control.txt"
	[ "$(cat "$o/control.txt")" = PWNED ] || bad "view-rofs-off: the control write did not reach the host"
	end
fi

############################################################ rlimits

# RLIMIT_FSIZE = output limit + 1: with SIGXFSZ ignored the probe sees EFBIG
# at exactly that size, and that is all the saved stdout holds.
begin rlimit-fsize
d=$(rundir fsize)
jrun fsize "$d" -- -o 4K -p "$cpol" -- "$probe" fill 100000
grep -qxF "fill: EFBIG after 4097" "$work/fsize.err" 2>/dev/null ||
	bad "fsize: the program's stderr says \"$(head -c 100 "$work/fsize.err" 2>/dev/null)\" ($(outcome fsize)), expected \"fill: EFBIG after 4097\""
size=$(wc -c <"$work/fsize.out" 2>/dev/null)
[ "${size:-0}" -eq 4097 ] || bad "fsize: saved stdout is ${size:-no} bytes, expected 4097"
expect_verdict fsize OLE
end

# Untouched 8 MiB mappings: below the size the filter sends to the tracer,
# never resident, so no meter sees them; RLIMIT_AS (limit + 16 MiB) refuses
# them all the same.  RLIMIT_DATA likewise for a "data" policy.
d=$(rundir mmaps)
native mmaps-native "$d" mmaps 8 1024
begin rlimit-as
expect_out mmaps-native "mmaps: ok 1024 MiB"
jrun rlimit-as "$d" -- -m 32M -p "$cpol" -- "$probe" mmaps 8 1024
expect_match rlimit-as "mmaps: ENOMEM after \([0-9]\|[1-3][0-9]\|4[0-8]\) MiB"
end
begin rlimit-data
expect_out mmaps-native "mmaps: ok 1024 MiB"
jrun rlimit-data "$d" -- -m 32M -p "$pol/data.json" -- "$probe" mmaps 8 1024
expect_match rlimit-data "mmaps: ENOMEM after \([0-9]\|[1-3][0-9]\|4[0-8]\) MiB"
end
# One huge mapping: refused by the rlimit, and the tracer, to which the
# filter sends big lengths, makes that MLE.
begin rlimit-as-huge
jrun rlimit-huge "$d" -- -m 32M -p "$cpol" -- "$probe" mmaps 1024 1024
expect_out rlimit-huge "mmaps: ENOMEM after 0 MiB"
expect_verdict rlimit-huge MLE
end

# RLIMIT_CORE 0 (hard): the probe cannot raise it (rlimits.json lets it
# try), and a segfault leaves no core file in a directory that Landlock,
# the mount view and the mode would all let it write.  The control: the
# same crash unsandboxed, with cores on, does leave one here.
dn=$(rundir core-native)
# (nested, so that the shell reporting the crash writes to /dev/null)
# shellcheck disable=SC3045  # ulimit -c and -H: dash and bash both have them
( (ulimit -c unlimited && cd "$dn" && "$probe" segv); true) >/dev/null 2>&1 </dev/null
found=
for f in "$dn"/core*; do
	[ -e "$f" ] && found=$f
done
if [ -z "$found" ]; then
	# shellcheck disable=SC3045
	skip rlimit-core "an unsandboxed crash leaves no core file in its cwd here (core_pattern: $(cat /proc/sys/kernel/core_pattern 2>/dev/null), hard limit $(ulimit -H -c))"
else
	begin rlimit-core
	d=$(rundir core)
	jrun core "$d" -- -p "$pol/rlimits.json" -- "$probe" segv
	expect_out core "segv: raise EPERM"
	expect_json core '.verdict == "RE" and .signal == 11' "not RE by SIGSEGV: $(field core .message)"
	for f in "$d"/* "$d"/.[!.]*; do
		[ -e "$f" ] && bad "core: the work directory now holds ${f##*/}"
	done
	end
fi

# RLIMIT_NOFILE 256: /dev/null opened until it fails.
begin rlimit-nofile
d=$(rundir nofile)
jrun nofile "$d" -- -p "$pol/rlimits.json" -- "$probe" nofile /dev/null
expect_out nofile "nofile: EMFILE last fd 255"
end

############################################################ as root

root_checks="root-uid root-caps root-netns root-rofs root-uts root-ipc root-cgroup-memory root-cgroup-pids"
if ! $is_root; then
	for c in $root_checks; do
		skip "$c" "not root: the judge adds this layer only when it runs as root"
	done
else
	# Every root check also needs the judge to say its root layers are on.
	root_layers() {
		expect_json "$1" '.sandbox.uid_drop and .sandbox.namespaces' \
			"the judge ran as root without its root layers: $(field "$1" -c .sandbox)"
	}
	host_uts=$(readlink /proc/self/ns/uts)
	host_ipc=$(readlink /proc/self/ns/ipc)

	# uid/gid nobody, no groups; a 0600 file of root's in the work directory
	# (in files.read, opened unasked) is closed to it by its mode alone.
	begin root-uid
	d=$(rundir root-uid)
	printf 'ROOT-%s\n' "$marker" >"$d/roots.txt"
	chmod 600 "$d/roots.txt"
	jrun root-ids "$d" -- -p "$pol/open.json" -- "$probe" ids
	expect_out root-ids "ids: 65534 65534 65534 65534 groups 0"
	root_layers root-ids
	jrun root-dac "$d" -- -p "$pol/open.json" -- "$probe" read roots.txt
	expect_out root-dac "read: EACCES"
	expect_clean root-dac
	jrun root-dac-off "$d" JUDGE_ROOT_LAYERS=0 -- -p "$pol/open.json" -- "$probe" read roots.txt
	expect_out root-dac-off "read: ok PWNED read ROOT-$marker"
	end

	# No capability in any set.  Alone: run as uid 0 (JUDGE_UID=0), the
	# program still cannot read another user's 0600 file, which root with
	# CAP_DAC_OVERRIDE can.
	begin root-caps
	d=$(rundir root-caps)
	printf 'OTHER-%s\n' "$marker" >"$d/others.txt"
	chown 1234:1234 "$d/others.txt"
	chmod 600 "$d/others.txt"
	jrun root-caps "$d" -- -p "$pol/open.json" -- "$probe" caps
	expect_out root-caps "caps: eff 0000000000000000 prm 0000000000000000 inh 0000000000000000 bnd 0 amb 0"
	root_layers root-caps
	jrun root-caps-uid0 "$d" JUDGE_UID=0 JUDGE_GID=0 -- -p "$pol/open.json" -- "$probe" ids
	expect_out root-caps-uid0 "ids: 0 0 0 0 groups 0"
	jrun root-caps-dac "$d" JUDGE_UID=0 JUDGE_GID=0 -- -p "$pol/open.json" -- "$probe" read others.txt
	expect_out root-caps-dac "read: EACCES"
	expect_clean root-caps-dac
	jrun root-caps-off "$d" JUDGE_ROOT_LAYERS=0 JUDGE_VIEW=0 -- -p "$pol/open.json" -- "$probe" read others.txt
	expect_out root-caps-off "read: ok PWNED read OTHER-$marker"
	end

	# UDP, which Landlock does not cover, to the host's listener on
	# 127.0.0.1: inside the namespace that address is a loopback that is
	# down.  Without the root layers the datagram arrives.
	begin root-netns
	d=$(rundir root-netns)
	jrun root-netns "$d" -- -p "$pol/open.json" -- "$probe" udp "$udp_port" "$marker-netns-udp"
	expect_match root-netns "udp: E[A-Z]*"
	root_layers root-netns
	jrun root-netns-off "$d" JUDGE_ROOT_LAYERS=0 -- -p "$pol/open.json" -- \
		"$probe" udp "$udp_port" "$marker-control-udp"
	expect_out root-netns-off "udp: ok PWNED sent"
	wait_for "$work/udp.log" "$marker-control-udp" ||
		bad "the host listener did not log the datagram sent without the root layers"
	if grep -qF "$marker-netns-udp" "$work/udp.log"; then
		bad "the host listener received the sandboxed program's datagram"
	fi
	end

	# rofs.json makes all of /tmp/ writable for Landlock and the victim is
	# 0666 in a 0777 directory: only the read-only mount refuses (the
	# filesystem view, which would refuse too, lifted: JUDGE_VIEW=0).
	begin root-rofs
	d=$(rundir root-rofs)
	o=$work/outside
	mkdir -p "$o"
	chmod 777 "$o"
	printf 'victim\n' >"$o/victim.txt"
	printf 'victim\n' >"$o/control.txt"
	chmod 666 "$o/victim.txt" "$o/control.txt"
	jrun root-rofs-inside "$d" JUDGE_VIEW=0 -- -p "$pol/rofs.json" -- "$probe" create new.txt
	expect_out root-rofs-inside "create: ok PWNED wrote new.txt"
	jrun root-rofs "$d" JUDGE_VIEW=0 -- -p "$pol/rofs.json" -- "$probe" write "$o/victim.txt"
	expect_out root-rofs "write: EROFS"
	jrun root-rofs-create "$d" JUDGE_VIEW=0 -- -p "$pol/rofs.json" -- "$probe" create "$o/new.txt"
	expect_out root-rofs-create "create: EROFS"
	root_layers root-rofs
	[ "$(cat "$o/victim.txt")" = victim ] || bad "root-rofs: $o/victim.txt changed on the host"
	[ ! -e "$o/new.txt" ] || bad "root-rofs-create: $o/new.txt appeared on the host"
	jrun root-rofs-off "$d" JUDGE_ROOT_LAYERS=0 JUDGE_VIEW=0 -- -p "$pol/rofs.json" -- "$probe" write "$o/control.txt"
	expect_out root-rofs-off "write: ok PWNED wrote $o/control.txt"
	[ "$(cat "$o/control.txt")" = PWNED ] || bad "root-rofs-off: the control write did not reach the host"
	end

	# The UTS namespace cannot be shown alone: sethostname needs
	# CAP_SYS_ADMIN, which the program never has (not even as JUDGE_UID=0).
	# So: the hostname cannot be changed, the host's is untouched, and the
	# program's UTS namespace is not the host's.
	begin root-uts
	d=$(rundir root-uts)
	before=$(cat /proc/sys/kernel/hostname)
	jrun root-uts "$d" -- -p "$pol/open.json" -- "$probe" sethostname "layers-$$"
	expect_match root-uts "sethostname: E[A-Z]*"
	root_layers root-uts
	jrun root-uts-uid0 "$d" JUDGE_UID=0 JUDGE_GID=0 -- -p "$pol/open.json" -- "$probe" sethostname "layers-$$"
	expect_match root-uts-uid0 "sethostname: E[A-Z]*"
	if [ "$(cat /proc/sys/kernel/hostname)" != "$before" ]; then
		bad "the host's hostname changed (put back)"
		printf '%s\n' "$before" >/proc/sys/kernel/hostname
	fi
	jrun root-uts-ns "$d" -- -p "$pol/open.json" -- "$probe" ns uts
	expect_match root-uts-ns "ns: uts:\[[0-9]*\]"
	grep -qxF "ns: $host_uts" "$work/root-uts-ns.out" && bad "root-uts-ns: the program shares the host's UTS namespace"
	jrun root-uts-ns-off "$d" JUDGE_ROOT_LAYERS=0 -- -p "$pol/open.json" -- "$probe" ns uts
	expect_out root-uts-ns-off "ns: $host_uts"
	end

	# A 0666 SysV segment of the host's, which nobody could attach to:
	# only the IPC namespace hides it.
	begin root-ipc
	d=$(rundir root-ipc)
	if ! "$host" shm "$shm_key" >/dev/null; then
		bad "cannot create the host's SysV segment $shm_key"
	fi
	jrun root-ipc "$d" -- -p "$pol/open.json" -- "$probe" shm "$shm_key"
	expect_out root-ipc "shm: ENOENT"
	root_layers root-ipc
	jrun root-ipc-ns "$d" -- -p "$pol/open.json" -- "$probe" ns ipc
	grep -qxF "ns: $host_ipc" "$work/root-ipc-ns.out" && bad "root-ipc-ns: the program shares the host's IPC namespace"
	# A policy that can make no IPC object joins the IPC and UTS namespaces
	# kept at /run/judge (isolate.h: nothing can ever exist in them), run
	# after run; one that can (open.json allows shmget) gets fresh ones.
	kept_ipc="ipc:[$(stat -L -c %i /run/judge/ipcns 2>/dev/null)]"
	kept_uts="uts:[$(stat -L -c %i /run/judge/utsns 2>/dev/null)]"
	jrun root-ipc-kept "$d" -- -p "$pol/noipc.json" -- "$probe" ns ipc
	expect_out root-ipc-kept "ns: $kept_ipc"
	jrun root-ipc-kept-again "$d" -- -p "$pol/noipc.json" -- "$probe" ns ipc
	expect_out root-ipc-kept-again "ns: $kept_ipc"
	jrun root-uts-kept "$d" -- -p "$pol/noipc.json" -- "$probe" ns uts
	expect_out root-uts-kept "ns: $kept_uts"
	grep -qxF "ns: $kept_ipc" "$work/root-ipc-ns.out" &&
		bad "root-ipc-ns: a policy that allows shmget joined the kept IPC namespace"
	grep -qxF "ns: $kept_uts" "$work/root-uts-ns.out" &&
		bad "root-uts-ns: a policy that allows shmget joined the kept UTS namespace"
	grep -qxF "ns: $host_ipc" "$work/root-ipc-kept.out" && bad "root-ipc-kept: the program shares the host's IPC namespace"
	# A FIFO left at a pin's name (the directory is root's: only root could
	# leave one) is replaced by the namespace, never opened: opening it
	# blocked the judge.
	umount /run/judge/utsns 2>/dev/null
	rm -f /run/judge/utsns
	mkfifo /run/judge/utsns
	if ! (cd "$d" && timeout 20 "$judge" run --json --dir "$d" -p "$pol/noipc.json" -- "$probe" ns uts) \
		</dev/null >"$work/root-uts-fifo.json" 2>&1; then
		bad "root-uts-fifo: with a FIFO at /run/judge/utsns: $(head -c 200 "$work/root-uts-fifo.json")"
	elif [ "$(stat -c %F /run/judge/utsns)" = fifo ]; then
		bad "root-uts-fifo: the FIFO is still at /run/judge/utsns"
	fi
	jrun root-ipc-off "$d" JUDGE_ROOT_LAYERS=0 -- -p "$pol/open.json" -- "$probe" shm "$shm_key"
	expect_match root-ipc-off "shm: ok PWNED host segment [0-9]*"
	"$host" shm-rm "$shm_key"
	end

	# 128 MiB written into memfds: in no rlimit and in no resident size, so
	# only the cgroup (16M + 16 MiB) stops it, and the verdict is MLE.
	begin root-cgroup-memory
	d=$(rundir root-cgroup-memory)
	jrun root-memfd "$d" -- -m 16M -p "$pol/memfd.json" -- "$probe" memfd 8 16
	expect_json root-memfd '.sandbox.cgroup' "the judge made no cgroup"
	grep -q '^memfd: ok' "$work/root-memfd.out" && bad "root-memfd: the program wrote all 128 MiB"
	expect_verdict root-memfd MLE
	jrun root-memfd-off "$d" JUDGE_ROOT_LAYERS=0 -- -m 16M -p "$pol/memfd.json" -- "$probe" memfd 8 16
	expect_out root-memfd-off "memfd: ok 128 MiB"
	end

	# Children that exit unwaited: the tracer counts live tasks only, the
	# pids cgroup counts their pids until they are reaped.
	begin root-cgroup-pids
	d=$(rundir root-cgroup-pids)
	jrun root-pids "$d" -- -p "$pol/zombies.json" -- "$probe" zombies 8
	expect_json root-pids '.sandbox.cgroup' "the judge made no cgroup"
	expect_match root-pids "zombies: EAGAIN after [0-7]"
	jrun root-pids-off "$d" JUDGE_ROOT_LAYERS=0 -- -p "$pol/zombies.json" -- "$probe" zombies 8
	expect_out root-pids-off "zombies: ok 8"
	end
fi

############################################################ again as nobody

if $is_root && [ -z "${LAYERS_INNER:-}" ]; then
	nb=$work/nobody
	mkdir -p "$nb/build" "$nb/scripts" "$nb/testcases"
	cp "$judge" "$nb/build/judge"
	cp "$root/scripts/layers.sh" "$root/scripts/hostprobe.c" "$nb/scripts/"
	cp -R "$cases" "$nb/testcases/"
	cp -R "$root/policies" "$nb/"
	chmod -R a+rX "$nb"
	setpriv --reuid=65534 --regid=65534 --clear-groups env LAYERS_INNER=1 HOME=/ \
		${LAYERS_VERBOSE:+LAYERS_VERBOSE=1} \
		sh "$nb/scripts/layers.sh" "$nb/build/judge" >"$work/nobody.log" 2>&1
	sed '$d' "$work/nobody.log" | sed 's/^/[nobody] /'
	last=$(tail -n 1 "$work/nobody.log")
	case $last in
	*" passed, "*" failed, "*" skipped")
		# shellcheck disable=SC2086  # split into its words on purpose
		set -- $last
		pass=$((pass + $1))
		failed=$((failed + $3))
		skipped=$((skipped + $5))
		;;
	*)
		echo "[nobody] the pass did not finish: $last"
		failed=$((failed + 1))
		;;
	esac
fi

echo "$pass passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
