#!/bin/sh
# Runs the stages of `make test` in order, stopping at the first that fails,
# and prints each one's wall and CPU seconds (its processes' user + system,
# which load on the machine changes little), so a slow stage shows in CI's log.
#   usage: MAKE=make sh scripts/stages.sh STAGE...
set -u
make=${MAKE:-make}
# clock ticks of this shell's reaped descendants: fields 16 and 17 of its stat
cpu_ticks() { awk '{ print $16 + $17 }' /proc/$$/stat; }
hz=$(getconf CLK_TCK)
start=$(date +%s)
for s in "$@"; do
	t0=$(date +%s) c0=$(cpu_ticks)
	$make "$s" || { echo "== make $s failed after $(($(date +%s) - t0)) s"; exit 1; }
	echo "== make $s: $(($(date +%s) - t0)) s wall, $((($(cpu_ticks) - c0) / hz)) s CPU (user + system)"
done
echo "== make test: $(($(date +%s) - start)) s wall in all"
