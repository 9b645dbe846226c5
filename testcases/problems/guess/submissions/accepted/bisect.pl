use strict;
use warnings;

$| = 1;
my ($lo, $hi) = (1, 1000000000);
while ($lo <= $hi) {
	my $mid = int(($lo + $hi) / 2);
	print "$mid\n";
	my $reply = <STDIN>;
	last if !defined $reply;
	chomp $reply;
	last if $reply eq "correct";
	if ($reply eq "lower") { $hi = $mid - 1 } else { $lo = $mid + 1 }
}
