import java.net.Socket;

public class Main {
	public static void main(String[] args) throws Exception {
		try (Socket s = new Socket("127.0.0.1", 80)) {
			System.out.println("PWNED");
		}
	}
}
