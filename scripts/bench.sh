#!/bin/sh
# make bench: one table.  Each workload runs natively, under the floor launcher
# (scripts/bench/floor.c: fork, TRACEME, seccomp, exec, wait: the least any
# tracer-based judge does), under Debian's bubblewrap with a seccomp filter (a
# peer a user would pick instead), and under the judge in --mode seccomp and
# --mode ptrace, interleaved repetition by repetition (scripts/bench/benchrun.c
# says how, and how the number of repetitions is chosen).  docs/bench.md
# explains the columns and holds a recorded run.
#
#   sh scripts/bench.sh [JUDGE]        JUDGE defaults to build/judge
#
# BENCH_QUICK=1 runs few repetitions (to check that the script works, not to measure).
# BENCH_RAW=FILE keeps every number benchrun printed (stops, judge CPU, intervals).
# BENCH_ONLY=WORD runs only the workloads whose name contains WORD.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
judge=$(realpath "${1:-$root/build/judge}")
src=$root/scripts/bench
cc=${CC:-gcc}
[ -x "$judge" ] || { echo "bench: $judge: not built (run make)" >&2; exit 2; }

# The program's stdout is a memfd under the judge, that is, shmem: a file in
# /dev/shm is the same kind of memory, so the native runs write there too.
base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
tmp=$(mktemp -d "$base/judge-bench.XXXXXX")
chmod 755 "$tmp"	# the JVM must reach its jar below it; nothing here is secret
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# Time budget per workload, in seconds of measuring; with ~5 s of builds and
# the input file, `make bench` takes about six minutes on a 2-core machine (5 min 43 s
# on 2026-12-03, the worker benchmark included).
quick=${BENCH_QUICK:-}
if [ -n "$quick" ]; then
	reps="-n 2 -N 2 -T 5"; startup_reps="-n 20 -N 20"; slow_cap=1; pause_reps="-n 3 -N 3"
else
	reps="-n 9 -N 41 -T 30 -e 0.01"; startup_reps="-n 500 -N 500"; slow_cap=3; pause_reps="-n 20 -N 20"
fi

# A copy, so that a rebuild of the tree during the run cannot swap the binary
# between repetitions; it finds the policies through JUDGE_POLICIES.
cp "$judge" "$tmp/judge"
built=$judge
if [ -z "${JUDGE_POLICIES:-}" ] && [ -d "$(dirname "$judge")/../policies" ]; then
	JUDGE_POLICIES=$(cd "$(dirname "$judge")/../policies" && pwd)
	export JUDGE_POLICIES
fi
judge=$tmp/judge

# --- build the timer and the workloads -------------------------------------
"$cc" -O2 -o "$tmp/benchrun" "$src/benchrun.c" -lm
# The floor launcher, static like the judge, and the same filter for bwrap.
"$cc" -O2 -static -o "$tmp/floor" "$src/floor.c" 2>/dev/null || "$cc" -O2 -o "$tmp/floor" "$src/floor.c"
"$tmp/floor" --bpf "$tmp/filter.bpf"
bwrap=$(command -v bwrap || true)
[ -n "$bwrap" ] || echo "bench: no bwrap (Debian's bubblewrap): the peer column stays empty" >&2
# The workloads are built like policies/c.json builds a submission.
for w in writes sum cpu mem gen; do
	"$cc" -std=gnu17 -O2 -pipe -o "$tmp/$w" "$src/$w.c" -lm
done
if "$cc" -O2 -static -o "$tmp/true" "$src/true.c" 2>/dev/null; then
	startup_name="startup (static, x500)"
else
	echo "bench: no static libc here (libc6-dev provides libc.a): startup runs a dynamic binary" >&2
	"$cc" -O2 -o "$tmp/true" "$src/true.c"
	startup_name="startup (dynamic, x500)"
fi
"$tmp/gen" 50000000 > "$tmp/numbers.txt"

