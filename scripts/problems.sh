#!/bin/sh
# The bundled problems in testcases/problems/, end to end:
#   - `judge verify` on each: every submission under submissions/<category>/
#     must get a verdict its category (or its @EXPECTED_RESULTS@ line) allows;
#   - `judge test --json` on a few sources: the overall verdict and the exit
#     status;
#   - the JUnit report of `judge test` and the CSV of `judge grade`.
# Prints one line per check and "N passed, N failed"; exits 1 if any failed.
#
# usage: scripts/problems.sh [JUDGE]      (default build/judge)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
judge=${1:-$root/build/judge}
case $judge in /*) ;; *) judge=$(pwd)/$judge ;; esac
export JUDGE_POLICIES="${JUDGE_POLICIES:-$root/policies}"
problems=$root/testcases/problems
tmp=$(mktemp -d "${TMPDIR:-/tmp}/judge-problems-XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
# derived time limits are remembered here, not in the user's cache
export XDG_CACHE_HOME="$tmp/cache"
pass=0
fail=0

ok() { pass=$((pass + 1)); printf 'ok    %s\n' "$1"; }
bad() {
	fail=$((fail + 1))
	printf 'FAIL  %s: %s\n' "$1" "$2"
	[ -s "$tmp/out" ] && sed 's/^/      /' "$tmp/out" | head -40
}

# verify PROBLEM: every submission as expected.  Two problems at a time (they
# are independent, and compiling is most of the time); each one's table is
# kept in $tmp/verify-PROBLEM for the checks below.
for dir in "$problems"/*/; do
	[ -d "$dir/submissions" ] && basename "$dir"
done | xargs -P 2 -I '{}' sh -c '"$1" verify "$2/$3" > "$4/verify-$3" 2>&1; echo $? > "$4/verify-$3.status"' \
	sh "$judge" "$problems" '{}' "$tmp"
for dir in "$problems"/*/; do
	p=$(basename "$dir")
	[ -d "$dir/submissions" ] || continue
	cp "$tmp/verify-$p" "$tmp/out"
	st=$(cat "$tmp/verify-$p.status" 2>/dev/null)
	if [ "$st" = 0 ]; then
		ok "verify $p ($(tail -n 1 "$tmp/out" | sed 's/^ok  //'))"
	else
		bad "verify $p" "exit ${st:-none}"
	fi
done

# test PROBLEM SOURCE VERDICT: --json's overall verdict and the exit status it implies
t() {
	src=$problems/$1/submissions/$2
	"$judge" test --json "$src" "$problems/$1" > "$tmp/out" 2>&1
	st=$?
	got=$(sed -n 's/^{"verdict":"\([A-Z]*\)".*/\1/p' "$tmp/out")
	want_st=1
	[ "$3" = AC ] && want_st=0
	if [ "$got" = "$3" ] && [ $st -eq $want_st ]; then
		ok "test $1 $2: $got"
	else
		bad "test $1 $2" "verdict '$got' exit $st, want $3 exit $want_st"
	fi
}
t aplusb accepted/sum.c AC
t aplusb wrong_answer/overflow.c WA
t aplusb compile_error/missing_semicolon.c CE
t circle accepted/seven_digits.c AC
t circle wrong_answer/pi_3_14.c WA
t split accepted/half.cpp AC
t guess accepted/bisect.py AC
t guess wrong_answer/no_listen.c WA
t guess run_time_error/crash.c RE
# Kattis: the interactor rejected first, then the program spun (or crashed): WA
t guess2023 wrong_answer/spin_after_rejection.c WA
t guess2023 wrong_answer/crash_after_rejection.c WA
# ... and the spinning one is stopped once the interactor has rejected it,
# not left to run out its 1 s CPU limit on every test
"$judge" test --json "$problems/guess2023/submissions/wrong_answer/spin_after_rejection.c" \
	"$problems/guess2023" > "$tmp/out" 2>&1
if jq -e '.verdict == "WA" and (.tests | length) > 0 and
	all(.tests[]; .verdict == "WA" and .cpu_ms < 1000 and (.message | test("interrupt") | not))' \
	"$tmp/out" > /dev/null; then
	ok "test guess2023 spin_after_rejection: stopped after the rejection, before its limit"
