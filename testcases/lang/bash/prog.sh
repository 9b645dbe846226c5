# One program for every Bash case; the first argument picks what it does.
# Builtins only: a command that is not a builtin would be a new process.
mode=$1
shift
case $mode in
hello)
	echo 'Hello, World!'
	;;
aplusb)
	read -r a b
	echo $((a + b))
	;;
sort)
	# counting into a sparse array indexed by value: bash lists the
	# indices of an indexed array in order, so no comparison sort is needed
	read -r n
	declare -a neg pos
	while read -r -a row; do
		for x in "${row[@]}"; do
			if ((x < 0)); then neg[-x]=1; else pos[x]=1; fi
		done
	done
	out=()
	idx=("${!neg[@]}")
	for ((i = ${#idx[@]} - 1; i >= 0; i--)); do out+=("-${idx[i]}"); done
	out+=("${!pos[@]}")
	printf '%s\n' "${out[@]}"
	;;
tle)
	i=0
	while :; do i=$(((i + 1) % 7)); done
	;;
mle)
	# keeps every block alive: a string doubled until memory runs out
	s=x
	while :; do s=$s$s; done
	;;
spawn)
	echo PWNED >/tmp/judge-e2e-pwned-$$ 2>/dev/null
	/bin/sh -c 'echo PWNED > /tmp/judge-e2e-pwned'
	echo PWNED
	;;
socket)
	# bash's own /dev/tcp redirection opens a TCP connection
	exec 3<>/dev/tcp/127.0.0.1/80 && echo PWNED
	;;
write)
	if ! { echo PWNED >"$1"; } 2>/dev/null; then
		echo denied
		exit 42
	fi
	echo PWNED
	;;
read)
	for path; do
		if { IFS= read -r -d '' text <"$path"; } 2>/dev/null || [ -n "$text" ]; then
			printf '%s' "$text"
			exit 0
		fi
	done
	echo denied
	exit 42
	;;
*)
	echo "unknown mode $mode" >&2
	exit 1
	;;
esac
