try {
	require("fs").writeFileSync(process.argv[2], "PWNED\n");
} catch (e) {
	if (e.code === "EACCES") {
		console.log("denied");
		process.exit(42);
	}
	throw e;
}
console.log("PWNED");
