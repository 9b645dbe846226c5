# bash completion for judge; installed by `make install` as
# share/bash-completion/completions/judge.  The options come from the
# judge's own help (judge help COMMAND), so they never fall out of step.
_judge() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local judge=${COMP_WORDS[0]} cmd=${COMP_WORDS[1]} words
	COMPREPLY=()
	if [ "$COMP_CWORD" -eq 1 ]; then
		words="run test compile grade verify policy help --help --version"
	elif [ "$cmd" = help ]; then
		words="run test compile grade verify policy all"
	elif [ "$cmd" = policy ] && [ "$COMP_CWORD" -eq 2 ]; then
		words="check list learn --help"
	else
		case $prev in
		-p | --policy)
			words=$("$judge" policy list 2>/dev/null | cut -d' ' -f1)
			COMPREPLY=($(compgen -f -- "$cur"))
			;;
		--mode) words="seccomp ptrace" ;;
		-c | --checker) words="tokens exact lines float:1e-6" ;;
		--report) words="junit" ;;
		-t | --time | -w | --wall | -m | --memory | -o | --output | --jobs)
			return 0 ;;
		*)
			case $cur in
			-*)
				words=$("$judge" help "$cmd" 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u)
				;;
			*)
				COMPREPLY=($(compgen -f -- "$cur"))
				return 0
				;;
			esac
			;;
		esac
	fi
	COMPREPLY+=($(compgen -W "$words" -- "$cur"))
}
complete -o filenames -F _judge judge