java_note=""
if [ ! -f "${JUDGE_POLICIES:-$root/policies}/java.json" ]; then
	java_note="n/a (no java policy)"
elif ! command -v javac >/dev/null || ! command -v jar >/dev/null; then
	java_note="n/a (no javac/jar)"
else
	# Run as the java policy runs a submission: its own "run" command on a jar.
	mkdir -p "$tmp/java/classes"
	javac -d "$tmp/java/classes" "$src/Hello.java"
	jar --create --file "$tmp/java/hello.jar" --main-class Hello -C "$tmp/java/classes" .
	python3 - "${JUDGE_POLICIES:-$root/policies}/java.json" "$tmp/java" > "$tmp/java/argv" <<-'EOF'
		import json, shutil, sys
		run = json.load(open(sys.argv[1])).get("run") or ["java", "-Xshare:auto", "-jar", "{exe}"]
		run[0] = shutil.which(run[0]) or run[0]
		for a in run:
		    print(a.replace("{exe}", sys.argv[2] + "/hello.jar").replace("{dir}", sys.argv[2])
		           .replace("{memory_mb}", "1024"))
	EOF
fi

# --- run -------------------------------------------------------------------
results=$tmp/results
: > "$results"
failed=0

# bench NAME TIMER-OPTIONS STDIN JUDGE-OPTIONS -- PROGRAM [ARGS...]
# Appends one "row=NAME" line and benchrun's lines for it to $results.
# The program's words hold no spaces (the paths are this script's own).
bench() {
	name=$1 topts=$2 input=$3 jopts=$4
	shift 5
	prog="$*"
	case $name in *"${BENCH_ONLY:-}"*) ;; *) return 0 ;; esac
	ptrace_label=ptrace
	case $name in syscall*) ptrace_label=ptrace/$slow_cap ;; esac
	echo "bench: $name" >&2
	# The peer: bubblewrap with every namespace, the system read-only, the
	# benchmark's files, and the floor's filter on fd 10.
	peer="" cwd=$tmp
	case $(pwd) in "$tmp"*) cwd=$(pwd) ;; esac
	[ -z "$bwrap" ] || peer="::: bwrap $bwrap --unshare-all --die-with-parent --new-session
		--ro-bind /usr /usr --ro-bind /etc /etc --symlink usr/lib /lib
		--symlink usr/lib64 /lib64 --symlink usr/bin /bin --proc /proc --dev /dev
		--tmpfs /tmp --ro-bind $tmp $tmp --chdir $cwd --seccomp 10 $prog"
	# shellcheck disable=SC2086
	if "$tmp/benchrun" $topts -i "$input" -o "$tmp/stdout" -M -F "10:$tmp/filter.bpf" \
		-R floor,bwrap \
		native $prog \
		::: floor "$tmp/floor" $prog \
		$peer \
		::: seccomp "$judge" run --json --mode seccomp -i "$input" $jopts -- $prog \
		::: "$ptrace_label" "$judge" run --json --mode ptrace -i "$input" $jopts -- $prog \
		> "$tmp/one" 2> "$tmp/err"; then
		echo "row=$name" >> "$results"
		cat "$tmp/one" >> "$results"
	else
		cat "$tmp/err" >&2
		printf 'row=%s\nerror=%s\n' "$name" "$(tail -n 1 "$tmp/err" | sed 's/^benchrun: //')" >> "$results"
		failed=1
	fi
}

