# benchrun's lines, one a variant of "key=value" words, as the tables of
# scripts/bench.sh and scripts/bench/layers.sh read them.

# The value of `key` in `line`, or "".
function kv(line, key,    n, i, f) {
	n = split(line, f, " ")
	for (i = 1; i <= n; i++)
		if (index(f[i], key "=") == 1)
			return substr(f[i], length(key) + 2)
	return ""
}

# The median ratio `key` (default "ratio") with the wider side of its 95% interval.
function ratio(line, key,    m, lo, hi, d) {
	if (key == "") key = "ratio"
	if (kv(line, key) == "") return "-"
	m = kv(line, key) + 0; lo = kv(line, key "_lo") + 0; hi = kv(line, key "_hi") + 0
	d = hi - m; if (m - lo > d) d = m - lo
	return sprintf("%.2f ±%.2f", m, d)
}
