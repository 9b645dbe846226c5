#!/bin/sh
# Writes DIR/in.txt (10^6 integers, the same every time) and DIR/ans.txt (them
# sorted) for the lang/*/sort cases: 10 MB that need not live in the tree.
set -eu
dir=$1
awk 'BEGIN {
	srand(20240601)
	n = 1000000
	print n
	for (i = 0; i < n; i++)
		printf "%d%s", int(rand() * 2000000000) - 1000000000, i % 20 == 19 ? "\n" : " "
}' >"$dir/in.txt"
tail -n +2 "$dir/in.txt" | tr ' ' '\n' | grep -v '^$' | sort -n >"$dir/ans.txt"
