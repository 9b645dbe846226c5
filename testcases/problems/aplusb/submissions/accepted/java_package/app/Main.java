// A Java package: app.Main runs (the main of app.util.Adder is not the entry).
package app;
import app.util.Adder;
import java.util.Scanner;
public class Main {
	public static void main(String[] args) {
		Scanner in = new Scanner(System.in);
		long a = in.nextLong(), b = in.nextLong();
		System.out.println(Adder.add(a, b));
	}
}
