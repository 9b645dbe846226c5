public class Main {
	public static void main(String[] args) throws Exception {
		Process p = Runtime.getRuntime().exec(new String[] { "/bin/sh", "-c", "echo PWNED > /tmp/judge-e2e-pwned" });
		p.waitFor();
		System.out.println("PWNED");
	}
}
