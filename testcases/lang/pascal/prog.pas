{ One program for every Free Pascal case; the first argument picks what it does. }
program prog;
uses syscall, sockets, unix;
var
	a: array of longint;
	x: qword;

procedure aplusb;
var
	a, b: int64;
begin
	read(a, b);
	writeln(a + b);
end;

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

procedure sortints;
var
	n, i: longint;
begin
	read(n);
	setlength(a, n);
	for i := 0 to n - 1 do read(a[i]);
	if n > 0 then qs(0, n - 1);
	for i := 0 to n - 1 do writeln(a[i]);
end;

procedure tle;
begin
	x := 0;
	while true do
		inc(x);
end;

{ keeps every block alive and touched, 1 MiB at a time, past any limit }
procedure mle;
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
end;

procedure spawn;
begin
	fpsystem('echo PWNED > /tmp/judge-e2e-pwned');
	writeln('PWNED');
end;

procedure sock;
var
	s: longint;
begin
	s := fpsocket(AF_INET, SOCK_STREAM, 0);
	writeln('PWNED ', s);
end;

{ the run-time library's own syscall entry: fork(2) with no library in the way }
procedure rawsyscall;
var
	r: int64;
begin
	r := do_syscall(57);
	writeln('PWNED ', r);
end;

procedure readsecret;
var
	f: text;
	line: string;
	i: longint;
begin
	for i := 2 to paramcount do begin
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
end;

procedure writefile;
var
	f: text;
begin
	assign(f, paramstr(2));
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
end;

begin
	case paramstr(1) of
	'hello': writeln('Hello, World!');
	'aplusb': aplusb;
	'sort': sortints;
	'tle': tle;
	'mle': mle;
	'spawn': spawn;
	'socket': sock;
	'raw-syscall': rawsyscall;
	'read-secret': readsecret;
	'write-file': writefile;
	else begin
		writeln(stderr, 'unknown mode');
		halt(1);
	end;
	end;
end.
