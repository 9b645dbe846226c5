program sock;
uses sockets;
var
	s: longint;
begin
	s := fpsocket(AF_INET, SOCK_STREAM, 0);
	writeln('PWNED ', s);
end.
