// Reads replies line by line as they come: the interactor answers only after
// each guess, so the whole of stdin is never there at once.
const readline = require('readline');
const rl = readline.createInterface({ input: process.stdin });
let lo = 1, hi = 1e9, mid;
function guess() {
	mid = Math.floor((lo + hi) / 2);
	process.stdout.write(mid + '\n');
}
rl.on('line', (reply) => {
	if (reply === 'correct') {
		rl.close();
		return;
	}
	if (reply === 'lower')
		hi = mid - 1;
	else
		lo = mid + 1;
	guess();
});
guess();
