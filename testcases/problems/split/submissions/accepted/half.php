<?php
$n = (int)trim(fgets(STDIN));
$a = intdiv($n, 2);
echo $a, ' ', $n - $a, "\n";
