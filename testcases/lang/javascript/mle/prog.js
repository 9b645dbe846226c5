// keeps every block alive and touched, 1 MiB at a time, past any limit
const blocks = [];
for (;;)
	blocks.push(new Array(1 << 17).fill(blocks.length));
