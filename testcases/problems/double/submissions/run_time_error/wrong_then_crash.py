# Off by one on small numbers, a crash on the hard test: its first failure is
# WA, which run_time_error/ alone would not allow; submissions.yaml's rule for
# the folder does.
n = int(input())
if n > 10**9:
    raise ValueError("too big")
print(2 * n + (1 if n < 10 else 0))
