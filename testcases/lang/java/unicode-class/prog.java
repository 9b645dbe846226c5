// Its own program, not ../prog.java: the case is a public class named in
// Cyrillic, which the shared program (every other case) cannot be.
public class Привет {
	public static void main(String[] args) {
		System.out.println("Привет, мир");
	}
}
