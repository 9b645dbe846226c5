#include <stdio.h>

/* Reads the file but answers on stdout: the output file stays empty. */
int main(void)
{
	FILE *in = fopen("input.txt", "r");
	long long a, b;

	if (!in || fscanf(in, "%lld %lld", &a, &b) != 2)
		return 1;
	printf("%lld\n", a + b);
	return 0;
}
