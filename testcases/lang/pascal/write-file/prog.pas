program writefile;
var
	f: text;
begin
	assign(f, paramstr(1));
	{$I-}
	rewrite(f);
	{$I+}
	if ioresult <> 0 then begin
		writeln('denied');
		halt(42);
	end;
	writeln(f, 'PWNED');
	close(f);
	writeln('PWNED');
end.
