#!/bin/sh
# A page of `judge grade --html` in a real browser: headless Chromium loads
# it with no console error (a blocked resource, a script error, a CSP
# refusal all log one), its DOM holds the students x tests matrix, and a
# screenshot is taken.  Exit 0 when it holds, 1 when not, 77 (with the
# reason on the last line) when Chromium is missing.
#
# usage: scripts/html-browser.sh PAGE.html SHOT.png [WIDTH,HEIGHT]
set -u
page=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shot=$2
size=${3:-1200,900}
browser=
for b in chromium chromium-browser; do
	command -v "$b" >/dev/null 2>&1 && browser=$(command -v "$b") && break
done
if [ -z "$browser" ]; then
	echo "chromium is missing (Debian package chromium; scripts/deps.sh installs it)"
	exit 77
fi
profile=$(mktemp -d "${TMPDIR:-/tmp}/judge-chromium-XXXXXX")
trap 'rm -rf "$profile"' EXIT INT TERM
# A fresh profile, nothing fetched from the network, no sandbox (as root).
run() {
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --disable-extensions \
		--user-data-dir="$profile" --enable-logging=stderr --v=0 "$@" "file://$page"
}
run --dump-dom >"$profile/dom" 2>"$profile/log"
st=$?
if [ "$st" -ne 0 ]; then
	echo "chromium --dump-dom: exit $st"
	tail -n 5 "$profile/log"
	exit 1
fi
if grep -E 'CONSOLE|Uncaught|Refused to|Failed to load' "$profile/log"; then
	echo "console errors while loading the page"
	exit 1
fi
if ! grep -q '<table id="matrix">' "$profile/dom"; then
	echo "the DOM has no matrix"
	exit 1
fi
if grep -qi '<script' "$profile/dom"; then
	echo "the DOM holds a script element"
	exit 1
fi
run --screenshot="$profile/shot.png" --window-size="$size" --hide-scrollbars >/dev/null 2>"$profile/log2"
if [ ! -s "$profile/shot.png" ] || [ "$(wc -c <"$profile/shot.png")" -lt 5000 ]; then
	echo "no screenshot"
	tail -n 5 "$profile/log2"
	exit 1
fi
cp "$profile/shot.png" "$shot"
echo "ok: $shot"
