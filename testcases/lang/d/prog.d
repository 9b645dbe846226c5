// One program for every D case; the first argument picks what it does.
import std.stdio, std.conv, std.algorithm, std.array, std.string, std.process, std.socket;
import core.stdc.stdlib : exit;

extern (C) long syscall(long n, ...);

void main(string[] args)
{
	string mode = args.length > 1 ? args[1] : "";
	switch (mode)
	{
	case "hello":
		writeln("Hello, World!");
		break;
	case "aplusb":
		long a, b;
		readf(" %d %d", a, b);
		writeln(a + b);
		break;
	case "sort":
		auto v = stdin.byChunk(1 << 16).joiner.array.assumeUTF.split.map!(to!int).array;
		auto x = v[1 .. $];
		x.sort();
		auto o = appender!string();
		foreach (e; x)
		{
			o.put(e.to!string);
			o.put('\n');
		}
		write(o.data);
		break;
	case "tle":
		shared int i = 0;
		while (true)
			i = (i + 1) % 7;
	case "mle":
		// keeps every block alive and touched, 1 MiB at a time
		ubyte[][] blocks;
		while (true)
		{
			auto b = new ubyte[1 << 20];
			b[] = 1;
			blocks ~= b;
		}
	case "spawn":
		executeShell("echo PWNED > /tmp/judge-e2e-pwned");
		writeln("PWNED");
		break;
	case "socket":
		auto s = new TcpSocket(new InternetAddress("127.0.0.1", 80));
		writeln("PWNED");
		break;
	case "write":
		try
		{
			File(args[2], "w").writeln("PWNED");
			writeln("PWNED");
		}
		catch (Exception e)
		{
			writeln("denied");
			exit(42);
		}
		break;
	case "read":
		foreach (path; args[2 .. $])
		{
			try
			{
				write(File(path).byLine.join("\n"));
				exit(0);
			}
			catch (Exception e)
			{
			}
		}
		writeln("denied");
		exit(42);
		break;
	case "syscall":
		// extern (C) reaches libc's syscall(): 57 is fork
		writeln("PWNED: fork returned ", syscall(57));
		break;
	default:
		writeln("unknown mode");
		exit(1);
	}
}
