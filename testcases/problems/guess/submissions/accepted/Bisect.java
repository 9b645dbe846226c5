import java.io.BufferedReader;
import java.io.InputStreamReader;

public class Bisect {
	public static void main(String[] args) throws Exception {
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
		long lo = 1, hi = 1000000000L;
		while (lo <= hi) {
			long mid = (lo + hi) / 2;
			System.out.println(mid);
			System.out.flush();
			String reply = in.readLine();
			if (reply == null || reply.equals("correct"))
				return;
			if (reply.equals("lower"))
				hi = mid - 1;
			else
				lo = mid + 1;
		}
	}
}