else
	bad "test guess2023 spin_after_rejection" "not stopped early: $(head -c 300 "$tmp/out")"
fi
t guess2023 run_time_error/crash_after_accepted.c RE
# multi-pass: right in pass 1, wrong in pass 2
t relay accepted/double.c AC
t relay wrong_answer/forgets.c WA

# verify: every submission listed, the skipped ones counted with a reason,
# the time limit derived by Kattis's rule when the package gives none
cp "$tmp/verify-hello" "$tmp/out"
if tail -n 1 "$tmp/out" | grep -q '^ok .*; 1 skipped' &&
	grep -q 'accepted/hello.scala .*AC .*ok' "$tmp/out" &&
	grep -q 'multiple/no_marker.c .*skipped .*needs an @EXPECTED_RESULTS@ marker' "$tmp/out" &&
	grep -q 'run_time_error/hog.c .*MLE .*ok' "$tmp/out" &&
	grep -q '^time limit [0-9]*000 ms (derived: slowest accepted' "$tmp/out"; then
	ok "verify hello: skipped listed, MLE in run_time_error, derived limit"
else
	bad "verify hello" "unexpected table"
fi
"$judge" verify --json "$problems/guess2023" > "$tmp/out" 2>&1
if grep -q '"time_limit_ms":1000,"time_limit_from":"derived","time_limit_high_ms":2000' "$tmp/out"; then
	ok "verify --json guess2023: derived limit, time_limit_to_tle 2"
else
	bad "verify --json guess2023" "no derived limit"
fi

# judge test and grade without a time limit in the package: Kattis's rule
# over submissions/accepted/, remembered per package contents (the verify
# of guess2023 above left it there for a copy with the same files); timed
# again after a change; the default when there is nothing to derive it from
cp -R "$problems/guess2023" "$tmp/g23"
lim() { "$judge" test "$@" > "$tmp/out" 2>&1; grep '^time limit' "$tmp/out"; }
a=$(lim "$tmp/g23/submissions/accepted/halves.c" "$tmp/g23")
echo '/* changed */' >> "$tmp/g23/submissions/accepted/halves.c"
b=$(lim "$tmp/g23/submissions/accepted/halves.c" "$tmp/g23")
c=$(lim "$tmp/g23/submissions/accepted/halves.c" "$tmp/g23")
d=$(lim -t 700 "$tmp/g23/submissions/accepted/halves.c" "$tmp/g23")
rm -r "$tmp/g23/submissions/accepted"
e=$(lim "$tmp/g23/submissions/wrong_answer/spin_after_rejection.c" "$tmp/g23")
case "$a|$b|$c|$d|$e" in
"time limit 1000 ms (derived: slowest accepted "*" x 2, rounded up to whole seconds; remembered from an earlier run)|"*"x 2, rounded up to whole seconds)|"*"; remembered from an earlier run)|time limit 700 ms (command line)|time limit 1000 ms (default: "*)
	ok "test: derived time limit, remembered, re-derived after a change, -t, default" ;;
*)	printf '%s\n' "$a" "$b" "$c" "$d" "$e" > "$tmp/out"
	bad "test: derived time limit" "unexpected limit lines" ;;
esac
# a cache directory others may write is not read: an entry planted there would set the limit
cp -R "$problems/guess2023" "$tmp/g23b"
chmod 777 "$XDG_CACHE_HOME/judge/time-limits"
f=$(lim "$tmp/g23b/submissions/accepted/halves.c" "$tmp/g23b")
chmod 700 "$XDG_CACHE_HOME/judge/time-limits"
g=$(lim "$tmp/g23b/submissions/accepted/halves.c" "$tmp/g23b")
case "$f|$g" in
*"rounded up to whole seconds)|"*"; remembered from an earlier run)") ok "test: a cache directory others may write is not used" ;;
*)	printf '%s\n' "$f" "$g" > "$tmp/out"
	bad "test: shared cache directory" "remembered from a directory others may write" ;;
