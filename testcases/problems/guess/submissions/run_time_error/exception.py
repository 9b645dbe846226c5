print(500000000, flush=True)
reply = input()
if reply != "correct":
    raise RuntimeError("did not expect " + reply)
