# @EXPECTED_RESULTS@: WRONG-ANSWER, CORRECT
for name in open(0).read().split():
    print(f"Hello, {name.lower()}!")
