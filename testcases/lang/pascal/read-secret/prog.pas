program readsecret;
var
	f: text;
	line: string;
	i: longint;
begin
	for i := 1 to paramcount do begin
		assign(f, paramstr(i));
		{$I-}
		reset(f);
		{$I+}
		if ioresult <> 0 then
			continue;
		while not eof(f) do begin
			readln(f, line);
			writeln(line);
		end;
		halt(0);
	end;
	writeln('denied');
	halt(42);
end.
