public class Main {
	public static void main(String[] args) throws Exception {
		// the JVM's oldest launch path: vfork and exec straight from the JVM, no helper
		System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
		Process p = new ProcessBuilder("/bin/sh", "-c", "echo PWNED > /tmp/judge-e2e-pwned").start();
		p.waitFor();
		System.out.println("PWNED");
	}
}