load0=$(cut -d' ' -f1-3 /proc/loadavg)
t0=$(date +%s)
lim="-t 60000"
bench "$startup_name" "$startup_reps" /dev/null "$lim" -- "$tmp/true"
# The same after half a second of idle before every run: a backend that starts
# one judge per test between other work (docs/bench.md, "A run after a pause").
bench "one-shot after 0.5 s idle (x20)" "$pause_reps -P 0.5" /dev/null "$lim" -- "$tmp/true"
bench "syscall-heavy (1M writes)" "$reps" /dev/null "-p $src/devnull.json $lim" -- "$tmp/writes"
bench "mixed I/O (scanf 50 MB)" "$reps" "$tmp/numbers.txt" "$lim" -- "$tmp/sum"
bench "CPU-bound" "$reps" /dev/null "$lim" -- "$tmp/cpu"
bench "memory (touch 256 MiB)" "$reps" /dev/null "$lim -m 512M" -- "$tmp/mem"
if [ -z "$java_note" ]; then
	# The jar sits in the program's directory, the judge's working directory.
	cd "$tmp/java"
	# one argument a line, none with spaces in the policy's run command
	# shellcheck disable=SC2046
	# --dir: the program sees only what its policy names and its working directory
	bench "JVM hello (-jar, java policy)" "$reps" /dev/null "-p java --dir $tmp/java $lim -m 1G" -- $(cat argv)
	cd "$root"
else
	printf 'row=JVM hello\nna=%s\n' "$java_note" >> "$results"
fi

