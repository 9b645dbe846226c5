// Halves in floating point: wrong once n passes 2^53.
#include <cstdio>

int main()
{
	double n;
	if (std::scanf("%lf", &n) != 1)
		return 1;
	std::printf("%.0f %.0f\n", n / 2, n / 2);
}
