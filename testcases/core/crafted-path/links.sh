# The links the chain and loop variants walk: c0 -> c1 -> ... -> c19 -> .
# (20 links: under glibc's and the kernel's limits) loop1 <-> loop2, and a directory d.
cd "$1" || exit 1
i=0
while [ $i -lt 19 ]; do
	ln -s c$((i + 1)) c$i || exit 1
	i=$((i + 1))
done
mkdir d && ln -s . c19 && ln -s loop2 loop1 && ln -s loop1 loop2
