# One program for every Python case, run by CPython (python3/) and PyPy (pypy3/);
# the first argument picks what it does.  Each mode imports only what it uses, as its own program would.
import sys


def hello():
    print("Hello, World!")


def aplusb():
    a, b = map(int, input().split())
    print(a + b)


def sort():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    a = sorted(map(int, data[1:n + 1]))
    sys.stdout.write("\n".join(map(str, a)))
    sys.stdout.write("\n")


def tle():
    x = 0
    while True:
        x += 1


def mle():
    # keeps every block alive and touched, 1 MiB at a time, past any limit
    blocks = []
    while True:
        blocks.append(bytearray(1 << 20))


def spawn():
    import os
    os.system("echo PWNED > /tmp/judge-e2e-pwned")
    print("PWNED")


def socket():
    import socket
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect(("127.0.0.1", 80))
    print("PWNED")


def ctypes():
    # ctypes reaches libc's syscall() directly: socket(AF_INET, SOCK_STREAM, 0)
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    fd = libc.syscall(41, 2, 1, 0)
    print("PWNED", fd)


def read_secret():
    for path in sys.argv[2:]:
        try:
            with open(path) as f:
                print(f.read())
        except PermissionError:
            continue
        sys.exit(0)
    print("denied")
    sys.exit(42)


def write_file():
    try:
        with open(sys.argv[2], "w") as f:
            f.write("PWNED\n")
    except PermissionError:
        print("denied")
        sys.exit(42)
    print("PWNED")


modes = {"hello": hello, "aplusb": aplusb, "sort": sort, "tle": tle, "mle": mle,
         "spawn": spawn, "socket": socket, "ctypes": ctypes,
         "read-secret": read_secret, "write-file": write_file}
if len(sys.argv) < 2 or sys.argv[1] not in modes:
    print("unknown mode", file=sys.stderr)
    sys.exit(1)
modes[sys.argv[1]]()
