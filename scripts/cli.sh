#!/bin/sh
# The command line as a user meets it: help and version, "did you mean",
# options of other commands refused, the README's usage being the help text,
# the manual page and bash completion that `make install` puts under
# DESTDIR/PREFIX, and an installed judge finding its policies.
# usage: cli.sh JUDGE
set -u
judge=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/judge-cli-XXXXXX")
trap 'rm -rf "$work"' EXIT
fails=0

fail() {
	echo "FAIL cli: $*"
	fails=$((fails + 1))
}

# expect STATUS PATTERN CMD...: the exit status, and PATTERN (grep -E) in stdout + stderr
expect() {
	want=$1 pat=$2
	shift 2
	"$@" </dev/null >"$work/out" 2>&1
	got=$?
	[ "$got" -eq "$want" ] || fail "$*: exit $got, want $want: $(head -c 300 "$work/out")"
	grep -Eq -- "$pat" "$work/out" || fail "$*: no /$pat/ in: $(head -c 300 "$work/out")"
}

# ---- help and version
expect 0 '^judge [0-9a-g][0-9a-z.-]*$' "$judge" --version
v=$("$judge" --version)
[ "$v" != "judge unknown" ] || fail "--version: the build did not record its version"
expect 0 '^Usage: judge COMMAND' "$judge" --help
expect 0 '^Usage: judge COMMAND' "$judge" help
"$judge" help >"$work/help" && "$judge" --help | cmp -s - "$work/help" ||
	fail "judge help and judge --help differ"
for c in run test compile grade verify policy; do
	"$judge" help "$c" >"$work/h1" 2>&1 || fail "judge help $c: exit $?"
	"$judge" "$c" --help >"$work/h2" 2>&1 || fail "judge $c --help: exit $?"
	cmp -s "$work/h1" "$work/h2" || fail "judge help $c and judge $c --help differ"
	grep -q "default:" "$work/h1" || [ "$c" = compile ] || [ "$c" = policy ] || fail "judge help $c names no default"
done
expect 0 'judge policy check' "$judge" help policy
expect 0 'judge worker' "$judge" help worker
expect 0 '^Judge verify:' "$judge" help all

# ---- mistakes get a suggestion and exit 2
expect 2 "unknown command 'tset' \(did you mean 'test'\?\)" "$judge" tset
expect 2 "did you mean 'policy'" "$judge" polcy list
expect 2 "no command 'rnu' \(did you mean 'run'\?\)" "$judge" help rnu
expect 2 "did you mean 'check'" "$judge" policy chek c
expect 2 "unknown option '--tiem' \(did you mean '--time'\?\)" "$judge" run --tiem 5 -- /bin/true
expect 2 "did you mean '--fail-fast'" "$judge" test --failfast a.c p
expect 2 "'--csv' is not an option of judge run" "$judge" run --csv x.csv -- /bin/true
expect 2 "'--csv' is not an option of judge test" "$judge" test --csv x.csv a.c p
expect 2 "'--time' is not an option of judge compile" "$judge" compile -t 5 a.c -o x
expect 2 "'--stdin' is not an option of judge verify" "$judge" verify -i in p
expect 2 "'--time' needs a value" "$judge" run --time

# ---- times as people write them
expect 0 '^OK' "$judge" run -t 1.5s -w 3000ms -- /bin/true
expect 2 "expected a time like 1500, 1500ms or 1.5s, got '1.5'" "$judge" run -t 1.5 -- /bin/true

