#!/bin/sh
# Writes DIR/in.txt and DIR/ans.txt for the lang/*/sort cases: 10^6 distinct
# integers in [-10^9, 10^9], the same every time, and them sorted.  They are
# k * 2003 - 999999997 for a permutation k of 0 .. 10^6-1 (i * 7919 mod 10^6;
# 7919 is prime to 10^6), so the answer needs no sort: 10 MB that need not
# live in the tree, made in well under a second.
set -eu
dir=$1
awk 'BEGIN {
	n = 1000000
	print n
	for (i = 0; i < n; i++)
		printf "%d%s", (i * 7919 % n) * 2003 - 999999997, i % 20 == 19 ? "\n" : " "
}' >"$dir/in.txt"
awk 'BEGIN {
	for (k = 0; k < 1000000; k++)
		print k * 2003 - 999999997
}' >"$dir/ans.txt"
