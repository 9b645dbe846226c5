# The entry point, as submissions.json says; brute.py defines a main too.
import sys

if __name__ == "__main__":
    print(2 * int(sys.stdin.readline()))
