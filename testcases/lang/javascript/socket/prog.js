const s = require("net").connect(80, "127.0.0.1", () => console.log("PWNED"));
s.on("error", () => process.exit(3));
