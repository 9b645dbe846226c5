import math
r = float(input())
print("%.2f" % (math.pi * r * r))
