# ctypes reaches libc's syscall() directly: socket(AF_INET, SOCK_STREAM, 0)
import ctypes

libc = ctypes.CDLL(None, use_errno=True)
fd = libc.syscall(41, 2, 1, 0)
print("PWNED", fd)
