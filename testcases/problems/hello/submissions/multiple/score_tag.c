/*
 * DOMjudge reads @EXPECTED_SCORE@ as its results tag too, as its own
 * boolfind example does: verdict names there are a marker, not a score.
 * @EXPECTED_SCORE@: CORRECT
 */
#include <stdio.h>

int main(void)
{
	char name[64];

	while (scanf("%63s", name) == 1)
		printf("Hello, %s!\n", name);
	return 0;
}
