n = int(input())
a = 1
while a + 1 != n:
    a += 1
print(a, 1)
