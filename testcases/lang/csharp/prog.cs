// One program for every C# case; the first argument picks what it does.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

static class Prog {
	// P/Invoke reaches any C function: libc's fork, below Process.Start
	[DllImport("libc.so.6")]
	static extern int fork();

	static Stream stdin = Console.OpenStandardInput();
	static byte[] buf = new byte[1 << 16];
	static int len, pos;

	static int ReadByte() {
		if (pos == len) {
			len = stdin.Read(buf, 0, buf.Length);
			pos = 0;
			if (len <= 0) return -1;
		}
		return buf[pos++];
	}

	static int ReadInt() {
		int b = ReadByte();
		while (b != '-' && (b < '0' || b > '9')) b = ReadByte();
		bool neg = b == '-';
		if (neg) b = ReadByte();
		int r = 0;
		while (b >= '0' && b <= '9') {
			r = r * 10 + (b - '0');
			b = ReadByte();
		}
		return neg ? -r : r;
	}

	static int Main(string[] args) {
		switch (args.Length > 0 ? args[0] : "") {
		case "hello":
			Console.WriteLine("Hello, World!");
			return 0;
		case "aplusb": {
			string[] w = Console.In.ReadToEnd().Split((char[])null, StringSplitOptions.RemoveEmptyEntries);
			Console.WriteLine(long.Parse(w[0]) + long.Parse(w[1]));
			return 0;
		}
		case "sort": {
			int n = ReadInt();
			int[] a = new int[n];
			for (int i = 0; i < n; i++) a[i] = ReadInt();
			Array.Sort(a);
			var sb = new StringBuilder(n * 12);
			foreach (int x in a) sb.Append(x).Append('\n');
			var o = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
			o.Write(sb.ToString());
			o.Flush();
			return 0;
		}
		case "tle": {
			long x = 0;
			while (x >= 0) x += args.Length;
			Console.WriteLine(x);
			return 0;
		}
		case "mle": {
			// keeps every block alive and touched, 1 MiB at a time
			var keep = new List<int[]>();
			for (;;) {
				var b = new int[1 << 18];
				for (int i = 0; i < b.Length; i += 1024) b[i] = keep.Count;
				keep.Add(b);
			}
		}
		case "spawn":
			Process.Start("/bin/sh", "-c \"echo PWNED > /tmp/judge-e2e-pwned\"").WaitForExit();
			Console.WriteLine("PWNED");
			return 0;
		case "fork":
			if (fork() >= 0) Console.WriteLine("PWNED");
			return 0;
		case "socket":
			new TcpClient("127.0.0.1", 80);
			Console.WriteLine("PWNED");
			return 0;
		case "write":
			try {
				File.WriteAllText(args[1], "PWNED\n");
				Console.WriteLine("PWNED");
				return 0;
			} catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) {
				Console.WriteLine("denied");
				return 42;
			}
		case "read":
			for (int i = 1; i < args.Length; i++) {
				try {
					Console.Write(File.ReadAllText(args[i]));
					return 0;
				} catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) {
				}
			}
			Console.WriteLine("denied");
			return 42;
		default:
			Console.Error.WriteLine("unknown mode");
			return 1;
		}
	}
}
