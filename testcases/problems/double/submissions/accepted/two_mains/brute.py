# Adds n to itself one at a time: right, but far too slow on the hard tests.
import sys

if __name__ == "__main__":
    n = int(sys.stdin.readline())
    total = 0
    for _ in range(n):
        total += 2
    print(total)
