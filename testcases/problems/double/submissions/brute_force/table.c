/*
 * Looks 2n up in a table of the first thousand answers: right on every test
 * it can answer, and it crashes (abort) on the hard one rather than print a
 * wrong number.  brute_force/ (Kattis 2023-07): never WA, not accepted.
 */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	static long long twice[1000];
	long long n;

	if (scanf("%lld", &n) != 1)
		return 1;
	for (int i = 0; i < 1000; i++)
		twice[i] = 2LL * i;
	if (n < 0 || n >= 1000)
		abort();
	printf("%lld\n", twice[n]);
	return 0;
}
