#!/bin/sh
# Installs the Debian packages the build, the tests and the languages need.
# As root: apt-get update once, then apt-get install -y what is missing.
# Otherwise: names what is missing and fails, since only root can install.
set -eu
pkgs="gcc g++ make pkg-config libelf-dev libjansson-dev libcriterion-dev libseccomp-dev
libyaml-dev zlib1g-dev libzstd-dev clang libclang-rt-14-dev hyperfine util-linux procps iproute2 jq help2man
python3 openjdk-17-jdk-headless fpc rustc golang-go nodejs pypy3
perl ruby php-cli lua5.4 bash gfortran gnat gdc ocaml-nox ghc sbcl swi-prolog-nox gnucobol3
kotlin scala mono-mcs mono-runtime r-base-core erlang-nox elixir
python3-jsonschema chromium
libhiredis-dev redis-server python3-redis
bubblewrap"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "judge: missing Debian packages:$missing" >&2
	echo "judge: run as root: apt-get install -y$missing" >&2
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
# Another make test may be installing at the same moment: wait for its lock.
apt-get -o DPkg::Lock::Timeout=600 update -qq
# unsafe-io: no fsync per unpacked file, minutes saved on a fresh machine
# shellcheck disable=SC2086
apt-get -o DPkg::Lock::Timeout=600 -o DPkg::Options::=--force-unsafe-io \
	install -y -qq --no-install-recommends $missing >/dev/null
