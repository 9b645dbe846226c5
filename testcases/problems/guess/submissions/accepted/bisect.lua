local lo, hi = 1, 1000000000
while lo <= hi do
	local mid = (lo + hi) // 2
	io.write(mid, "\n")
	io.stdout:flush()
	local reply = io.read("l")
	if reply == nil or reply == "correct" then break end
	if reply == "lower" then hi = mid - 1 else lo = mid + 1 end
end
