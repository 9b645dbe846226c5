local n = io.read('n')
local a = n // 2
print(a, n - a)
