#include <stdio.h>
#include <unistd.h>

int main(void)
{
	if (setsid() >= 0)
		puts("PWNED: a session of its own");
	return 1;
}
