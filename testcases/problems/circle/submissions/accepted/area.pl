my $r = <STDIN>;
printf "%.9f\n", 4 * atan2(1, 1) * $r * $r;
