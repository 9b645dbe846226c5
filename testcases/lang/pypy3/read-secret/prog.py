import sys

for path in sys.argv[1:]:
    try:
        with open(path) as f:
            print(f.read())
    except PermissionError:
        continue
    sys.exit(0)
print("denied")
sys.exit(42)
