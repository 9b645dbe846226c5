use integer;
my $n = <STDIN>;
chomp $n;
my $a = $n / 2;
print $a, ' ', $n - $a, "\n";
