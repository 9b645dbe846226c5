#!/bin/sh
# How much cpu_ms varies over N runs of the same program, per language: the
# sort program of testcases/lang/<language>/sort on 2*10^5 integers, run N
# times in a row, with the machine as it is and again with SPINNERS busy
# loops beside it.  Prints one line per language and condition: min, median,
# max and (max - min) / median.   usage: cpu-spread.sh JUDGE [N] [LANGUAGE...]
#   env: SPINNERS (default 4), RUN_EXTRA (extra "judge run" options)
set -u
judge=$(realpath "$1")
n=${2:-20}
shift
[ $# -gt 0 ] && shift
root=$(cd "$(dirname "$0")/../.." && pwd)
export JUDGE_POLICIES="${JUDGE_POLICIES:-$root/policies}"
w=$(mktemp -d "${TMPDIR:-/tmp}/judge-spread.XXXXXX")
chmod 755 "$w"
spinners=
trap 'for p in $spinners; do kill "$p" 2>/dev/null; done; rm -rf "$w"' EXIT
trap 'exit 130' INT TERM
langs=${*:-$(cd "$root/testcases/lang" && for d in */sort; do echo "${d%/sort}"; done)}

awk 'BEGIN { n = 200000; print n
	for (i = 0; i < n; i++) printf "%d%s", (i * 7919 % n) * 2003 - 99999997, i % 20 == 19 ? "\n" : " " }' >"$w/in.txt"

stats() {
	sort -n | awk -v lang="$1" -v cond="$2" '{ v[NR] = $1 } END {
		med = v[int((NR + 1) / 2)]
		printf "%-11s %-8s n=%-3d min %6d  median %6d  max %6d  spread %5.1f%%\n", lang, cond, NR, v[1], med, v[NR], med ? 100 * (v[NR] - v[1]) / med : 0 }'
}

measure() {
	lang=$1 cond=$2
	cj=$root/testcases/lang/$lang/sort/case.json
	i=0
	: >"$w/$lang.$cond"
	while [ "$i" -lt "$n" ]; do
		# shellcheck disable=SC2086
		(cd "$w/$lang.d" && eval "set -- $run" && "$judge" run --json --dir "$w/$lang.d" -p "$policy" -i "$w/in.txt" \
			-t 60000 -w 600000 ${RUN_EXTRA:-} -- "$@") >"$w/r.json" 2>/dev/null
		v=$(jq -r 'select(.verdict == "OK") | .cpu_ms' "$w/r.json" 2>/dev/null)
		[ -n "$v" ] && echo "$v" >>"$w/$lang.$cond" || echo "  $lang: $(head -c 200 "$w/r.json")" >&2
		i=$((i + 1))
	done
	stats "$lang" "$cond" <"$w/$lang.$cond"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs"
for lang in $langs; do
	cj=$root/testcases/lang/$lang/sort/case.json
	src=$(cd "$(dirname "$cj")" && realpath "$(jq -r .source "$cj")")
	policy=$(jq -r '.policy // "c"' "$cj")
	mkdir -p "$w/$lang.d"
	chmod 755 "$w/$lang.d"
	if ! "$judge" compile -p "$policy" "$src" -o "$w/$lang.d/prog" >"$w/$lang.compile" 2>&1; then
		echo "$lang: compile failed: $(head -c 200 "$w/$lang.compile")"
		continue
	fi
	run=$(jq -r --arg exe "$w/$lang.d/prog" '(.run // ["{exe}"]) + (.args // []) | map(gsub("\\{exe\\}"; $exe) | @sh) | join(" ")' "$cj")
	run=$(printf '%s' "$run")
	measure "$lang" as-found
	spinners=
	for s in $(seq "${SPINNERS:-4}"); do
		sh -c 'while :; do :; done' &
		spinners="$spinners $!"
	done
	measure "$lang" +spin
	for p in $spinners; do kill "$p"; done
	spinners=
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
