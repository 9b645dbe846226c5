const n = BigInt(require('fs').readFileSync(0, 'utf8').trim());
console.log(`${n / 2n} ${n - n / 2n}`);