# ---- judge run: a SOURCE runs with its policy's run command, compiled first
# when its language compiles; piped standard input reaches the program; the
# program starts in a private empty directory.
src=$work/src
mkdir "$src"
printf 'a, b = map(int, input().split())\nprint(a + b)\n' >"$src/sol.py"
printf '#include <stdio.h>\nint main(void) { int a, b; if (scanf("%%d %%d", &a, &b) != 2) return 3; printf("%%d\\n", a + b); return 0; }\n' >"$src/sol.c"
printf 'int main(void) {' >"$src/bad.c"
printf '1 2\n' >"$src/in.txt"
# pipe NAME WANT STDIN-TEXT JUDGE-ARGS...: the program's stdout must be WANT, exit 0
pipe() {
	name=$1 want=$2 text=$3
	shift 3
	got=$(cd "$src" && printf '%s\n' "$text" | "$judge" "$@" 2>"$work/err")
	st=$?
	[ "$st" -eq 0 ] && [ "$got" = "$want" ] ||
		fail "$name: judge $*: exit $st, stdout '$got': $(head -c 300 "$work/err")"
}
pipe "source by extension, stdin from a pipe" 3 "1 2" run sol.py
pipe "-p LANG -- FILE" 11 "5 6" run -p python3 -- sol.py
pipe "a compiled language" 7 "3 4" run sol.c
pipe "-i -" 9 "4 5" run -i - -p c -- sol.c
pipe "a source with -t 2s" 3 "1 2" run -t 2s sol.py
got=$(cd "$src" && "$judge" run sol.c <"$src/in.txt" 2>/dev/null)
[ "$got" = 3 ] || fail "stdin from a file: got '$got'"
(cd "$src" && "$judge" run sol.c </dev/null >/dev/null 2>&1)
[ $? -eq 1 ] || fail "no stdin: the program must read end of file (exit 3, RE)"
expect 1 '^CE  compilation failed' sh -c 'cd "$1" && "$2" run bad.c' sh "$src" "$judge"
expect 1 '"verdict":"CE".*"compile":\{"status":"CE","message":"[^"]*error' \
	sh -c 'cd "$1" && "$2" run --json bad.c' sh "$src" "$judge"
expect 2 "a SOURCE compiles and runs in a private directory" \
	sh -c 'cd "$1" && "$2" run --dir . sol.py' sh "$src" "$judge"
printf '{"extends": "base", "extensions": ["zz"]}\n' >"$src/norun.json"
: >"$src/x.zz"
expect 2 "has no run command: it cannot run x.zz" \
	sh -c 'cd "$1" && "$2" run -p norun.json -- x.zz' sh "$src" "$judge"

# an interpreter run as a PROGRAM under the default policy is told for what it is
expect 2 "python3: policy c cannot run it: it is the run command of policy python3" \
	sh -c 'cd "$1" && "$2" run -- python3 sol.py' sh "$src" "$judge"
expect 1 "note: policy python3 starts /usr/bin/python3 itself, with the options it was made for" \
	sh -c 'cd "$1" && "$2" run -p python3 -- /usr/bin/python3 sol.py' sh "$src" "$judge"

# the work directory: private and empty unless --dir says otherwise, and gone afterwards
printf 'caller secret\n' >"$src/secret.txt"
printf '#include <stdio.h>\nint main(void) { FILE *f = fopen("secret.txt", "r"); char b[64] = ""; if (f && fgets(b, sizeof b, f)) fputs(b, stdout); else puts("none"); return 0; }\n' >"$src/peek.c"
gcc -O2 -o "$src/peek" "$src/peek.c" || fail "gcc peek.c"
chmod 755 "$src" "$src/peek"
chmod 644 "$src/secret.txt"
mkdir -m 711 "$work/tmp"
# a policy that lets the program read its work directory, as interpreters' policies do
printf '{"extends": "c", "files": {"read": ["{dir}/"]}}\n' >"$src/readdir.json"
got=$(cd "$src" && TMPDIR=$work/tmp "$judge" run -p readdir.json -- ./peek </dev/null 2>"$work/err")
[ "$got" = none ] || fail "default work directory: the program read the caller's secret.txt ('$got')"
# the slot of the workspace pool stays for the next judge, emptied (judge/judging/dirpool.h)
left=$(find "$work/tmp" -mindepth 1 \( ! -path "$work/tmp/judge-ws-*" -o -path "$work/tmp/judge-ws-*/*" \) -print)
[ -z "$left" ] || fail "the private work directory was left: $left"
got=$(cd "$src" && "$judge" run -p readdir.json --dir . -- ./peek </dev/null 2>"$work/err")
[ "$got" = "caller secret" ] || fail "--dir .: the program did not get its directory: '$got' $(cat "$work/err")"
got=$(cd "$src" && printf 'import os\nprint(sorted(os.listdir(".")))\n' >ls.py && "$judge" run ls.py </dev/null 2>"$work/err")
case $got in
*secret* | *sol.c*) fail "a SOURCE's directory holds the caller's files: $got" ;;
"['ls.py', 'prog']") ;;
*) fail "a SOURCE's directory: got '$got' $(head -c 300 "$work/err")" ;;
esac

