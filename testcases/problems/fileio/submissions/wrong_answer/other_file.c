#include <stdio.h>

/* Writes another file than output.txt: refused (EACCES), and output.txt stays empty. */
int main(void)
{
	FILE *in = fopen("input.txt", "r"), *out = fopen("answer.txt", "w");
	long long a, b;

	if (!in || fscanf(in, "%lld %lld", &a, &b) != 2)
		return 1;
	if (out)
		fprintf(out, "%lld\n", a + b);
	return 0;
}
