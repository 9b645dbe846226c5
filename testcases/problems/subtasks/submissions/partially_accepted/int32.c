/* A 32-bit sum: right for groups 1 and 3, overflows in group 2.
 * @EXPECTED_SCORE@: 70 */
#include <stdio.h>

int main(void)
{
	int n, x;
	unsigned s = 0;

	if (scanf("%d", &n) != 1)
		return 1;
	while (n-- > 0 && scanf("%d", &x) == 1)
		s += (unsigned)x;
	printf("%d\n", (int)s);
	return 0;
}
