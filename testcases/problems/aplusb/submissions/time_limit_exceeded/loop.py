a, b = map(int, input().split())
s = 0
while True:
    s += 1
print(a + b)