esac
"$judge" grade --json "$problems/guess2023" "$problems/guess2023/submissions/accepted/halves.c" > "$tmp/out" 2>&1
if grep -q '"time_limit_ms":1000,"time_limit_from":"derived"' "$tmp/out"; then
	ok "grade --json guess2023: derived limit"
else
	bad "grade --json guess2023" "no derived limit"
fi

# interactive and multi-pass at once is not supported: one line naming
# problem.yaml and its key, exit 2, before anything is compiled
mkdir -p "$tmp/imp"
cp -R "$problems/relay/data" "$problems/relay/output_validator" "$tmp/imp/"
printf 'problem_format_version: 2023-07-draft\ntype: interactive multi-pass\n' > "$tmp/imp/problem.yaml"
"$judge" test "$problems/relay/submissions/accepted/double.c" "$tmp/imp" > "$tmp/out" 2>&1
st=$?
if [ $st -eq 2 ] && [ "$(wc -l < "$tmp/out")" -eq 1 ] &&
	grep -q "^judge: .*/imp/problem.yaml: type: interactive multi-pass problems are not supported" "$tmp/out"; then
	ok "test: interactive multi-pass is bad input naming problem.yaml and type"
else
	bad "test: interactive multi-pass" "exit $st"
fi

# judge run --interactor: a one-off interactive run
r() {
	"$judge" run --json --interactor "$problems/guess2023/output_validator/referee" \
		-i "$problems/guess2023/data/secret/1.in" "$problems/guess2023/submissions/$1" > "$tmp/out" 2>&1
	st=$?
	got=$(sed -n 's/^{"verdict":"\([A-Z]*\)".*/\1/p' "$tmp/out")
	want_st=1
	[ "$2" = AC ] && want_st=0
	if [ "$got" = "$2" ] && [ $st -eq $want_st ]; then
		ok "run --interactor $1: $got"
	else
		bad "run --interactor $1" "verdict '$got' exit $st, want $2 exit $want_st"
	fi
}
r accepted/halves.c AC
r wrong_answer/crash_after_rejection.c WA

# --report junit: a testsuite named after the problem, a failure for the WA test
"$judge" test --report junit "$tmp/r.xml" "$problems/aplusb/submissions/wrong_answer/overflow.c" \
	"$problems/aplusb" > "$tmp/out" 2>&1
if grep -q '<testsuite name="aplusb" tests="5" failures="2"' "$tmp/r.xml" 2>/dev/null &&
	grep -q '<failure type="WA"' "$tmp/r.xml"; then
	ok "test --report junit"
else
	cp "$tmp/r.xml" "$tmp/out" 2>/dev/null
	bad "test --report junit" "unexpected report"
fi

# grade --csv: a header and one row per accepted source, all AC (a few of
# them: verify above judged every one)
mkdir "$tmp/class"
cp -R "$problems/aplusb/submissions/accepted/sum.c" "$problems/aplusb/submissions/accepted/sum.py" \
	"$problems/aplusb/submissions/accepted/multi_c" "$problems/aplusb/submissions/accepted/watchdog.c" "$tmp/class/"
"$judge" grade --csv "$tmp/g.csv" "$problems/aplusb" "$tmp/class" > "$tmp/out" 2>&1
if head -n 1 "$tmp/g.csv" 2>/dev/null | grep -q '^student,source,language,verdict,score,passed,total,' &&
	[ "$(grep -cE ',AC,[0-9.]+,5,5,' "$tmp/g.csv")" -eq 4 ]; then
	ok "grade --csv"
else
	cat "$tmp/g.csv" >> "$tmp/out" 2>/dev/null
	bad "grade --csv" "unexpected CSV"
fi

