import java.io.FileWriter;
import java.io.IOException;

public class Main {
	public static void main(String[] args) {
		try (FileWriter w = new FileWriter(args[0])) {
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
