// An ES module (.mjs): import instead of require, and top-level await.
import { readFileSync } from "node:fs";

const text = await Promise.resolve(readFileSync(0, "utf8"));
const [a, b] = text.trim().split(/\s+/).map(BigInt);
console.log(String(a + b));
