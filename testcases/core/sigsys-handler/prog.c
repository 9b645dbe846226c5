#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>

/* A SIGSYS handler that returns would turn a kill into a failed call. */
static void on_sigsys(int sig)
{
	(void)sig;
}

int main(void)
{
	signal(SIGSYS, on_sigsys);
	if (socket(AF_INET, SOCK_STREAM, 0) >= 0)
		puts("PWNED: socket");
	else
		puts("PWNED: survived the forbidden call");
	return 0;
}
