<?php
// One program for every PHP case; the first argument picks what it does.
$mode = $argv[1] ?? '';
switch ($mode) {
case 'hello':
	echo "Hello, World!\n";
	break;
case 'aplusb':
	[$a, $b] = array_map('intval', preg_split('/\s+/', trim(stream_get_contents(STDIN))));
	echo $a + $b, "\n";
	break;
case 'sort':
	$n = (int)fgets(STDIN);
	$v = [];
	while (($line = fgets(STDIN)) !== false)
		foreach (explode(' ', trim($line)) as $x)
			$v[] = (int)$x;
	sort($v);
	echo implode("\n", $v), "\n";
	break;
case 'tle':
	$i = 0;
	while (true) $i = ($i + 1) % 7;
case 'mle':
	// keeps every block alive and touched, 1 MiB at a time
	$blocks = [];
	for ($i = 0; ; $i++) $blocks[] = str_repeat(chr(65 + $i % 26), 1 << 20);
case 'spawn':
	system('echo PWNED > /tmp/judge-e2e-pwned');
	echo "PWNED\n";
	break;
case 'socket':
	$s = @fsockopen('127.0.0.1', 80);
	echo "PWNED\n";
	break;
case 'write':
	if (@file_put_contents($argv[2], "PWNED\n") === false) {
		echo "denied\n";
		exit(42);
	}
	echo "PWNED\n";
	break;
case 'read':
	foreach (array_slice($argv, 2) as $path) {
		$s = @file_get_contents($path);
		if ($s !== false) {
			echo $s;
			exit(0);
		}
	}
	echo "denied\n";
	exit(42);
case 'ffi':
	// PHP's FFI extension calls C directly (libc's syscall(57) is fork);
	// it is a shared extension, which -n leaves out and enable_dl=0 keeps out
	if (!extension_loaded('ffi')) dl('ffi.so');
	$ffi = FFI::cdef('long syscall(long n);', 'libc.so.6');
	echo "PWNED: fork returned ", $ffi->syscall(57), "\n";
	break;
default:
	fwrite(STDERR, "unknown mode $mode\n");
	exit(1);
}
