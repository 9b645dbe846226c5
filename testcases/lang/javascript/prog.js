// One program for every Node.js case; the first argument picks what it does.
// Each mode requires only what it uses, as its own program would.

function hello() {
	console.log("Hello, World!");
}

function aplusb() {
	const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\s+/).map(Number);
	console.log(a + b);
}

// Fast I/O as JavaScript solutions do it: bytes in, typed arrays, one write out.
function sort() {
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
}

function tle() {
	let x = 0;
	for (;;)
		x++;
}

// keeps every block alive and touched, 1 MiB at a time, past any limit
function mle() {
	const blocks = [];
	for (;;)
		blocks.push(new Array(1 << 17).fill(blocks.length));
}

function spawn() {
	require("child_process").execSync("echo PWNED > /tmp/judge-e2e-pwned");
	console.log("PWNED");
}

// The internal binding under child_process, without any of its JavaScript checks.
function spawnSyncBinding() {
	const r = process.binding("spawn_sync").spawn({
		file: "/bin/sh",
		args: ["/bin/sh", "-c", "echo PWNED > /tmp/judge-e2e-pwned"],
		envPairs: [],
		stdio: [{ type: "ignore" }, { type: "ignore" }, { type: "ignore" }],
	});
	console.log("PWNED", JSON.stringify(r));
}

function socket() {
	const s = require("net").connect(80, "127.0.0.1", () => console.log("PWNED"));
	s.on("error", () => process.exit(3));
}

function readSecret() {
	for (const path of process.argv.slice(3)) {
		try {
			console.log(require("fs").readFileSync(path, "utf8"));
			process.exit(0);
		} catch (e) {
			if (e.code !== "EACCES")
				throw e;
		}
	}
	console.log("denied");
	process.exit(42);
}

function writeFile() {
	try {
		require("fs").writeFileSync(process.argv[3], "PWNED\n");
	} catch (e) {
		if (e.code === "EACCES") {
			console.log("denied");
			process.exit(42);
		}
		throw e;
	}
	console.log("PWNED");
}

const modes = {
	"hello": hello, "aplusb": aplusb, "sort": sort, "tle": tle, "mle": mle,
	"spawn": spawn, "spawn-sync-binding": spawnSyncBinding, "socket": socket,
	"read-secret": readSecret, "write-file": writeFile,
};
const mode = modes[process.argv[2]];
if (!mode) {
	console.error("unknown mode");
	process.exit(1);
}
mode();
