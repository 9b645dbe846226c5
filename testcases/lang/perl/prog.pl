# One program for every Perl case; the first argument picks what it does.
use strict;
use warnings;

my $mode = shift @ARGV // '';
if ($mode eq 'hello') {
	print "Hello, World!\n";
} elsif ($mode eq 'aplusb') {
	my ($a, $b) = split ' ', do { local $/; <STDIN> };
	print $a + $b, "\n";
} elsif ($mode eq 'sort') {
	my ($n, @v) = split ' ', do { local $/; <STDIN> };
	print join("\n", sort { $a <=> $b } @v), "\n";
} elsif ($mode eq 'tle') {
	my $i = 0;
	$i = ($i + 1) % 7 while 1;
} elsif ($mode eq 'mle') {
	# keeps every block alive and touched, 1 MiB at a time
	my @blocks;
	push @blocks, 'x' x (1 << 20) while 1;
} elsif ($mode eq 'spawn') {
	system('echo PWNED > /tmp/judge-e2e-pwned');
	print "PWNED\n";
} elsif ($mode eq 'socket') {
	socket(my $s, 2, 1, 0) or die "socket: $!";
	print "PWNED\n";
} elsif ($mode eq 'write') {
	if (open(my $f, '>', $ARGV[0])) {
		print $f "PWNED\n";
		print "PWNED\n";
		exit 0;
	}
	print "denied\n";
	exit 42;
} elsif ($mode eq 'read') {
	for my $path (@ARGV) {
		next unless open(my $f, '<', $path);
		print <$f>;
		exit 0;
	}
	print "denied\n";
	exit 42;
} elsif ($mode eq 'syscall') {
	# syscall() is Perl's own way below libc's wrappers: fork is 57 on x86_64
	my $pid = syscall(57);
	print "PWNED: fork returned $pid\n" if $pid >= 0;
	exit 0;
} else {
	die "unknown mode '$mode'\n";
}
