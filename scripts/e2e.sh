#!/bin/sh
# End-to-end suite (testcases/README.md): every testcases/**/case.json in
# both modes, two cases at a time, then the judge-killed check and the
# runner's check of itself (scripts/e2e-selftest.sh).  As root, the
# whole suite runs again as nobody.  Languages' cases run in seccomp mode
# only unless E2E_LANG_MODES=all.  Prints one line per failed case and mode,
# then "N passed, N failed"; exits 1 on any failure.
#   usage: sh scripts/e2e.sh BUILD/judge [FILTER]    (FILTER: part of "group/case")
#   env: E2E_MODES="seccomp" to run one mode, E2E_NOBODY=0 to skip the nobody pass,
#        E2E_LANG_MODES=all to run languages' cases in every mode (make e2e-full)
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 JUDGE [FILTER]" >&2
	exit 2
fi
judge=$(realpath "$1")
filter=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=2

for tool in jq gcc setsid setpriv pgrep ss timeout md5sum; do
	if ! command -v "$tool" >/dev/null; then
		echo "e2e: $tool is missing (Debian: jq gcc util-linux procps iproute2 coreutils)" >&2
		exit 2
	fi
done
# A judge that saves output by renaming over its target has replaced it before.
if [ ! -c /dev/null ]; then
	echo "e2e: /dev/null is not a character device; as root: rm /dev/null && mknod -m 666 /dev/null c 1 3" >&2
	exit 2
fi
if [ ! -x "$judge" ]; then
	echo "e2e: $judge is not an executable judge; run make first" >&2
	exit 2
fi

# A judge run as root may run the program as another user: that user must
# reach the work directories, so they are 0755 (secrets inside are 0600).
umask 022
work=$(mktemp -d "${TMPDIR:-/tmp}/e2e-judge-work.XXXXXX")
chmod 755 "$work"
secret=$(mktemp /tmp/judge-e2e-secret-XXXXXX)
cleanup() {
	rm -f "$secret"
	if [ "${E2E_KEEP:-}" = 1 ]; then
		echo "e2e: kept $work" >&2
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# What this machine offers, for cases that need it (case.json "requires").
if ! gcc -O1 -o "$work/hostprobe" "$root/scripts/hostprobe.c"; then
	echo "e2e: cannot build scripts/hostprobe.c" >&2
	exit 2
fi

# The secret: readable by this user, so only the sandbox keeps the program from it.
marker=JUDGE-SECRET-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$marker" >"$secret"
chmod 644 "$secret"

E2E_JUDGE=$judge E2E_WORK=$work E2E_ROOT=$root E2E_MODES=${E2E_MODES:-seccomp ptrace}
E2E_SECRET=$secret E2E_MARKER=$marker E2E_HOSTPROBE=$work/hostprobe
export E2E_JUDGE E2E_WORK E2E_ROOT E2E_MODES E2E_SECRET E2E_MARKER E2E_HOSTPROBE

find "$root/testcases" -mindepth 3 -name case.json | sort | while read -r c; do
	c=${c%/case.json}
	case ${c#"$root/testcases/"} in
	*"$filter"*) printf '%s\n' "$c" ;;
	esac
done >"$work/cases"

# A crashed case script shows up below as a case without a result.
xargs -r -P "$jobs" -n 1 sh "$root/scripts/e2e-case.sh" <"$work/cases" || true
if [ -z "$filter" ] || [ "${filter#judge-killed}" != "$filter" ]; then
	sh "$root/scripts/e2e-killed.sh" "$judge" "$work/judge-killed"
fi
if [ -z "$filter" ] || [ "${filter#runner-selftest}" != "$filter" ]; then
	sh "$root/scripts/e2e-selftest.sh" "$work/runner-selftest"
fi

pass=0
failed=0
for r in "$work"/*/result; do
	[ -f "$r" ] || continue
	if [ "$(cat "$r")" = PASS ]; then
		pass=$((pass + 1))
	elif grep -q '^SKIP ' "$r"; then
		# a language whose package is missing: named, never counted as passed
		cat "$r"
	else
		failed=$((failed + 1))
		cat "$r"
	fi
done
# A case that produced no result at all crashed the runner: count it.
while read -r c; do
	n=$(printf '%s' "${c#"$root/testcases/"}" | tr / _)
	if [ ! -f "$work/$n/result" ]; then
		echo "FAIL ${c#"$root/testcases/"}: the runner produced no result"
		failed=$((failed + 1))
	fi
done <"$work/cases"

# E2E_NOBODY=0 skips the second pass (the sanitizer run does).
if [ "$(id -u)" -eq 0 ] && [ -z "${E2E_INNER:-}" ] && [ "${E2E_NOBODY:-1}" != 0 ]; then
	# Everything nobody needs, in a tree it can read wherever this one lives.
	nb=$work/nobody
	mkdir -p "$nb/build"
	cp "$judge" "$nb/build/judge"
	cp -R "$root/scripts" "$root/testcases" "$root/policies" "$nb/"
	chmod -R a+rX "$nb"
	set +e
	setpriv --reuid=65534 --regid=65534 --clear-groups env E2E_INNER=1 HOME=/ \
		sh "$nb/scripts/e2e.sh" "$nb/build/judge" "$filter" >"$work/nobody.log" 2>&1
	set -e
	sed '$d' "$work/nobody.log" | sed 's/^/[nobody] /'
	# (with E2E_KEEP the pass's last line names the directory it kept)
	last=$(grep ' passed, [0-9]* failed$' "$work/nobody.log" | tail -n 1)
	[ -n "$last" ] || last=$(tail -n 1 "$work/nobody.log")
	case $last in
	*" passed, "*" failed")
		pass=$((pass + ${last%% *}))
		last=${last#*passed, }
		failed=$((failed + ${last%% *}))
		;;
	*)
		echo "[nobody] the pass did not finish: $last"
		failed=$((failed + 1))
		;;
	esac
fi

if [ ! -c /dev/null ]; then
	echo "FAIL host: /dev/null is no longer a character device"
	failed=$((failed + 1))
fi
echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
