import java.io.*;
import java.util.*;

public class Main {
	public static void main(String[] args) throws IOException {
		DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
		int n = nextInt(in);
		int[] a = new int[n];
		for (int i = 0; i < n; i++)
			a[i] = nextInt(in);
		Arrays.sort(a);
		StringBuilder sb = new StringBuilder();
		for (int x : a)
			sb.append(x).append('\n');
		PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out)));
		out.print(sb);
		out.flush();
	}

	static int nextInt(DataInputStream in) throws IOException {
		int r = 0, b = in.read();
		while (b != '-' && (b < '0' || b > '9'))
			b = in.read();
		boolean neg = b == '-';
		if (neg)
			b = in.read();
		while (b >= '0' && b <= '9') {
			r = r * 10 + (b - '0');
			b = in.read();
		}
		return neg ? -r : r;
	}
}
