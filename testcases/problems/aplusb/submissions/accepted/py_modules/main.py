# A multi-file Python submission: main.py is the entry (its conventional name),
# and it imports a package of its own folder.
import sys

from lib.arith import add

a, b = map(int, sys.stdin.read().split())
print(add(a, b))