# ---- policy authoring: a user's policy finds the built-in compile policy;
# policy check resolves what a policy refers to; what the compile policy
# forbids the compiler, and a compile that leaves no program, are IE naming
# why; compile --trace writes the compiler's syscalls
up=$work/up
mkdir "$up"
printf 'int main(void) { return 0; }\n' >"$up/a.c"
printf '{"extends": "c", "compile_policy": "compile"}\n' >"$up/myc.json"
printf '{"extends": "c", "compile_policy": "compil"}\n' >"$up/typo.json"
printf '{"extends": "c", "run": ["/usr/bin/no-such-runtime", "{exe}"]}\n' >"$up/norun.json"
printf '{"extends": "compile", "deny": ["wait4"]}\n' >"$up/tight.json"
printf '{"extends": "c", "compile_policy": "tight"}\n' >"$up/usetight.json"
printf '{"extends": "c", "compile": ["gcc", "-o", "{dir}/a.out", "{source}"]}\n' >"$up/noexe.json"
expect 0 '^OK' sh -c 'cd "$1" && "$2" run -p ./myc.json -- a.c' sh "$up" "$judge"
expect 0 'myc.json: ok' "$judge" policy check "$up/myc.json"
# the compile policy it inherits (python3's compile-python) is found where the built-ins live
printf '{"extends": "python3"}\n' >"$up/mypy.json"
printf 'print(6 * 7)\n' >"$up/a.py"
expect 0 '^OK' sh -c 'cd "$1" && "$2" run -p ./mypy.json -- a.py' sh "$up" "$judge"
expect 0 'mypy.json: ok' "$judge" policy check "$up/mypy.json"
expect 2 'compil.json: compile_policy: No such file' "$judge" policy check "$up/typo.json"
expect 2 'norun.json: run\[0\]: /usr/bin/no-such-runtime: No such file' "$judge" policy check "$up/norun.json"
expect 2 'the compile policy tight forbids syscall wait4 \(x86_64 #61\)' \
	sh -c 'cd "$1" && "$2" run -p ./usetight.json -- a.c' sh "$up" "$judge"
mkdir "$up/p" && printf '\n' >"$up/p/1.in" && printf '\n' >"$up/p/1.ans"
expect 2 '"verdict":"IE".*forbids syscall wait4' "$judge" test --json -p "$up/usetight.json" "$up/a.c" "$up/p"
expect 2 'the compile step made no program: its run command needs \{exe\}' \
	"$judge" test -p "$up/noexe.json" "$up/a.c" "$up/p"
expect 0 '^OK' "$judge" compile --trace "$up/trace.log" "$up/a.c" -o "$up/a.out"
grep -q ' = allow' "$up/trace.log" || fail "compile --trace wrote no syscalls: $(head -c 200 "$up/trace.log")"
[ -x "$up/a.out" ] || fail "compile --trace: no program"

# ---- judge policy learn: what is learned from a reference run runs the same
# program again (OK); a program that needs more is RF naming the syscall, or
# refused the file tree it did not read
lw=$work/learn
mkdir "$lw"
printf '#include <stdio.h>\nint main(void) { int a, b; if (scanf("%%d %%d", &a, &b) != 2) return 3; printf("%%d\\n", a + b); return 0; }\n' >"$lw/sum.c"
printf '#include <stdio.h>\n#include <sys/socket.h>\nint main(void) { printf("%%d\\n", socket(AF_INET, SOCK_STREAM, 0)); return 0; }\n' >"$lw/net.c"
printf 'import sys, json\na, b = map(int, sys.stdin.read().split())\nprint(json.dumps({"sum": a + b}))\n' >"$lw/sum.py"
printf 'import _socket\n_socket.socket()\n' >"$lw/net.py"
printf 'print(open("/usr/include/stdio.h").read(2))\n' >"$lw/tree.py"
printf '1 2\n' >"$lw/in"
expect 0 '"extends": "base"' "$judge" policy learn -i "$lw/in" --from-source "$lw/sum.c"
"$judge" policy learn -i "$lw/in" --from-source "$lw/sum.c" >"$lw/c.json" 2>"$work/err" ||
	fail "policy learn sum.c: $(head -c 300 "$work/err")"
