program mle;
{ keeps every block alive and touched, 1 MiB at a time, past any limit }
var
	p: pointer;
	n: longint;
begin
	n := 0;
	while true do begin
		getmem(p, 1 shl 20);
		fillchar(p^, 1 shl 20, n and 255);
		inc(n);
	end;
end.
