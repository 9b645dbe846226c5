# Leibniz's series converges far too slowly to finish.
r = float(input())
pi, k = 0.0, 0
while True:
    pi += (-1) ** k * 4 / (2 * k + 1)
    k += 1
print(pi * r * r)
