# Prints only the sum back: the checker calls it a presentation error, a WA.
print(int(input()))
