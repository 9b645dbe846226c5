# Moves the wrong bound: never converges on most secrets.
lo, hi = 1, 10**9
while True:
    mid = (lo + hi) // 2
    print(mid, flush=True)
    reply = input()
    if reply == "correct":
        break
    if reply == "lower":
        hi = mid
    else:
        lo = mid
