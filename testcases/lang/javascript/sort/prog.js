// Fast I/O as JavaScript solutions do it: bytes in, typed arrays, one write out.
const data = require("fs").readFileSync(0);
let pos = 0;

function next() {
	while (data[pos] < 45)
		pos++;
	let neg = false;
	if (data[pos] === 45) {
		neg = true;
		pos++;
	}
	let x = 0;
	while (pos < data.length && data[pos] >= 48)
		x = x * 10 + data[pos++] - 48;
	return neg ? -x : x;
}

const n = next();
const a = new Int32Array(n);
for (let i = 0; i < n; i++)
	a[i] = next();
a.sort();
const out = Buffer.allocUnsafe(n * 12);
let len = 0;
for (let i = 0; i < n; i++)
	len += out.write(a[i] + "\n", len, "latin1");
process.stdout.write(out.subarray(0, len));
