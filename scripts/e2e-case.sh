#!/bin/sh
# One end-to-end case (format: testcases/README.md): build it, run it under
# `judge run --json` in every mode, check the result and the host after each
# run.  Called by scripts/e2e.sh, which exports:
#   E2E_JUDGE   judge binary (absolute)      E2E_WORK    this pass's scratch dir
#   E2E_ROOT    the tree holding testcases/  E2E_MODES   "seccomp ptrace"
#   E2E_SECRET  a 0644 file only a sandbox escape could read
#   E2E_MARKER  its content                  E2E_HOSTPROBE  scripts/hostprobe.c, built
# Writes $E2E_WORK/<case>/result: "PASS" or one "FAIL ..." line per problem.
set -uf

src=$(cd "$1" && pwd)
name=${src#"$E2E_ROOT/testcases/"}
w=$E2E_WORK/$(printf '%s' "$name" | tr / _)
d=$w/d
cj=$src/case.json
tag=judge-e2e-$$-$(printf '%s' "$name" | tr -c 'a-zA-Z0-9\n' -)
nfail=0

rm -rf "$w"
mkdir -p "$d"

# One line per case and mode (or step) in the end, its reasons joined by "; ".
fail() {
	[ -f "$w/why.$1" ] || printf '%s\n' "$1" >>"$w/order"
	printf '%s\n' "$2" | tr -s '\n\t ' '   ' >>"$w/why.$1"
	printf '\n' >>"$w/why.$1"
	nfail=$((nfail + 1))
}

finish() {
	if [ "$nfail" -eq 0 ]; then
		echo PASS >"$w/result"
	else
		while read -r k; do
			printf 'FAIL %s %s: %s\n' "$name" "$k" "$(sed -e 's/ *$//' -e '$!s/$/;/' "$w/why.$k" | tr '\n' ' ' | sed 's/ *$//')"
		done <"$w/order" >"$w/result"
	fi
	exit 0
}

# ---- read case.json once: complaints on the first line, then assignments
# (no_output is 0600: it may hold the shadow line, and the directory is 0755)
(umask 077 && : >"$w/no_output")
if ! jq -r --arg dir "$d" --arg tag "$tag" --arg secret "$E2E_SECRET" \
	--arg marker "$E2E_MARKER" '
	def ph: gsub("\\{dir\\}"; $dir) | gsub("\\{tag\\}"; $tag) |
		gsub("\\{secret\\}"; $secret) | gsub("\\{marker\\}"; $marker);
	def obj(v): if v == null then {} else v end;
	def unknown(v; allowed; p):
		if (obj(v) | type) != "object" then [p + " is not an object"]
		else obj(v) | keys - allowed | map("unknown key " + p + .) end;
	def strs(v; p): if v == null or (v | type == "array" and all(type == "string")) then []
		else [p + " must be a list of strings"] end;
	def range(v; p): if v == null or (v | type == "array" and length == 2 and all(type == "number"))
		then [] else [p + " must be [low, high]"] end;
	def list(v): if v == null then [] elif (v | type) == "array" then v else [v] end;
	def sh: map(@sh) | join(" ");
	(if type != "object" then ["case.json is not an object"] else
	unknown(.; ["attempts","source","build","cflags","policy","generate","args","run",
		"stdin","limits","answer","checker","expect","host","requires"]; "") +
	unknown(.requires; ["package","files","host"]; "requires.") +
	(if .requires.package == null and .requires.files == null then [] elif
		((.requires.package | type) == "string" and
		(.requires.files | type == "array" and length > 0 and all(type == "string")))
	 then [] else ["requires needs a package name and a list of files"] end) +
	(if .requires.host == null or (.requires.host | type == "array" and length > 0 and
		all(type == "string" and test("^(int80|x32|landlock=[0-9]+|cgroup[12]?|userns|pidns)$")))
	 then [] else ["requires.host is a list of int80, x32, landlock=N, cgroup, cgroup1, cgroup2, userns, pidns"] end) +
	unknown(.limits; ["time","wall","memory","output"]; "limits.") +
	unknown(.expect; ["verdict","verdict_any","syscall","abi","limit","exit_code",
		"signal","memory_kb","cpu_ms","judge_cpu_ms","wall_ms"]; "expect.") +
	unknown(.host; ["no_file","no_process","no_listener","no_output","judge_alive"]; "host.") +
	(if (.attempts | type) != "string" then ["\"attempts\" must be a string"] else [] end) +
	(if (.source | type) != "string" then ["\"source\" must be a string"] else [] end) +
	([.generate, .stdin, .answer, .checker, .policy] | map(select(. != null and type != "string")) |
		if length > 0 then ["generate, stdin, answer, checker and policy are strings"] else [] end) +
	(if ((.expect.verdict | type) == "string") == ((.expect.verdict_any | type) == "array")
	 then ["expect needs one of verdict (a string) or verdict_any (a list)"] else [] end) +
	(if (.build // "cc") | IN("cc", "judge", "none") then [] else ["build must be cc, judge or none"] end) +
	strs(.cflags; "cflags") + strs(.args; "args") + strs(.run; "run") +
	strs(list(.host.no_file); "host.no_file") + strs(list(.host.no_output); "host.no_output") +
	range(.expect.memory_kb; "expect.memory_kb") + range(.expect.cpu_ms; "expect.cpu_ms") +
	range(.expect.judge_cpu_ms; "expect.judge_cpu_ms") + range(.expect.wall_ms; "expect.wall_ms") +
	(list(.host.no_file) | map(ph | select(startswith("/tmp/judge-e2e-") or startswith($dir + "/") | not)
		| "host.no_file must lie under /tmp/judge-e2e-* or {dir}/: " + .))
	end) as $bad |
	if $bad != [] then "bad=" + ($bad | join("; ") | @sh) else
	"bad=",
	"source=" + (.source | @sh),
	"build=" + (.build // "cc" | @sh),
	"policy=" + (.policy // "c" | @sh),
	"cflags=" + (.cflags // [] | sh | @sh),
	"limits=" + ([{time: 10000, wall: 60000} + (.limits // {}) | to_entries[] |
		({time: "-t", wall: "-w", memory: "-m", output: "-o"}[.key], (.value | tostring))] | sh | @sh),
	"generate=" + (.generate // "" | @sh),
	"stdin=" + (.stdin // "" | ph | @sh),
	"answer=" + (.answer // "" | ph | @sh),
	"checker=" + (.checker // "" | @sh),
	"run=" + (.run // ["{exe}"] | map(ph) | sh | @sh),
	"args=" + (.args // [] | map(ph) | sh | @sh),
	"want_verdict=" + (.expect.verdict // "" | @sh),
	"want_any=" + (.expect.verdict_any // [] | join(" ") | @sh),
	"want_fields=" + ([.expect | to_entries[] | select(.key | IN("syscall","abi","limit","exit_code","signal"))
		| "\(.key)=\(.value)"] | join(" ") | @sh),
	"want_ranges=" + ([.expect | to_entries[] | select(.key | IN("memory_kb","cpu_ms","judge_cpu_ms","wall_ms"))
		| "\(.key)=\(.value[0]):\(.value[1])"] | join(" ") | @sh),
	"no_files=" + (list(.host.no_file) | map(ph) | join(" ") | @sh),
	"no_output=" + (list(.host.no_output) | map(ph) | join("\n") | @sh),
	"no_process=" + (.host.no_process // "" | ph | @sh),
	"no_listener=" + (.host.no_listener // "" | tostring | @sh),
	"req_package=" + (.requires.package // "" | @sh),
	"req_files=" + (.requires.files // [] | sh | @sh),
	"req_host=" + (.requires.host // [] | sh | @sh)
	end' "$cj" >"$w/case.sh" 2>"$w/jq.err"; then
	fail case.json "$(head -c 300 "$w/jq.err")"
	finish
fi
. "$w/case.sh"
if [ -n "$bad" ]; then
	fail case.json "$bad"
	finish
fi

# ---- a language whose package is missing is skipped, and says so
if [ -n "$req_package" ]; then
	eval "set -- $req_files"
	for f; do
		if [ ! -e "$f" ]; then
			printf 'SKIP %s: %s is missing (Debian package %s; scripts/deps.sh installs it)\n' \
				"$name" "$f" "$req_package" >"$w/result"
			exit 0
		fi
	done
fi

# ---- so is a case that needs what this machine does not offer
if [ -n "$req_host" ]; then
	eval "set -- $req_host"
	if ! why=$("$E2E_HOSTPROBE" "$@"); then
		printf 'SKIP %s: %s\n' "$name" "${why:-scripts/hostprobe.c failed}" >"$w/result"
		exit 0
	fi
fi

# ---- build
case $policy in
*/* | *.json) policy=$src/$policy ;;
esac
if [ ! -f "$src/$source" ]; then
	fail build "no source file $source"
	finish
fi
case $build in
cc)
	eval "set -- $cflags"
	if ! gcc -O2 -o "$d/prog" "$src/$source" -lpthread "$@" >"$w/build.log" 2>&1; then
		fail build "gcc failed: $(head -c 300 "$w/build.log")"
		finish
	fi
	exe=$d/prog
	;;
judge)
	# Cases of one language share one source (a mode in args): it is
	# compiled once per pass, the first case to get the lock builds it.
	key=$(cat "$src/$source" "$policy" 2>/dev/null | md5sum | cut -c1-16)-${policy##*/}
	cache=$E2E_WORK/.build/$key
	mkdir -p "$E2E_WORK/.build"
	if mkdir "$cache.lock" 2>/dev/null; then
		if "$E2E_JUDGE" compile -p "$policy" "$src/$source" -o "$cache.prog" >"$cache.log" 2>&1; then
			echo ok >"$cache.done"
		else
			echo failed >"$cache.done"
		fi
	fi
	i=0
	while [ ! -f "$cache.done" ] && [ $i -lt 300 ]; do
		sleep 1
		i=$((i + 1))
	done
	cp "$cache.log" "$w/build.log" 2>/dev/null
	if [ "$(cat "$cache.done" 2>/dev/null)" != ok ]; then
		fail build "judge compile failed: $(head -c 300 "$w/build.log")"
		finish
	fi
	cp -p "$cache.prog" "$d/prog"
	exe=$d/prog
	;;
none)
	cp "$src/$source" "$d/$source"
	chmod 755 "$d/$source"
	exe=$d/$source
	;;
esac
# {exe} and {source} are known only now; @sh quoting leaves them intact.
run=$(printf '%s' "$run" | sed -e "s|{exe}|$exe|g" -e "s|{source}|$d/$source|g")

# Inputs too big or too random to keep in the tree: the script writes them to {dir}.
if [ -n "$generate" ] && ! (cd "$d" && sh "$src/$generate" "$d") >"$w/generate.log" 2>&1; then
	fail generate "$generate failed: $(head -c 300 "$w/generate.log")"
	finish
fi
case $stdin in
'' | /*) ;;
*) stdin=$src/$stdin ;;
esac
case $answer in
'' | /*) ;;
*) answer=$src/$answer ;;
esac

# Host files that the hostile cases aim at; they must come out untouched.
printf 'victim\n' >"$d/victim.txt"
chmod 644 "$d/victim.txt"
mkdir "$d/victim.d"
snapshot() {
	(cd "$d" && find . -printf '%M %s %p -> %l\n' | sort &&
		find . -type f -exec md5sum {} + | sort)
}
snapshot >"$w/snap.before"
cp -a "$d" "$w/pristine"
# {shadow} is put in from the file itself: never in an argv or environment.
if [ -n "$no_output" ]; then
	(umask 077 && head -n 1 /etc/shadow >"$w/shadow" 2>/dev/null)
	[ -s "$w/shadow" ] || echo root: >"$w/shadow"
	printf '%s\n' "$no_output" | awk 'NR == FNR { s = $0; next }
		{ while ((i = index($0, "{shadow}")) > 0) $0 = substr($0, 1, i - 1) s substr($0, i + 8); print }' \
		"$w/shadow" - >"$w/no_output"
	rm -f "$w/shadow"
fi

# ---- run in each mode and check
own_sid=$(ps -o sess= -p $$ | tr -d ' ')
verdicts=""
modes=$E2E_MODES
# A language's cases run in seccomp mode only (E2E_LANG_MODES=all, `make
# e2e-full`, runs every mode): a policy decides the same in both modes, which
# core/ shows syscall by syscall, and a language's runs are most of the time.
case $name in
lang/*)
	if [ "${E2E_LANG_MODES:-}" != all ]; then
		case " $E2E_MODES " in *" seccomp "*) modes=seccomp ;; esac
	fi
	;;
esac
for mode in $modes; do
	o=$w/$mode
	mkdir -p "$o"
	for f in $no_files; do
		rm -rf "$f"
	done
	# the case's directory is the program's: --dir, since the default is a private empty one
	eval "set -- run --json --mode $mode --dir \"\$d\" -p \"\$policy\" $limits"
	[ -n "$stdin" ] && set -- "$@" -i "$stdin"
	[ -n "$answer" ] && set -- "$@" -a "$answer"
	[ -n "$checker" ] && set -- "$@" -c "$checker"
	eval "set -- \"\$@\" --stdout \"\$o/prog.out\" --stderr \"\$o/prog.err\" -- $run $args"
	# Its own session, so that whatever the program leaves is found by sid;
	# the judge keeps the shell's pid, which {judge_pid} in args becomes.
	(cd "$d" && exec timeout -s KILL 120 setsid -w sh -c 'echo $$ >"$0" || exit 99
		for a; do
			shift
			case $a in
			*"{judge_pid}"*) a=$(printf "%s" "$a" | sed "s/{judge_pid}/$$/g") ;;
			esac
			set -- "$@" "$a"
		done
		exec "$@"' "$o/sid" "$E2E_JUDGE" "$@") </dev/null >"$o/judge.out" 2>"$o/judge.err"
	rc=$?
	sid=$(cat "$o/sid" 2>/dev/null)

	# pgrep -s 0 would mean this script's own session: only a real sid.
	case $sid in
	'' | *[!0-9]* | 0 | 1 | "$own_sid")
		fail "$mode" "no session id from the run: '$sid'"
		sid=
		;;
	esac
	left=$( ([ -z "$sid" ] || pgrep -s "$sid"; pgrep -f "$d/";
		[ -z "$no_process" ] || pgrep -f "$no_process") | sort -u | tr '\n' ' ')
	if [ -n "$left" ]; then
		fail "$mode" "processes left after the judge returned: $(ps -o pid=,stat=,args= -p "$(echo $left | tr ' ' ,)" | head -3 | tr '\n' ';')"
		kill -KILL $left 2>/dev/null
	fi
	if [ "$rc" -eq 137 ]; then
		fail "$mode" "the judge did not finish within 120 s"
		continue
	fi
	if [ "$rc" -gt 2 ]; then
		fail "$mode" "the judge died with status $rc: $(head -c 300 "$o/judge.err")"
		continue
	fi
	if [ "$(wc -l <"$o/judge.out")" -ne 1 ] ||
		! jq -r 'if type != "object" then error("not an object") else
			"got=" + (.verdict | @sh),
			"msg=" + (.message | tostring | @sh),
			"got_fields=" + ("syscall=\(.syscall.name // "none") abi=\(.syscall.abi // "none") " +
				"limit=\(.limit // "none") exit_code=\(.exit_code // "none") " +
				"signal=\(.signal // "none") memory_kb=\(.memory_kb) cpu_ms=\(.cpu_ms) " +
				"judge_cpu_ms=\(.judge_cpu_ms) wall_ms=\(.wall_ms)" | @sh)
			end' "$o/judge.out" >"$o/result.sh" 2>/dev/null; then
		fail "$mode" "no single JSON object on stdout (status $rc): $(head -c 300 "$o/judge.err")"
		continue
	fi
	. "$o/result.sh"
	verdicts="$verdicts $mode=$got"
	case $got in
	OK | AC) want_rc=0 ;;
	IE) want_rc=2 ;;
	*) want_rc=1 ;;
	esac
	[ "$rc" -eq "$want_rc" ] || fail "$mode" "exit status $rc for $got, expected $want_rc"

	if [ -n "$want_verdict" ]; then
		[ "$got" = "$want_verdict" ] || fail "$mode" "verdict $got, expected $want_verdict ($msg)"
	else
		case " $want_any " in
		*" $got "*) ;;
		*) fail "$mode" "verdict $got, expected one of $want_any ($msg)" ;;
		esac
	fi
	for kv in $want_fields; do
		k=${kv%%=*}
		v=$(printf '%s\n' $got_fields | sed -n "s/^$k=//p")
		[ "$v" = "${kv#*=}" ] || fail "$mode" "$k $v, expected ${kv#*=} ($msg)"
	done
	for kv in $want_ranges; do
		k=${kv%%=*}
		lo=${kv#*=}
		hi=${lo#*:}
		lo=${lo%:*}
		v=$(printf '%s\n' $got_fields | sed -n "s/^$k=//p")
		[ "$v" -ge "$lo" ] && [ "$v" -le "$hi" ] || fail "$mode" "$k $v outside [$lo, $hi]"
	done

	# ---- the host
	for f in $no_files; do
		if [ -e "$f" ] || [ -L "$f" ]; then
			fail "$mode" "$f exists"
			rm -rf "$f"
		fi
	done
	if [ -n "$no_listener" ] && [ -n "$(ss -Hltn "sport = :$no_listener")" ]; then
		fail "$mode" "something listens on TCP port $no_listener"
	fi
	if [ -n "$no_output" ]; then
		for f in judge.out judge.err prog.out prog.err; do
			if [ -f "$o/$f" ] && grep -q -F -f "$w/no_output" "$o/$f"; then
				fail "$mode" "forbidden text in the $f of the run"
			fi
		done
	fi
	snapshot >"$w/snap.after"
	if ! cmp -s "$w/snap.before" "$w/snap.after"; then
		fail "$mode" "the case directory changed: $(diff "$w/snap.before" "$w/snap.after" | grep '^[<>]' | head -3 | tr '\n' ' ')"
		# the next mode starts from the same directory
		rm -rf "$d"
		cp -a "$w/pristine" "$d"
	fi
done

n=$(printf '%s\n' $verdicts | sed 's/.*=//' | sort -u | wc -l)
[ "$n" -le 1 ] || fail both "the modes disagree:$verdicts"
finish
