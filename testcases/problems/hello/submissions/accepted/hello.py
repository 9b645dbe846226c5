for name in open(0).read().split():
    print(f"Hello, {name}!")
