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

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