# scoring: subtasks worth 20, 30 and 50 points, each all or nothing
sc() {
	"$judge" test --json "$problems/subtasks/submissions/$1" "$problems/subtasks" > "$tmp/out" 2>&1
	st=$?
	if grep -q "^{\"verdict\":\"$2\"" "$tmp/out" && grep -q "\"score\":$3,\"max_score\":100," "$tmp/out" &&
		grep -q "$4" "$tmp/out" && [ $st -eq "$5" ]; then
		ok "test subtasks $1: $2, score $3"
	else
		bad "test subtasks $1" "want $2 with score $3 and $4, exit $5 (got exit $st)"
	fi
}
sc accepted/sum.c AC 100 '"name":"secret/group3","verdict":"AC","score":50,"max_score":50' 0
sc partially_accepted/int32.c AC 70 '"name":"secret/group2","verdict":"WA","score":0,"max_score":30' 0
sc partially_accepted/small_n.c AC 50 '"name":"secret/group3","verdict":"WA","score":0,"max_score":50' 0
sc wrong_answer/zero.c WA 0 '"name":"secret","verdict":"WA","score":0,"max_score":100' 1
"$judge" test --report junit "$tmp/s.xml" "$problems/subtasks/submissions/partially_accepted/int32.c" \
	"$problems/subtasks" > "$tmp/out" 2>&1
if grep -q 'score 70/100 (group1 20/20, group2 0/30, group3 50/50)' "$tmp/out" &&
	grep -q '<property name="score" value="70"/>' "$tmp/s.xml" 2>/dev/null &&
	grep -q '<property name="group secret/group2" value="WA 0/30"/>' "$tmp/s.xml"; then
	ok "test subtasks: score in the summary line and the JUnit properties"
else
	cat "$tmp/s.xml" >> "$tmp/out" 2>/dev/null
	bad "test subtasks summary and junit" "no score"
fi
"$judge" grade --csv "$tmp/s.csv" "$problems/subtasks" "$problems/subtasks/submissions/partially_accepted" \
	> "$tmp/out" 2>&1
if grep -q '^int32,.*,AC,70.0,5,7,' "$tmp/s.csv" && grep -q '^small_n,.*,AC,50.0,5,7,' "$tmp/s.csv"; then
	ok "grade --csv subtasks: the score column holds the points"
else
	cat "$tmp/s.csv" >> "$tmp/out" 2>/dev/null
	bad "grade --csv subtasks" "unexpected CSV"
fi
# verify: a wrong @EXPECTED_SCORE@ is a mismatch; a misspelt testdata.yaml key is bad input
cp -R "$problems/subtasks" "$tmp/sub"
sed -i 's/@EXPECTED_SCORE@: 70/@EXPECTED_SCORE@: 60/' "$tmp/sub/submissions/partially_accepted/int32.c"
"$judge" verify "$tmp/sub" > "$tmp/out" 2>&1
st=$?
if [ $st -eq 1 ] && grep -q 'partially_accepted/int32.c .*score 60 .*AC .*MISMATCH .*70/100' "$tmp/out"; then
	ok "verify subtasks: a wrong @EXPECTED_SCORE@ is a mismatch"
else
	bad "verify subtasks with a wrong @EXPECTED_SCORE@" "exit $st, want 1 and MISMATCH"
fi
printf 'on_reject: break\naccept_scor: 20\n' > "$tmp/sub/data/secret/group1/testdata.yaml"
"$judge" test "$problems/subtasks/submissions/accepted/sum.c" "$tmp/sub" > "$tmp/out" 2>&1
st=$?
if [ $st -eq 2 ] && [ "$(wc -l < "$tmp/out")" -eq 1 ] &&
	grep -q 'group1/testdata.yaml:2:1: accept_scor: unknown key (did you mean accept_score?)' "$tmp/out"; then
	ok "test: a misspelt testdata.yaml key names file, line, column and key (exit 2)"
else
	bad "test with a misspelt testdata.yaml key" "exit $st"
fi

# the package's own word on its submissions (testcases/problems/double):
# without submissions.json, the folder with two programs has no entry point
# and the file without an extension no language; a submissions.yaml rule
# not met is a mismatch that says which; a misspelt key there is bad input
cp -R "$problems/double" "$tmp/dbl"
rm "$tmp/dbl/submissions.json"
"$judge" verify "$tmp/dbl" > "$tmp/out" 2>&1
st=$?
if [ $st -eq 2 ] && grep -q 'two_mains.*entry' "$tmp/out"; then
	ok "verify double without submissions.json: no entry point for accepted/two_mains"
