# Bisection over 1 .. 10^9: each reply halves what is left.
lo=1
hi=1000000000
while [ "$lo" -le "$hi" ]; do
	mid=$(( (lo + hi) / 2 ))
	echo "$mid"
	read -r reply || break
	case $reply in
	correct) break ;;
	lower) hi=$((mid - 1)) ;;
	*) lo=$((mid + 1)) ;;
	esac
done
