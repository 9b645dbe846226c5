// One program for every Java case but unicode-class; the first argument picks
// what it does.  Its class is not public, so javac takes it in a file of
// another name as it is and the jar's Main-Class comes from the search for
// the only class with main(); unicode-class has a public class, which the
// compile copies to a file of its own name first.
import java.io.*;
import java.net.Socket;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.*;

class Solution {
	public static void main(String[] args) throws Exception {
		switch (args.length > 0 ? args[0] : "") {
		case "hello":
			System.out.println("Hello, World!");
			break;
		case "aplusb": {
			Scanner in = new Scanner(System.in);
			System.out.println(in.nextLong() + in.nextLong());
			break;
		}
		case "sort":
			sort();
			break;
		case "tle": {
			long x = 0;
			while (x >= 0)
				x += args.length + 1;
			System.out.println(x);
			break;
		}
		case "mle": {
			// keeps every block alive and touched, 1 MiB at a time, past any limit
			List<int[]> keep = new ArrayList<>();
			for (;;) {
				int[] b = new int[1 << 18];
				Arrays.fill(b, keep.size());
				keep.add(b);
			}
		}
		case "spawn": {
			Process p = Runtime.getRuntime().exec(new String[] { "/bin/sh", "-c", "echo PWNED > /tmp/judge-e2e-pwned" });
			p.waitFor();
			System.out.println("PWNED");
			break;
		}
		case "vfork-launch": {
			// the JVM's oldest launch path: vfork and exec straight from the JVM, no helper
			System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
			Process p = new ProcessBuilder("/bin/sh", "-c", "echo PWNED > /tmp/judge-e2e-pwned").start();
			p.waitFor();
			System.out.println("PWNED");
			break;
		}
		case "socket":
			try (Socket s = new Socket("127.0.0.1", 80)) {
				System.out.println("PWNED");
			}
			break;
		case "read-secret":
			readSecret(Arrays.copyOfRange(args, 1, args.length));
			break;
		case "write-file":
			writeFile(args[1]);
			break;
		default:
			System.err.println("unknown mode");
			System.exit(1);
		}
	}

	static void sort() throws IOException {
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

	static void readSecret(String[] paths) throws IOException {
		for (String path : paths) {
			try {
				System.out.println(new String(Files.readAllBytes(Paths.get(path))));
				return;
			} catch (AccessDeniedException e) {
				continue;
			}
		}
		System.out.println("denied");
		System.exit(42);
	}

	static void writeFile(String path) {
		try (FileWriter w = new FileWriter(path)) {
			w.write("PWNED\n");
		} catch (IOException e) {
			if (e.getMessage().contains("Permission denied")) {
				System.out.println("denied");
				System.exit(42);
			}
			throw new RuntimeException(e);
		}
		System.out.println("PWNED");
	}
}
