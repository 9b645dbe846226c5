import std.stdio, std.string;

void main()
{
	long lo = 1, hi = 1_000_000_000;
	while (lo <= hi) {
		long mid = (lo + hi) / 2;
		writeln(mid);
		stdout.flush();
		auto reply = readln();
		if (reply is null || reply.strip == "correct")
			return;
		if (reply.strip == "lower")
			hi = mid - 1;
		else
			lo = mid + 1;
	}
}
