package app.util;
public class Adder {
	public static long add(long a, long b) { return a + b; }
	public static void main(String[] args) { System.out.println("not me"); }
}