# judge test on many tiny tests against a shell loop that runs the program and
# cmp's its output: both compile the source first (gcc with c.json's flags, the
# judge's in its sandbox), so the row is the throughput a teacher or a
# contestant sees.
tests=${BENCH_TESTS:-200}
case "judge test" in *"${BENCH_ONLY:-}"*)
	echo "bench: judge test, $tests tiny tests" >&2
	mkdir -p "$tmp/tiny"
	i=0
	while [ "$i" -lt "$tests" ]; do
		echo "$i 1" > "$tmp/tiny/$i.in"; echo "$((i + 1))" > "$tmp/tiny/$i.ans"; i=$((i + 1))
	done
	cat > "$tmp/loop.sh" <<-EOF
		#!/bin/sh
		cd $tmp && gcc -std=gnu17 -O2 -pipe -o $tmp/loopsum $src/sum.c -lm || exit 1
		for f in $tmp/tiny/*.in; do
			$tmp/loopsum < "\$f" > $tmp/loop.out && cmp -s $tmp/loop.out "\${f%.in}.ans" || exit 1
		done
	EOF
	chmod +x "$tmp/loop.sh"
	# shellcheck disable=SC2086
	if "$tmp/benchrun" $reps -o "$tmp/stdout" native-loop /bin/sh "$tmp/loop.sh" \
		::: "judge-test" "$judge" test --json "$src/sum.c" "$tmp/tiny" > "$tmp/one" 2> "$tmp/err"; then
		echo "row=judge test" >> "$results"
		cat "$tmp/one" >> "$results"
	else
		cat "$tmp/err" >&2
		failed=1
	fi
;; esac
t1=$(date +%s)
load1=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the tables ------------------------------------------------------------
echo
echo "judge benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs," \
	"$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
	"Linux $(uname -r); load average $load0 before, $load1 after; $((t1 - t0)) s"
echo
awk -v quick="$quick" -v tests="$tests" -f "$src/fields.awk" -f /dev/stdin "$results" <<'EOF'
function t(ms) {
	if (ms == "") return "-"
	ms += 0
	if (ms < 10) return sprintf("%.3f ms", ms)
	if (ms < 1000) return sprintf("%.1f ms", ms)
	return sprintf("%.2f s", ms / 1000)
}
function mib(kb) { return kb == "" || kb + 0 < 0 ? "?" : sprintf("%.1f", kb / 1024) }
function cpu(ms) { ms += 0; return ms < 10 && ms > -10 ? sprintf("%.1f", ms) : sprintf("%.0f", ms) }
function flush(    n, s, p, f, b) {
	if (row == "") return
	if (na != "") {
		printf "| %s | %s | | | | | | | | | | | |\n", row, na
	} else if (err != "") {
		printf "| %s | failed: %s | | | | | | | | | | | |\n", row, err
	} else {
		n = line["native"]; s = line["seccomp"]; p = line["ptrace"]; f = line["floor"]; b = line["bwrap"]
		printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s / %s / %s | %s/%s |\n", row,
			t(kv(n, "wall_ms")), t(kv(f, "wall_ms")), b == "" ? "-" : t(kv(b, "wall_ms")),
			t(kv(s, "wall_ms")), t(kv(p, "wall_ms")),
			ratio(s), ratio(s, "r_floor"), ratio(s, "r_bwrap"), ratio(p),
			mib(kv(s, "selfrss_kb")), mib(kv(p, "selfrss_kb")),
			cpu(kv(n, "cpu_ms")), cpu(kv(s, "j_cpu_ms")), cpu(kv(p, "j_cpu_ms")),
			kv(n, "reps"), kv(p, "reps")
		rows[++nrows] = row
		nat[row] = kv(n, "wall_ms") + 0; sec[row] = kv(s, "wall_ms") + 0; ptr[row] = kv(p, "wall_ms") + 0
		flo[row] = kv(f, "wall_ms") + 0
		sr[row] = kv(s, "ratio") + 0; sf[row] = kv(s, "r_floor") + 0
		if (kv(s, "selfrss_kb") + 0 > rss) rss = kv(s, "selfrss_kb") + 0
		if (kv(p, "selfrss_kb") + 0 > rss) rss = kv(p, "selfrss_kb") + 0
	}
	row = ""; na = ""; err = ""; delete line
}
BEGIN {
	print "| workload | native | floor | bwrap | judge (seccomp) | judge (ptrace) | judge/native | judge/floor | judge/peer (bwrap) | ptrace/native | judge RSS MiB (seccomp / ptrace) | program CPU ms: native / judge-reported seccomp / ptrace | runs (native/ptrace) |"
	print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
}
/^row=judge test$/ { flush(); tt = 1; next }
tt && /^label=native-loop/ { tl = $0; next }
tt && /^label=judge-test/ { tj = $0; tt = 0; next }
/^row=/ { flush(); row = substr($0, 5); next }
/^na=/ { na = substr($0, 4); next }
/^error=/ { err = substr($0, 7); next }
/^label=/ { l = kv($0, "label"); line[l] = $0; next }
END {
	flush()
	print ""
	for (i = 1; i <= nrows; i++) {
		r = rows[i]
		if (r ~ /^startup/) {
			printf "startup overhead per run over native fork+exec+wait: seccomp %+.3f ms, ptrace %+.3f ms, floor launcher %+.3f ms\n",
				sec[r] - nat[r], ptr[r] - nat[r], flo[r] - nat[r]
			printf "one-shot judge run against the floor launcher: %.2fx (target <= 1.3): %s\n",
				sf[r], sf[r] <= 1.3 ? "met" : "NOT met"
		}
		if (r ~ /^(syscall|mixed|CPU)/)
			printf "%s: seccomp/native %.3f (target <= 1.05): %s\n", r, sr[r], sr[r] <= 1.05 ? "met" : "NOT met"
	}
	if (tj != "") {
		# throughput is the inverse of time: loop / judge
		printf "judge test, %s tiny tests, compile included: shell loop with cmp %s, judge test %s; throughput judge/loop %.2f (target >= 0.9): %s\n",
			tests, t(kv(tl, "wall_ms")), t(kv(tj, "wall_ms")), 1 / kv(tj, "ratio"),
			(1 / kv(tj, "ratio") >= 0.9 ? "met" : "NOT met")
	}
	if (nrows)
		printf "judge peak RSS, worst row: %.1f MiB (target <= 8 MiB): %s\n", rss / 1024, rss <= 8192 ? "met" : "NOT met"
	if (quick != "")
		print "(BENCH_QUICK: too few repetitions to mean anything)"
}
EOF
[ -z "${BENCH_RAW:-}" ] || cp "$results" "$BENCH_RAW"
# What the kernel work of the layers costs alone, and the judge's own code over it.
case "layers alone" in *"${BENCH_ONLY:-}"*)
	echo "bench: the layers alone" >&2
	sh "$src/layers.sh" "$built" || failed=1
;; esac
exit "$failed"
