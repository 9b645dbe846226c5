import sys

try:
    with open(sys.argv[1], "w") as f:
        f.write("PWNED\n")
except PermissionError:
    print("denied")
    sys.exit(42)
print("PWNED")
