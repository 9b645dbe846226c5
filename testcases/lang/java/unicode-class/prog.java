public class Привет {
	public static void main(String[] args) {
		System.out.println("Привет, мир");
	}
}
