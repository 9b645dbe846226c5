import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

public class Main {
	public static void main(String[] args) {
		// keeps every block alive and touched, 1 MiB at a time, past any limit
		List<int[]> keep = new ArrayList<>();
		for (;;) {
			int[] b = new int[1 << 18];
			Arrays.fill(b, keep.size());
			keep.add(b);
		}
	}
}
