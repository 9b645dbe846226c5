#!/bin/sh
# judge grade on a class of 30 mixed submissions (C, C++ and Python: accepted,
# wrong answers, run-time errors, a time-out, compile errors, and three students
# handing in the same sol.cpp), serial and with --jobs 2, on the bundled
# aplusb problem; prints the wall time of each and their ratio (docs/bench.md).
#
# usage: scripts/bench/grade-class.sh [JUDGE] [ROUNDS]
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
judge=${1:-$root/build/judge}
rounds=${2:-1}
case $judge in /*) ;; *) judge=$(pwd)/$judge ;; esac
export JUDGE_POLICIES="${JUDGE_POLICIES:-$root/policies}"
prob=$root/testcases/problems/aplusb
subs=$prob/submissions
class=$(mktemp -d "${TMPDIR:-/tmp}/judge-class-XXXXXX")
trap 'rm -rf "$class"' EXIT INT TERM

# 30 submissions: each student's own file name, so only the sol.cpp copies share a compile
n=0
add() {
	n=$((n + 1))
	ext=${1##*.}
	cp "$1" "$class/student$(printf %02d "$n").$ext"
}
for round in 1 2 3; do
	add "$subs/accepted/sum.c"
	add "$subs/accepted/sum.cpp"
	add "$subs/accepted/sum.py"
	add "$subs/wrong_answer/overflow.c"
	add "$subs/wrong_answer/difference.cpp"
	add "$subs/wrong_answer/product.py"
	add "$subs/run_time_error/zero.py"
	add "$subs/run_time_error/null.c"
done
add "$subs/time_limit_exceeded/spin.c"
add "$subs/compile_error/missing_semicolon.c"
add "$subs/compile_error/indentation.py"
for s in ann ben cat; do
	mkdir -p "$class/$s"
	cp "$subs/accepted/sum.cpp" "$class/$s/sol.cpp"
done
list=$(ls "$class"/*.* "$class"/*/sol.cpp)
count=$(echo "$list" | wc -l)

now() { date +%s.%N; }
# shellcheck disable=SC2086
time_grade() {
	t0=$(now)
	"$judge" grade --jobs "$1" --csv "$class/grades-$1.csv" "$prob" $list >/dev/null 2>&1
	t1=$(now)
	echo "$t1 - $t0" | bc
}
echo "judge grade, $count submissions on aplusb ($(grep -c '' "$prob"/*.in | wc -l) tests each); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$rounds"); do
	s=$(time_grade 1)
	p=$(time_grade 2)
	if ! cmp -s "$class/grades-1.csv" "$class/grades-2.csv"; then
		# times differ by nature; the verdict columns must not
		cut -d, -f1-12 "$class/grades-1.csv" >"$class/v1"
		cut -d, -f1-12 "$class/grades-2.csv" >"$class/v2"
		cmp -s "$class/v1" "$class/v2" || echo "verdicts differ between --jobs 1 and --jobs 2"
	fi
	printf 'round %s: serial %.1f s, --jobs 2 %.1f s, ratio %.2f\n' "$r" "$s" "$p" "$(echo "$p / $s" | bc -l)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
