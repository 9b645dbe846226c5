<?php
$lo = 1;
$hi = 1000000000;
while ($lo <= $hi) {
	$mid = intdiv($lo + $hi, 2);
	echo $mid, "\n";
	flush();
	$reply = fgets(STDIN);
	if ($reply === false || trim($reply) === "correct")
		break;
	if (trim($reply) === "lower")
		$hi = $mid - 1;
	else
		$lo = $mid + 1;
}
