#!/bin/sh
# make benchtools: the benchmark's own tools build without a warning and do
# what `make bench` relies on, in seconds (make bench itself takes minutes
# and measures; this only checks).
#
#   sh scripts/bench/selftest.sh [JUDGE]     JUDGE defaults to build/judge
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
judge=$(realpath "${1:-$root/build/judge}")
src=$root/scripts/bench
cc=${CC:-gcc}
export JUDGE_POLICIES="${JUDGE_POLICIES:-$root/policies}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/judge-benchtools.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
fail() { echo "benchtools: FAIL: $*" >&2; exit 1; }

for t in benchrun floor true cpu filtercost gen mem stopcost sum writes; do
	"$cc" -O2 -Wall -Wextra -Werror -o "$tmp/$t" "$src/$t.c" -lm || fail "$t.c does not build"
done
"$cc" -O2 -static -o "$tmp/floor-static" "$src/floor.c" || fail "floor.c does not build static"

# The floor passes the program's exit status on, and writes the filter bwrap reads.
"$tmp/floor" "$tmp/true" || fail "floor true: status $?"
st=0; "$tmp/floor" /bin/sh -c 'exit 3' || st=$?
[ "$st" -eq 3 ] || fail "floor sh -c 'exit 3': status $st"
"$tmp/floor" --bpf "$tmp/f.bpf" && [ -s "$tmp/f.bpf" ] || fail "floor --bpf wrote no filter"

# benchrun: a line per variant, the judge's JSON read (it must say OK), ratios to -R.
"$tmp/benchrun" -n 3 -N 3 -o "$tmp/out" -R floor native "$tmp/true" ::: floor "$tmp/floor" "$tmp/true" \
	::: judge "$judge" run --json -- "$tmp/true" > "$tmp/runs" || fail "benchrun failed"
for l in native floor judge; do
	grep -q "^label=$l reps=3 " "$tmp/runs" || fail "benchrun printed no line for $l"
done
grep "^label=judge " "$tmp/runs" | grep -q " j_cpu_ms=.* r_floor=" || fail "benchrun read no judge JSON or ratio"
# a variant that fails stops the run with its name
! "$tmp/benchrun" -n 2 -N 2 -o "$tmp/out" native "$tmp/true" ::: bad /bin/false > /dev/null 2> "$tmp/err" &&
	grep -q "bad" "$tmp/err" || fail "benchrun did not report a failing variant"

# The judge's filter, and the layers alone (root and cgroup v1: layers.sh says why not).
filterdump=$(dirname "$judge")/filterdump
[ -x "$filterdump" ] || fail "no $filterdump (make $filterdump)"
"$filterdump" c "$tmp/c.bpf" && [ -s "$tmp/c.bpf" ] || fail "filterdump wrote no filter"
[ $(($(stat -c %s "$tmp/c.bpf") % 8)) -eq 0 ] || fail "filterdump's filter is not whole instructions"
BENCH_QUICK=1 sh "$src/layers.sh" "$judge" > "$tmp/layers" || { cat "$tmp/layers"; fail "layers.sh failed"; }
if grep -q "not measured" "$tmp/layers"; then
	sed -n 's/^layers alone: /benchtools: skipped: layers alone: /p' "$tmp/layers"
else
	for l in layers without-cgroup without-filter judge; do
		grep -q "^| $l |" "$tmp/layers" || fail "layers.sh printed no row for $l"
	done
fi
echo "benchtools: all passed"
