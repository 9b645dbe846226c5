#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	double r;

	if (scanf("%lf", &r) != 1)
		return 1;
	if (r > 0)
		abort();
	printf("%.10f\n", M_PI * r * r);
	return 0;
}
