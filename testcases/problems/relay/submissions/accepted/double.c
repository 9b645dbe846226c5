#include <stdio.h>
#include <string.h>

int main(void)
{
	char word[16];
	long n;

	if (scanf("%15s %ld", word, &n) != 2)
		return 1;
	printf("%ld\n", strcmp(word, "encode") == 0 ? 2 * n + 1 : (n - 1) / 2);
	return 0;
}
