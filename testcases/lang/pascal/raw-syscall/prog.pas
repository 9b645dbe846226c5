program rawsyscall;
{ the run-time library's own syscall entry: fork(2) with no library in the way }
uses syscall;
var
	r: int64;
begin
	r := do_syscall(57);
	writeln('PWNED ', r);
end.
