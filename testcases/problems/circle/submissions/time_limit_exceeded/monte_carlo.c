/* Estimates the area by sampling, with far too many samples. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	double r, hits = 0, n = 1e12;

	if (scanf("%lf", &r) != 1)
		return 1;
	for (double i = 0; i < n; i++) {
		double x = rand() / (double)RAND_MAX, y = rand() / (double)RAND_MAX;

		hits += x * x + y * y <= 1;
	}
	printf("%.10f\n", 4 * hits / n * r * r);
	return 0;
}