else
	bad "verify double without submissions.json" "exit $st, want 2 naming the entry point"
fi
rm -r "$tmp/dbl/submissions/accepted/two_mains"
"$judge" verify "$tmp/dbl" > "$tmp/out" 2>&1
if grep -q 'accepted/no_extension .*skipped .*no extension' "$tmp/out"; then
	ok "verify double without submissions.json: accepted/no_extension skipped"
else
	bad "verify double without submissions.json" "accepted/no_extension not skipped"
fi
cp "$problems/double/submissions.json" "$tmp/dbl/"
sed -i '/^wrong_answer\/int_overflow.c:/,/^#/s/permitted: \[WA\]/permitted: [TLE]/' \
	"$tmp/dbl/submissions/submissions.yaml"
"$judge" verify "$tmp/dbl" > "$tmp/out" 2>&1
st=$?
if [ $st -eq 1 ] && grep -q 'wrong_answer/int_overflow.c .*WA .*MISMATCH .*submissions.yaml wrong_answer/int_overflow.c: WA on secret/hard-1, permitted TLE' "$tmp/out"; then
	ok "verify double: a submissions.yaml rule not met is a mismatch naming the rule and test"
else
	bad "verify double with a rule not met" "exit $st, want 1 and MISMATCH"
fi
sed -i 's/^  required: \[RTE\]/  requird: [RTE]/' "$tmp/dbl/submissions/submissions.yaml"
"$judge" verify "$tmp/dbl" > "$tmp/out" 2>&1
st=$?
if [ $st -eq 2 ] && [ "$(wc -l < "$tmp/out")" -eq 1 ] &&
	grep -q 'submissions/submissions.yaml:[0-9]*:3: requird: unknown key' "$tmp/out"; then
	ok "verify: a misspelt submissions.yaml key names file, line, column and key (exit 2)"
else
	bad "verify with a misspelt submissions.yaml key" "exit $st"
fi

# Kattis 2023-07 (2025-09) folders and time-limit bounds, on copies of relay
# (a 2023-07 package; tests "encode 42", "encode 7", "encode 100000"):
# brute_force/ (never WA, some RTE or TLE: every test judged, not only up
# to the first failure); limits.time_resolution; accepted/ bounds a limit
# from below (its slowest test x ac_to_time_limit within it),
# time_limit_exceeded/ from above (a timeout even under the limit x
# time_limit_to_tle); use_for_time_limit: false takes a folder out of that.
# Only the test "encode 42" burns CPU, so each slow program costs one run.
relay_src() {	# FILE SPIN_MS MODE: ok, crash (on 100000), crash_wrong (crash on 7, wrong on 100000)
	cat > "$1" <<EOF
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
int main(void)
{
	const char *mode = "$3";
	char w[16];
	long n;
	if (scanf("%15s %ld", w, &n) != 2)
		return 1;
	if (strcmp(w, "encode") == 0) {
		if (n == 42)
			while (clock() < (clock_t)$2 * (CLOCKS_PER_SEC / 1000))
				;
		if ((n == 100000 && !strcmp(mode, "crash")) || (n == 7 && !strcmp(mode, "crash_wrong")))
			abort();
		printf("%ld\n", n == 100000 && !strcmp(mode, "crash_wrong") ? n : 2 * n + 1);
	} else {
		printf("%ld\n", (n - 1) / 2);
	}
	return 0;
}
EOF
}
cp -R "$problems/relay" "$tmp/rly"
sed -i 's/^  time_limit: 1$/  time_resolution: 0.25/' "$tmp/rly/problem.yaml"
mkdir "$tmp/rly/submissions/brute_force" "$tmp/rly/submissions/time_limit_exceeded"
relay_src "$tmp/rly/submissions/brute_force/crash_on_big.c" 0 crash
"$judge" verify "$tmp/rly" > "$tmp/out" 2>&1
st=$?
if [ $st -eq 0 ] && grep -q 'brute_force/crash_on_big.c .*RE .*ok' "$tmp/out" &&
	grep -q '^time limit 250 ms (derived: slowest accepted [0-9]* ms x 2, rounded up to a multiple of 250 ms)' "$tmp/out"; then
	ok "verify relay 2023-07: brute_force/ judged, time_resolution 0.25 gives 250 ms"
