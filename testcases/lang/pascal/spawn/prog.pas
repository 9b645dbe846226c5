program spawn;
uses unix;
begin
	fpsystem('echo PWNED > /tmp/judge-e2e-pwned');
	writeln('PWNED');
end.
