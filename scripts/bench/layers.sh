#!/bin/sh
# The layers alone: what the kernel work of the judge's isolation layers
# costs a one-shot run, apart from the judge's own code.  Runs a static no-op
# natively, under the floor launcher, under `floor --layers` (every layer's
# syscalls as the judge makes them as root, nothing parsed: floor.c says
# which), under `floor --layers --without X` for each layer X, and under the
# judge, interleaved (benchrun).  make bench runs it after its table.
#
#   sh scripts/bench/layers.sh [JUDGE]     JUDGE defaults to build/judge;
#                                          filterdump is looked for beside it
#
# Needs root and cgroup v1 (as the layers it copies); says why and exits 0
# when it cannot run here.  BENCH_QUICK=1: few repetitions.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
judge=$(realpath "${1:-$root/build/judge}")
src=$root/scripts/bench
cc=${CC:-gcc}
skip() { echo "layers alone: not measured: $*"; exit 0; }
[ "$(id -u)" -eq 0 ] || skip "needs root (the layers it copies are root's)"
[ -f /sys/fs/cgroup/memory/memory.limit_in_bytes ] || skip "needs cgroup v1 (floor --layers copies the v1 path)"
[ -x "$(dirname "$judge")/filterdump" ] || skip "no $(dirname "$judge")/filterdump (make $(dirname "$judge")/filterdump)"
export JUDGE_POLICIES="${JUDGE_POLICIES:-$root/policies}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/judge-layers.XXXXXX")
# this run's own kept group: runs beside it (another make test) have theirs
group=judge-floor-$$
cleanup() {
	rm -rf "$tmp"
	for h in memory pids cpuacct; do rmdir "/sys/fs/cgroup/$h/$group" 2>/dev/null || :; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM
"$cc" -O2 -o "$tmp/benchrun" "$src/benchrun.c" -lm
"$cc" -O2 -static -o "$tmp/floor" "$src/floor.c"
"$cc" -O2 -static -o "$tmp/true" "$src/true.c"
cp "$judge" "$tmp/judge"
"$(dirname "$judge")/filterdump" c "$tmp/c.bpf"
# A run as root pins its view and namespaces under /run/judge: make one, join the newest view.
"$tmp/judge" run --json -- "$tmp/true" > /dev/null
views=${JUDGE_VIEW_PIN_DIR:-/run/judge/views}
view=$(ls -t "$views" | grep -v -e '\.used$' | head -n 1)
[ -n "$view" ] || skip "no view pinned in $views (JUDGE_VIEW_PINS=0?)"
[ -e /run/judge/netns ] && [ -e /run/judge/ipcns ] && [ -e /run/judge/utsns ] ||
	skip "the judge pinned no namespaces in /run/judge"

all=""
for x in cgroup ns setup landlock ids filter stops; do
	all="$all ::: without-$x $tmp/floor --layers --group $group --without $x $tmp/c.bpf $views/$view $tmp/true"
done
reps="-n 400 -N 400"
[ -z "${BENCH_QUICK:-}" ] || reps="-n 10 -N 10"
cd "$tmp"
load0=$(cut -d' ' -f1-3 /proc/loadavg)
# shellcheck disable=SC2086
"$tmp/benchrun" $reps -o "$tmp/stdout" -R floor,layers native "$tmp/true" \
	::: floor "$tmp/floor" "$tmp/true" \
	::: layers "$tmp/floor" --layers --group "$group" "$tmp/c.bpf" "$views/$view" "$tmp/true" \
	$all \
	::: judge "$tmp/judge" run --json -- "$tmp/true" > "$tmp/out"
load1=$(cut -d' ' -f1-3 /proc/loadavg)
echo
echo "the layers alone, one-shot static no-op, $(date -u '+%Y-%m-%d %H:%M UTC'); load average $load0 before, $load1 after"
echo
awk -f "$src/fields.awk" -f /dev/stdin "$tmp/out" <<'EOF'
{ l = kv($0, "label"); line[l] = $0; order[++n] = l }
END {
	print "| variant | wall | /floor | /layers alone | what it is |"
	print "|---|---:|---:|---:|---|"
	what["native"] = "fork, exec, wait"
	what["floor"] = "floor launcher: TRACEME, 9-instruction filter, exec, trace to the end"
	what["layers"] = "the floor plus every layer's syscalls, as the judge makes them as root"
	what["judge"] = "judge run --json, every layer"
	lw = kv(line["layers"], "wall_ms")
	for (i = 1; i <= n; i++) {
		l = order[i]
		w = what[l]
		# what a layer costs: the paired ratio, so the machine's drift cancels
		if (l ~ /^without-/) w = "the layers alone without " substr(l, 9) ": it costs " \
			sprintf("%.3f ms (%.3f to %.3f)", (1 - kv(line[l], "r_layers")) * lw,
				(1 - kv(line[l], "r_layers_hi")) * lw, (1 - kv(line[l], "r_layers_lo")) * lw)
		printf "| %s | %.3f ms | %s | %s | %s |\n", l, kv(line[l], "wall_ms"),
			l == "floor" ? "1" : ratio(line[l], "r_floor"),
			l == "layers" ? "1" : ratio(line[l], "r_layers"), w
	}
	printf "\nthe layers alone cost %.2fx the floor launcher: a judge with every layer on cannot go below that here;\n", kv(line["layers"], "r_floor")
	printf "the judge's own code adds %.3f ms (judge/layers alone %.2f)\n",
		kv(line["judge"], "wall_ms") - kv(line["layers"], "wall_ms"), kv(line["judge"], "r_layers")
}
EOF
