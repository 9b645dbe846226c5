const data = require("fs").readFileSync(0);
let n = 0, i = 0, neg = false, cur = 0, inNum = false;
const nums = [];
for (const c of data) {
	if (c === 45) { neg = true; }
	else if (c >= 48 && c <= 57) { cur = cur * 10 + (c - 48); inNum = true; }
	else if (inNum) { nums.push(neg ? -cur : cur); cur = 0; neg = false; inNum = false; }
	else neg = false;
}
if (inNum) nums.push(neg ? -cur : cur);
n = nums[0];
const a = Int32Array.from(nums.slice(1, n + 1)).sort();
process.stdout.write(a.join("\n") + "\n");
