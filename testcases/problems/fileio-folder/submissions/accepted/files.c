#include <stdio.h>

int main(void)
{
	FILE *in = fopen("input.txt", "r"), *out = fopen("output.txt", "w");
	long long a, b;

	if (!in || !out || fscanf(in, "%lld %lld", &a, &b) != 2)
		return 1;
	fprintf(out, "%lld\n", a + b);
	return fclose(out) != 0;
}
