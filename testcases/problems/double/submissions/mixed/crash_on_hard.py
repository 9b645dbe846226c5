# Refuses numbers past 10^9: a run-time error on the hard test only.
n = int(input())
if n > 10**9:
    raise ValueError("too big")
print(2 * n)
