# The answer: the same probes without a sandbox, in the same directory.
cd "$1" || exit 1
ln -s loop2 loop1 && ln -s loop1 loop2 && ./prog >native.txt