"$judge" policy learn -i "$lw/in" --from-source "$lw/sum.py" >"$lw/py.json" 2>"$work/err" ||
	fail "policy learn sum.py: $(head -c 300 "$work/err")"
grep -q '"/usr/lib/python3.11/"' "$lw/py.json" || fail "learned python policy reads no stdlib tree: $(cat "$lw/py.json")"
grep -q '"/usr/lib/python3.11/": "The reference program read' "$lw/py.json" ||
	fail "learned python policy says not why it reads its stdlib: $(cat "$lw/py.json")"
expect 0 'c.json: ok' "$judge" policy check "$lw/c.json"
expect 0 'py.json: ok' "$judge" policy check "$lw/py.json"
expect 0 '^OK' "$judge" run -p "$lw/c.json" -i "$lw/in" "$lw/sum.c"
expect 0 '^OK' "$judge" run -p "$lw/py.json" -i "$lw/in" "$lw/sum.py"
expect 1 '^RF .*forbidden syscall socket' "$judge" run -p "$lw/c.json" "$lw/net.c"
expect 1 '^RF .*forbidden syscall socket' "$judge" run -p "$lw/py.json" "$lw/net.py"
expect 1 "Permission denied: '/usr/include/stdio.h'" "$judge" run -p "$lw/py.json" "$lw/tree.py"
# a PROGRAM alone: a socket it tried while learning (refused: no network) stays refused
gcc -O2 -o "$lw/net" "$lw/net.c" || fail "gcc net.c"
"$judge" policy learn -- "$lw/net" >"$lw/net.json" 2>"$work/err" || fail "policy learn net: $(head -c 300 "$work/err")"
grep -q '"socket": "EACCES"' "$lw/net.json" || fail "learned: socket is not refused: $(cat "$lw/net.json")"
expect 0 '^-1$' "$judge" run -p "$lw/net.json" -- "$lw/net"
# the README's walk-through, as written, adds a language
pw=$work/walk
mkdir -p "$pw/policies" "$pw/bin"
cp "$root/policies/base.json" "$pw/policies/"
ln -s "$judge" "$pw/bin/judge"
awk '/^A new language in/ { w = 1 } w && /^```sh/ { b = 1; next } b && /^```/ { exit } b' \
	"$root/README.md" >"$pw/walk.sh"
grep -q 'policy learn' "$pw/walk.sh" || fail "README: no policy learn walk-through found"
got=$(cd "$pw" && PATH=$pw/bin:$PATH JUDGE_POLICIES=$pw/policies sh -e walk.sh 2>"$work/err")
[ "$got" = 7 ] || fail "README walk-through: got '$got': $(head -c 300 "$work/err")"
expect 1 'must run to completion' "$judge" policy learn -- /bin/false
expect 2 'usage: judge policy learn' "$judge" policy learn
expect 2 "'--json' is not an option of judge policy learn" "$judge" policy learn --json -- /bin/true
expect 0 'judge policy learn \[options\] --from-source' "$judge" policy learn --help

# ---- every object --json prints is valid under its schema in docs/schema/,
# and so is every error with --json
schema() {
	name=$1
	shift
	python3 "$root/scripts/json-schema.py" "$root/docs/schema" "$name" "$@" >"$work/schema.log" 2>&1 ||
		fail "schema $name: $(head -c 600 "$work/schema.log")"
}
if ! python3 -c 'import jsonschema' 2>/dev/null; then
	fail "python3 has no jsonschema module: install python3-jsonschema (scripts/deps.sh)"
