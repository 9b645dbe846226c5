$stdout.sync = true
lo, hi = 1, 10**9
while lo <= hi
  mid = (lo + hi) / 2
  puts mid
  reply = $stdin.gets
  break if reply.nil? || reply.strip == "correct"
  if reply.strip == "lower"
    hi = mid - 1
  else
    lo = mid + 1
  end
end
