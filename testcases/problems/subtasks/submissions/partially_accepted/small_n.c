/* Assumes n <= 1000: groups 1 and 2 (50 points), wrong on group 3.
 * @EXPECTED_SCORE@: 50 */
#include <stdio.h>

int main(void)
{
	long long n, x, s = 0;

	if (scanf("%lld", &n) != 1)
		return 1;
	if (n > 1000)
		n = 1000;
	while (n-- > 0 && scanf("%lld", &x) == 1)
		s += x;
	printf("%lld\n", s);
	return 0;
}
