<?php
$r = (float)trim(fgets(STDIN));
printf("%.9f\n", M_PI * $r * $r);
