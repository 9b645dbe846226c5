import os

os.system("echo PWNED > /tmp/judge-e2e-pwned")
print("PWNED")