else
	bad "verify relay with brute_force and time_resolution" "exit $st"
fi
"$judge" test "$tmp/rly/submissions/accepted/double.c" "$tmp/rly" > "$tmp/out" 2>&1
if grep -q '^time limit 250 ms (derived: slowest accepted [0-9]* ms x 2, rounded up to a multiple of 250 ms; remembered from an earlier run)' "$tmp/out"; then
	ok "test relay 2023-07: the limit verify derived with time_resolution 0.25"
else
	bad "test relay with time_resolution" "not the 250 ms verify derived"
fi
sed -i 's/^  time_resolution: 0.25$/  time_limit: 1/' "$tmp/rly/problem.yaml"
relay_src "$tmp/rly/submissions/brute_force/crash_then_wrong.c" 0 crash_wrong
relay_src "$tmp/rly/submissions/accepted/slow.c" 750 ok
relay_src "$tmp/rly/submissions/time_limit_exceeded/barely.c" 1200 ok
"$judge" verify "$tmp/rly" > "$tmp/out" 2>&1
st=$?
if [ $st -eq 1 ] && grep -q 'brute_force/crash_on_big.c .*ok' "$tmp/out" &&
	grep -q 'brute_force/crash_then_wrong.c .*MISMATCH .*brute_force/ (every test): WA on secret/2, permitted' "$tmp/out" &&
	grep -q 'accepted/slow.c .*AC .*MISMATCH .*lower bound: slowest test [0-9]* ms x 2 (ac_to_time_limit) is over the 1000 ms limit' "$tmp/out" &&
	grep -q 'time_limit_exceeded/barely.c .*MISMATCH .*upper bound: no timeout under 1500 ms (the limit x 1.5, time_limit_to_tle)' "$tmp/out"; then
	ok "verify relay 2023-07: WA after a crash in brute_force/, lower and upper bounds of a given limit not met"
else
	bad "verify relay with bounds not met" "exit $st, want 1 and three MISMATCH"
fi
rm "$tmp/rly/submissions/brute_force/crash_then_wrong.c" "$tmp/rly/submissions/accepted/slow.c"
printf 'time_limit_exceeded:\n  use_for_time_limit: false\n' > "$tmp/rly/submissions/submissions.yaml"
"$judge" verify "$tmp/rly" > "$tmp/out" 2>&1
st=$?
if [ $st -eq 0 ] && grep -q 'time_limit_exceeded/barely.c .*TLE .*ok' "$tmp/out"; then
	ok "verify relay: use_for_time_limit: false, time_limit_exceeded/ bounds nothing"
else
	bad "verify relay with use_for_time_limit: false" "exit $st"
fi

# problemtools' oddecho shape: a 2023-07-draft scoring package with test
# groups and no time limit (a copy of subtasks): the limit derived at 2x,
# accepted/ all AC on every test, partially_accepted/ with its score
cp -R "$problems/subtasks" "$tmp/sub23"
printf 'problem_format_version: 2023-07-draft\nlicense: cc by-sa\ncredits: judge testcases\ntype: scoring\nname: Subtask sum (2023-07)\n' \
	> "$tmp/sub23/problem.yaml"
"$judge" verify "$tmp/sub23" > "$tmp/out" 2>&1
st=$?
if [ $st -eq 0 ] && grep -q 'partially_accepted/int32.c .*score 70 .*AC .*ok .*70/100' "$tmp/out" &&
	grep -q '^time limit 1000 ms (derived: slowest accepted [0-9]* ms x 2' "$tmp/out"; then
	ok "verify subtasks as 2023-07-draft scoring (oddecho's shape): derived limit, scores"
else
	bad "verify subtasks as 2023-07-draft" "exit $st"
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
