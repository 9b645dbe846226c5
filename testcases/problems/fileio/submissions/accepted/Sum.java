import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

public class Sum {
	public static void main(String[] args) throws Exception {
		String[] t = Files.readString(Path.of("input.txt")).trim().split("\\s+");
		try (PrintWriter out = new PrintWriter("output.txt")) {
			out.println(Long.parseLong(t[0]) + Long.parseLong(t[1]));
		}
	}
}
