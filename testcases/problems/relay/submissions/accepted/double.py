word, n = input().split()
n = int(n)
print(2 * n + 1 if word == "encode" else (n - 1) // 2)
