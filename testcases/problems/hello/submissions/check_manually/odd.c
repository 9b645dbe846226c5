/* Judged and listed, but any verdict stands: a person looks at it. */
#include <stdio.h>

int main(void)
{
	puts("Hello?");
	return 0;
}
