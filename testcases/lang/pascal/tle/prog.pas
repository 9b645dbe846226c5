program tle;
var
	x: qword;
begin
	x := 0;
	while true do
		inc(x);
end.
