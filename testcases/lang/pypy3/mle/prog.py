# keeps every block alive and touched, 1 MiB at a time, past any limit
blocks = []
while True:
    blocks.append(bytearray(1 << 20))
