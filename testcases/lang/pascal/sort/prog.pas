program sortints;
var
	a: array of longint;
	n, i: longint;

procedure qs(l, r: longint);
var
	i, j, p, t: longint;
begin
	i := l; j := r; p := a[(l + r) div 2];
	repeat
		while a[i] < p do inc(i);
		while a[j] > p do dec(j);
		if i <= j then begin
			t := a[i]; a[i] := a[j]; a[j] := t;
			inc(i); dec(j);
		end;
	until i > j;
	if l < j then qs(l, j);
	if i < r then qs(i, r);
end;

begin
	read(n);
	setlength(a, n);
	for i := 0 to n - 1 do read(a[i]);
	if n > 0 then qs(0, n - 1);
	for i := 0 to n - 1 do writeln(a[i]);
end.
