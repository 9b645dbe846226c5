#!/bin/sh
# Feedback people can act on, end to end: what `judge test` shows of a
# program's stderr and of its first difference from the answer (table, JSON,
# JUnit), --keep-outputs, the MLE message naming the refused allocation, and
# the compile progress line.  Prints one line per check, "N passed, N
# failed", exits 1 if any failed.
#
# usage: scripts/feedback.sh [JUDGE]      (default build/judge)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
judge=${1:-$root/build/judge}
case $judge in /*) ;; *) judge=$(pwd)/$judge ;; esac
export JUDGE_POLICIES="${JUDGE_POLICIES:-$root/policies}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/judge-feedback-XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

ok() { pass=$((pass + 1)); printf 'ok    %s\n' "$1"; }
bad() {
	fail=$((fail + 1))
	printf 'FAIL  %s: %s\n' "$1" "$2"
	[ -s "$tmp/out" ] && sed 's/^/      /' "$tmp/out" | head -40
}
# has NAME PATTERN FILE: grep -E PATTERN in FILE
has() {
	if grep -Eq -- "$2" "$3"; then ok "$1"; else bad "$1" "no /$2/ in $3"; fi
}

# A problem of two tests; programs that go wrong in the ways students' do.
prob=$tmp/prob
mkdir -p "$prob/group"
printf '1 2\n' >"$prob/1.in"
printf '3\n' >"$prob/1.ans"
printf '10 20\n' >"$prob/group/2.in"
printf '30\n' >"$prob/group/2.ans"
cat >"$tmp/wa.c" <<'C'
#include <stdio.h>
int main(void) { int a, b; if (scanf("%d %d", &a, &b) != 2) return 3; printf("%d\n", a > 5 ? a + b + 1 : a + b); return 0; }
C
cat >"$tmp/re.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
int main(void) { fprintf(stderr, "\033[31mboom\033[0m: cannot go on\n"); return 4; }
C
cat >"$tmp/mle.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
int main(void) { char *p = malloc(8UL << 30); if (!p) { fputs("malloc refused\n", stderr); return 1; } p[0] = 1; return 0; }
C

# WA: the table names the first difference, with the line of each side.
"$judge" test "$tmp/wa.c" "$prob" >"$tmp/out" 2>&1
has "WA table: first difference" 'first difference at token 1' "$tmp/out"
has "WA table: expected line" 'expected \(line 1, column 1\): 30' "$tmp/out"
has "WA table: got line" 'got +\(line 1, column 1\): 31' "$tmp/out"
"$judge" test --json "$tmp/wa.c" "$prob" >"$tmp/out" 2>&1
python3 - "$tmp/out" >"$tmp/py" 2>&1 <<'PY' && ok "WA JSON: diff object" || bad "WA JSON: diff object" "$(cat "$tmp/py")"
import json, sys
t = json.load(open(sys.argv[1]))["tests"][1]
d = t["diff"]
assert t["name"] == "group/2" and d["token"] == 1 and d["expected"] == "30" and d["got"] == "31", t
assert d["line"] == 1 and d["column"] == 1 and not d["output_ended"], d
PY

# RE: the table's message and the block under it carry stderr, escapes defused.
"$judge" test "$tmp/re.c" "$prob" >"$tmp/out" 2>&1
has "RE table: stderr in the message" 'exit code 4; stderr: \?\[31mboom\?\[0m: cannot go on' "$tmp/out"
has "RE table: stderr block" '^  stderr \(28 bytes\):' "$tmp/out"
if grep -q "$(printf '\033')" "$tmp/out"; then bad "RE table: no terminal escape from the program" "ESC found"; else ok "RE table: no terminal escape from the program"; fi
"$judge" test --json --report junit "$tmp/junit.xml" "$tmp/re.c" "$prob" >"$tmp/out" 2>&1
python3 - "$tmp/out" >"$tmp/py" 2>&1 <<'PY' && ok "RE JSON: stderr object" || bad "RE JSON: stderr object" "$(cat "$tmp/py")"
import json, sys
s = json.load(open(sys.argv[1]))["tests"][0]["stderr"]
assert s == {"bytes": 28, "cut": False, "excerpt": "?[31mboom?[0m: cannot go on\n"}, s
PY
has "RE JUnit: stderr in the failure" 'cannot go on' "$tmp/junit.xml"
if command -v python3 >/dev/null && python3 -c 'import jsonschema' 2>/dev/null; then
	"$judge" test --json "$tmp/wa.c" "$prob" >"$tmp/wa.json" 2>/dev/null
	if python3 "$root/scripts/json-schema.py" "$root/docs/schema" test "$tmp/out" "$tmp/wa.json" >"$tmp/py" 2>&1; then
		ok "JSON with stderr and diff valid under docs/schema/test.json"
	else
		bad "schema" "$(cat "$tmp/py")"
	fi
else
	echo "SKIP  schema: python3 has no jsonschema module (scripts/deps.sh installs python3-jsonschema)"
fi

# --keep-outputs: every test's stdout and stderr, nested names as folders.
"$judge" test --keep-outputs "$tmp/kept" "$tmp/re.c" "$prob" >"$tmp/out" 2>&1
if [ -f "$tmp/kept/1.stdout" ] && [ -f "$tmp/kept/group/2.stderr" ] &&
   grep -q 'cannot go on' "$tmp/kept/group/2.stderr"; then
	ok "--keep-outputs keeps stdout and stderr per test"
else
	bad "--keep-outputs keeps stdout and stderr per test" "$(ls -R "$tmp/kept" 2>&1)"
fi
ln -s "$tmp" "$tmp/link"
"$judge" test --keep-outputs "$tmp/link" "$tmp/re.c" "$prob" >"$tmp/out" 2>&1
st=$?
if [ "$st" -eq 2 ] && grep -q -- '--keep-outputs.*symbolic link' "$tmp/out"; then
	ok "--keep-outputs refuses a symbolic link, exit 2"
else
	bad "--keep-outputs refuses a symbolic link, exit 2" "exit $st"
fi
: >"$tmp/plainfile"
"$judge" test --keep-outputs "$tmp/plainfile" "$tmp/re.c" "$prob" >"$tmp/out" 2>&1
st=$?
if [ "$st" -eq 2 ] && grep -q 'not a directory' "$tmp/out"; then ok "--keep-outputs on a file: exit 2"; else bad "--keep-outputs on a file: exit 2" "exit $st"; fi

# MLE: the row says what was refused, not only the small peak.
"$judge" test -m 64M "$tmp/mle.c" "$prob" >"$tmp/out" 2>&1
has "MLE names the refused allocation" 'an allocation of 83886[0-9]{2} KiB was refused' "$tmp/out"

# Progress: "compiling wa.c..." while the compiler runs (forced on off a terminal).
"$judge" test --progress "$tmp/wa.c" "$prob" >/dev/null 2>"$tmp/out"
has "progress: compiling names the source" 'compiling wa\.c' "$tmp/out"
"$judge" test "$tmp/wa.c" "$prob" >/dev/null 2>"$tmp/out"
if grep -q compiling "$tmp/out"; then bad "no progress off a terminal" "found"; else ok "no progress off a terminal"; fi

# ---- judge grade: a class of six, two of them handing in the same sol.c
cls=$tmp/class
mkdir -p "$cls/alice" "$cls/bob"
cp "$tmp/wa.c" "$cls/carol.c"
cp "$tmp/re.c" "$cls/dave.c"
printf 'int main(void) {' >"$cls/eve.c"
cat >"$cls/mallory.c" <<'C'
#include <stdio.h>
int main(void) { puts("<script>alert(1)</script>"); fputs("</pre><script>evil()</script>\n", stderr); return 1; }
C
cat >"$cls/alice/sol.c" <<'C'
#include <stdio.h>
int main(void) { long a, b; if (scanf("%ld %ld", &a, &b) != 2) return 3; printf("%ld\n", a + b); return 0; }
C
cp "$cls/alice/sol.c" "$cls/bob/sol.c"
subs="$cls/carol.c $cls/dave.c $cls/eve.c $cls/mallory.c $cls/alice/sol.c $cls/bob/sol.c"
# shellcheck disable=SC2086
"$judge" grade --progress --jobs 2 --csv "$tmp/g.csv" --html "$tmp/g.html" --json "$prob" $subs \
	>"$tmp/g2.json" 2>"$tmp/progress"
# shellcheck disable=SC2086
"$judge" grade --json "$prob" $subs >"$tmp/g1.json" 2>/dev/null
python3 - "$tmp/g1.json" "$tmp/g2.json" >"$tmp/py" 2>&1 <<'PY' && ok "grade --jobs 2 gives every submission the result --jobs 1 gives" || bad "grade --jobs 2 = --jobs 1" "$(cat "$tmp/py")"
import json, sys
def view(path):
    out = []
    for s in json.load(open(sys.argv[1] if path == 1 else sys.argv[2]))["submissions"]:
        out.append((s["student"], s["verdict"], s["passed"], [(t["name"], t["verdict"]) for t in s.get("tests", [])]))
    return out
a, b = view(1), view(2)
assert a == b, (a, b)
assert [x[:2] for x in a] == [("carol", "WA"), ("dave", "RE"), ("eve", "CE"), ("mallory", "RE"), ("alice", "AC"), ("bob", "AC")], a
PY
# the progress line shows "NAME compiling..." only while a compile runs
a=$(tr '\r' '\n' <"$tmp/progress" | grep -c 'alice compiling')
b=$(tr '\r' '\n' <"$tmp/progress" | grep -c 'bob compiling')
if [ "$a" -eq 0 ] || [ "$b" -eq 0 ]; then ok "grade: identical sources compiled once"; else bad "grade: identical sources compiled once" "both alice and bob compiled sol.c"; fi
has "grade progress names the submission at work" '\[[0-9]/6\].* carol [0-9]/2 ' "$tmp/progress"
has "grade progress: compiling" 'dave compiling' "$tmp/progress"
head -n 1 "$tmp/g.csv" | tr -d '\r' >"$tmp/head"
has "CSV header" '^student,source,language,verdict,score,passed,total,test 1,test group/2,max_time_ms,max_memory_kb,message,compile_error$' "$tmp/head"
has "CSV: a column per test, score" '^carol,[^,]*,c,WA,50\.0,1,2,AC,WA,' "$tmp/g.csv"
has "CSV: compile error excerpt" '^eve,.*,CE,.*expected declaration or statement at end of input' "$tmp/g.csv"
has "CSV: stderr's last line in the message" '^dave,.*exit code 4; stderr: \?\[31mboom' "$tmp/g.csv"
"$judge" grade "$prob" $subs >"$tmp/out" 2>&1
has "grade summary line" '^2 of 6 AC, average score 41\.7, slowest: ' "$tmp/out"
if command -v python3 >/dev/null && python3 -c 'import jsonschema' 2>/dev/null; then
	if python3 "$root/scripts/json-schema.py" "$root/docs/schema" grade "$tmp/g2.json" >"$tmp/py" 2>&1; then
		ok "grade JSON valid under docs/schema/grade.json"
	else
		bad "grade schema" "$(cat "$tmp/py")"
	fi
fi

# ---- grade --jobs 2 shares one submission's tests between the workers (JUDGE_GRADE_TIMELINE
# names the process that ran each test); each test sleeps, so the second worker is free for one
cat >"$tmp/slow.c" <<'C'
#include <stdio.h>
#include <unistd.h>
int main(void) { long a, b; usleep(400000); if (scanf("%ld %ld", &a, &b) != 2) return 3; printf("%ld\n", a + b); return 0; }
C
rm -f "$tmp/timeline"
JUDGE_GRADE_TIMELINE=$tmp/timeline "$judge" grade --jobs 2 "$prob" "$tmp/slow.c" >"$tmp/out" 2>&1
w=$(awk '$3 == "tested" { print $2 }' "$tmp/timeline" 2>/dev/null | sort -u | wc -l)
if [ "$w" -eq 2 ] && grep -q '^slow  *AC ' "$tmp/out"; then
	ok "grade --jobs 2: one submission's tests run on both workers, AC as with one"
else
	bad "grade --jobs 2 shares a submission's tests" "$w worker(s) ran its tests; $(grep '^slow' "$tmp/out")"
fi

# ---- a grade worker killed mid-submission: that submission is IE, the rest judged
cat >"$tmp/zzz.c" <<'C'
#include <unistd.h>
int main(void) { sleep(100); return 0; }
C
"$judge" grade --jobs 2 -w 60s "$prob" "$cls/alice/sol.c" "$tmp/zzz.c" >"$tmp/out" 2>&1 &
gpid=$!
victim= prog=
i=0
# the worker to kill is the one whose program sleeps (never the one judging sol.c)
while [ -z "$victim" ] && [ $i -lt 300 ]; do
	for w in $(pgrep -P "$gpid"); do
		for c in $(pgrep -P "$w"); do
			if grep -q nanosleep "/proc/$c/wchan" 2>/dev/null; then victim=$w prog=$c; fi
		done
	done
	[ -n "$victim" ] || { sleep 0.1; i=$((i + 1)); }
done
if [ -z "$victim" ]; then
	# without /proc/PID/wchan the sleeping program cannot be told apart
	kill "$gpid" 2>/dev/null; wait "$gpid"
	echo "SKIP  grade worker killed: no worker found whose program sleeps (/proc/PID/wchan)"
else
	kill -9 "$victim"
	wait "$gpid"
	if grep -q '^zzz  *IE .*the worker judging this submission died' "$tmp/out" &&
		grep -q '^alice  *AC ' "$tmp/out"; then
		ok "grade: a worker killed mid-run makes its submission IE, the other one is judged"
	else
		bad "grade worker killed" "zzz not IE or alice not AC"
	fi
	state=$(awk '{print $3}' "/proc/$prog/stat" 2>/dev/null)
	if [ -z "$state" ] || [ "$state" = Z ]; then
		ok "grade: the killed worker's program did not outlive it"
	else
		bad "grade worker killed" "its program $prog is still alive (state $state)"
	fi
fi

# ---- the HTML page: self-contained, students' text escaped
has "HTML: the matrix" '<table id="matrix">' "$tmp/g.html"
has "HTML: the program's <script> escaped" '&lt;/pre&gt;&lt;script&gt;evil\(\)&lt;/script&gt;' "$tmp/g.html"
if grep -qi '<script\|src=\|href="http\|@import\|url(' "$tmp/g.html"; then
	bad "HTML: no script, no external resource" "$(grep -io '<script[^>]*>\|src=[^ ]*\|@import\|url([^)]*)' "$tmp/g.html" | head -3)"
else
	ok "HTML: no script, no external resource"
fi
sh "$root/scripts/html-browser.sh" "$tmp/g.html" "$tmp/shot.png" >"$tmp/out" 2>&1
case $? in
0) ok "HTML in headless Chromium: no console error, the matrix in the screenshot" ;;
77) echo "SKIP  HTML in a browser: $(tail -n 1 "$tmp/out")" ;;
*) bad "HTML in headless Chromium" "$(tail -n 5 "$tmp/out")" ;;
esac

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
