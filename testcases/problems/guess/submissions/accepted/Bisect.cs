// Bisection over 1 .. 10^9: each reply halves what is left.
using System;

public class Bisect
{
	public static void Main()
	{
		long lo = 1, hi = 1000000000;

		while (lo <= hi) {
			long mid = (lo + hi) / 2;
			Console.WriteLine(mid);
			Console.Out.Flush();
			string reply = Console.ReadLine();
			if (reply == null || reply == "correct")
				break;
			if (reply == "lower")
				hi = mid - 1;
			else
				lo = mid + 1;
		}
	}
}
