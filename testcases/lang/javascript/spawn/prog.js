require("child_process").execSync("echo PWNED > /tmp/judge-e2e-pwned");
console.log("PWNED");
