#!/bin/sh
# Fails on the sanitizer reports `make asan` collected (ASAN_OPTIONS's
# log_path: one file a process) but one: the small block Criterion's runner
# leaks itself, known by the frame that allocated it, frame #1, being in
# libcriterion.  A suppression by module would not do: every test's stack
# ends in Criterion's frames, so "leak:libcriterion.so" hid the tests' own
# leaks as well.
#
#   sh scripts/sanreports.sh DIR
set -eu
dir=$1
set -- "$dir"/san.*
[ -e "$1" ] || exit 0
awk '
/^(Direct|Indirect) leak of/ { leak = $0; next }
leak != "" && /^ *#1 / {
	if ($0 !~ /libcriterion\.so/) { print FILENAME ": " leak; print FILENAME ": " $0; bad = 1 }
	leak = ""
	next
}
/ERROR: (AddressSanitizer|UndefinedBehaviorSanitizer)|runtime error:/ { print FILENAME ": " $0; bad = 1 }
END { exit bad }' "$@" >&2 || {
	echo "asan: sanitizer reports in $dir (above: the leaks and errors that are not Criterion's own)" >&2
	exit 1
}
