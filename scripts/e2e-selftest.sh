#!/bin/sh
# The runner's own check: three harmless core cases run under a fake "judge"
# that runs the program with no sandbox at all and always reports OK.  Each
# must fail, and for the host-side reason its attempt leaves behind, or the
# host checks of scripts/e2e-case.sh could pass by never looking.
#   usage: sh scripts/e2e-selftest.sh WORKDIR    (called by scripts/e2e.sh,
#   with the E2E_* variables of scripts/e2e-case.sh exported)
# Writes WORKDIR/result: "PASS" or one "FAIL ..." line per problem.
set -u

w=$1
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$w/cases"
: >"$w/fail"

cat >"$w/fake-judge" <<'FAKE'
#!/bin/sh
# Runs the program unconfined and says OK: everything a sandbox should stop happens.
out=/dev/null
while [ "$1" != -- ]; do
	[ "$1" = --stdout ] && out=$2
	shift
done
shift
"$@" </dev/null >"$out" 2>&1
echo '{"verdict":"OK","message":"no sandbox","cpu_ms":0,"memory_kb":0,"exit_code":0,"signal":null,"syscall":null}'
FAKE
chmod 755 "$w/fake-judge"

# case  the reason its run must fail with
while read -r c want; do
	E2E_JUDGE=$w/fake-judge E2E_WORK=$w/cases E2E_MODES=seccomp \
		sh "$root/scripts/e2e-case.sh" "$root/testcases/core/$c"
	r=$w/cases/core_$c/result
	if [ ! -f "$r" ]; then
		echo "FAIL runner-selftest $c: no result" >>"$w/fail"
	elif ! grep -q -- "$want" "$r"; then
		echo "FAIL runner-selftest $c: an unconfined run did not fail with \"$want\"" >>"$w/fail"
	fi
	# what the unconfined write-tmp made, named after its run alone
	grep -o '/tmp/judge-e2e-judge-e2e-[0-9]*-core-write-tmp' "$r" 2>/dev/null | sort -u |
		while read -r f; do rm -f "$f"; done
done <<'EOF'
write-tmp /tmp/judge-e2e-judge-e2e-[0-9]*-core-write-tmp exists
unlink-victim the case directory changed
double-fork processes left after the judge returned
read-secret forbidden text in the prog.out
EOF

if [ -s "$w/fail" ]; then
	cp "$w/fail" "$w/result"
else
	echo PASS >"$w/result"
fi