else
	j=$work/json
	mkdir -p "$j" "$work/prob/submissions/accepted" "$work/prob/submissions/wrong_answer" \
		"$work/prob/submissions/compile_error"
	printf '1 2\n' >"$work/prob/1.in"; printf '3\n' >"$work/prob/1.ans"
	printf '5 5\n' >"$work/prob/2.in"; printf '10\n' >"$work/prob/2.ans"
	cp "$src/sol.c" "$src/sol.py" "$work/prob/submissions/accepted/"
	printf 'print(0)\n' >"$work/prob/submissions/wrong_answer/zero.py"
	cp "$src/bad.c" "$work/prob/submissions/compile_error/"
	printf '#include <sys/socket.h>\nint main(void) { return socket(2, 1, 0) < 0; }\n' >"$src/net.c"
	printf 'int main(void) { for (;;); }\n' >"$src/spin.c"
	(
		cd "$src" || exit 1
		"$judge" run --json -- /bin/true >"$j/run-ok"
		"$judge" run --json -t 200 spin.c >"$j/run-tle"
		"$judge" run --json net.c >"$j/run-rf"
		"$judge" run --json -i in.txt -a "$work/prob/2.ans" sol.c >"$j/run-wa"
		"$judge" run --json bad.c >"$j/run-ce"
		"$judge" test --json sol.c "$work/prob" >"$j/test-ac"
		"$judge" test --json bad.c "$work/prob" >"$j/test-ce"
		"$judge" test --json --mode ptrace "$work/prob/submissions/wrong_answer/zero.py" \
			"$work/prob" >"$j/test-wa"
		"$judge" compile --json sol.c -o "$work/sol.out" >"$j/compile-ok"
		"$judge" compile --json bad.c -o "$work/bad.out" >"$j/compile-ce"
		: >x.zz
		"$judge" grade --json "$work/prob" sol.py bad.c x.zz >"$j/grade"
		"$judge" verify --json "$work/prob" >"$j/verify"
		printf '{\n  "extends": "base",\n  "alow": []\n}\n' >broken.json
		"$judge" run --json -p broken.json -- /bin/true >"$j/error-policy"
		"$judge" run --json -t 0 -- /bin/true >"$j/error-time"
		"$judge" run --json --bogus -- /bin/true >"$j/error-option"
		"$judge" run --json -- python3 sol.py >"$j/error-interpreter"
		"$judge" test --json sol.c "$work/no-such-problem" >"$j/error-problem"
		"$judge" test --json sol.c >"$j/error-usage"
		"$judge" compile --json nosuch.c -o x >"$j/error-compile"
		"$judge" grade --json --csv x.csv "$work/prob" >"$j/error-grade"
	) </dev/null 2>"$work/json.err"
	schema run "$j"/run-*
	schema test "$j"/test-*
	schema compile "$j"/compile-*
	schema grade "$j/grade"
	schema verify "$j/verify"
	schema error "$j"/error-*
	grep -q '"verdict":"RF".*"name":"socket"' "$j/run-rf" || fail "run-rf: $(cat "$j/run-rf")"
	grep -q '"verdict":"TLE"' "$j/run-tle" || fail "run-tle: $(cat "$j/run-tle")"
	grep -q '"verdict":"WA"' "$j/run-wa" || fail "run-wa: $(cat "$j/run-wa")"
	grep -q '"line":3,"column":3' "$j/error-policy" || fail "error-policy: $(cat "$j/error-policy")"
	grep -q '"matched":4,"total":4' "$j/verify" || fail "verify: $(cat "$j/verify")"
fi

