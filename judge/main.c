#include <stdio.h>

int main(void)
{
	fputs("judge: not built yet\n", stderr);
	return 2;
}
