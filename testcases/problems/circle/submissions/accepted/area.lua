local r = io.read('n')
print(string.format('%.9f', math.pi * r * r))