# ---- the README's usage is the help text
awk '/^## Usage/ { u = 1; next } /^## / { u = 0 }
	u && /^```/ { if (b) { b = 0; n++ } else { b = 1; f = sprintf("'"$work"'/readme.%d", n) ; printf "" > f }; next }
	u && b { print > f }' "$root/README.md"
"$judge" --help | cmp -s - "$work/readme.0" || fail "README's usage is not judge --help"
"$judge" help run | cmp -s - "$work/readme.1" || fail "README's judge help run is not the help text"

# ---- make install: binary, policies, manual page, completion
dest=$work/dest
if ! ${MAKE:-make} -s -C "$root" install DESTDIR="$dest" PREFIX=/usr >"$work/install.log" 2>&1; then
	fail "make install: $(tail -c 500 "$work/install.log")"
else
	for f in bin/judge share/judge/policies/c.json share/judge/policies/base.json \
		share/man/man1/judge.1 share/bash-completion/completions/judge; do
		[ -s "$dest/usr/$f" ] || fail "make install: no $f under DESTDIR/PREFIX"
	done
	# the installed judge finds the policies installed beside it
	(unset JUDGE_POLICIES; "$dest/usr/bin/judge" policy list) | grep -q '^python3 ' ||
		fail "installed judge does not find share/judge/policies"
	# every option of every command is in the manual page
	man=$dest/usr/share/man/man1/judge.1
	"$judge" help all | grep -oE -- '--[a-z][a-z-]+' | sort -u | while read -r o; do
		grep -q -- "$(printf '%s' "$o" | sed 's/-/\\\\-/g')" "$man" || echo "$o"
	done >"$work/man.missing"
	[ -s "$work/man.missing" ] && fail "manual page lacks $(tr '\n' ' ' <"$work/man.missing")"
	grep -q '^\.SH "JUDGE RUN"\|^\.SS "Judge run:"' "$man" || fail "manual page has no section for run"
	# each usage line of a command stays a line of its own, not run together
	for u in 'judge run \[options\] SOURCE' 'judge policy list'; do
		grep -A1 "^$u\$" "$man" | grep -q '^\.br$' || fail "manual page: '$u' is run into the next line"
	done
	# completion, as bash calls it
	comp=$dest/usr/share/bash-completion/completions/judge
	out=$(bash -c '. "$1"; shift
		t() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _judge; printf "%s," "${COMPREPLY[*]}"; }
		t "$1" tes; t "$1" run --ti; t "$1" run --cs; t "$1" grade --cs; t "$1" run --mode p
		t "$1" run -p python' sh "$comp" "$judge" 2>&1)
	[ "$out" = "test,--time,,--csv,ptrace,python3," ] || fail "completion: got '$out'"
fi

# ---- the policy cache (JUDGE_POLICY_CACHE=DIR): a second judge takes the
# policy from its entry (a hit writes nothing: same inode); an edit that keeps
# the size and the mtime is a miss and a new verdict; a bad policy still says
# why and leaves no entry; a directory others may write is not used
pc=$work/pcache pd=$work/pols
mkdir -p "$pd"
cp "$root/policies/base.json" "$root/policies/c.json" "$pd/"
printf '{"extends": "c", "deny": ["getpid"]}\n' >"$pd/p.json"
touch -d '2020-01-01 00:00' "$pd/p.json"
pcrun() { JUDGE_POLICY_CACHE=$1 JUDGE_POLICIES=$pd "$judge" run --json -p p -- /bin/true; }
pcrun "$pc" | grep -q '"verdict":"OK"' || fail "policy cache: first run not OK"
ino1=$(ls -i "$pc"/*.pc 2>/dev/null | awk '{print $1}')
[ -n "$ino1" ] || fail "policy cache: no entry in $pc after a run"
pcrun "$pc" | grep -q '"verdict":"OK"' || fail "policy cache: second run not OK"
[ "$(ls -i "$pc"/*.pc | awk '{print $1}')" = "$ino1" ] || fail "policy cache: the second run rewrote its entry (no hit)"
printf '{"extends": "c", "deny": ["brk"   ]}\n' >"$pd/p.json"
touch -d '2020-01-01 00:00' "$pd/p.json"
pcrun "$pc" | grep -q '"verdict":"RF".*"brk"' || fail "policy cache: an edit keeping size and mtime was not seen"
printf '{"extends": "c", "deny": ["brk"]\n' >"$pd/p.json"
expect 2 'p.json:2:0' env JUDGE_POLICY_CACHE="$pc" JUDGE_POLICIES="$pd" "$judge" run --json -p p -- /bin/true
expect 2 'p.json:2:0' env JUDGE_POLICY_CACHE="$pc" JUDGE_POLICIES="$pd" "$judge" run --json -p p -- /bin/true
[ "$(ls "$pc" | wc -l)" -eq 1 ] || fail "policy cache: an error was stored"
mkdir -m 777 "$work/pcache-open"
printf '{"extends": "c"}\n' >"$pd/p.json"
pcrun "$work/pcache-open" | grep -q '"verdict":"OK"' || fail "policy cache: a run with an unusable cache failed"
[ -z "$(ls "$work/pcache-open")" ] || fail "policy cache: wrote into a world-writable directory"

[ "$fails" -eq 0 ] && echo "cli: all passed"
[ "$fails" -eq 0 ]
