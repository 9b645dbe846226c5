#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

/* Opens a port on the host and keeps it open as long as it can. */
int main(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(4444) };
	int s = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s >= 0 && bind(s, (struct sockaddr *)&a, sizeof(a)) == 0 && listen(s, 1) == 0) {
		puts("PWNED: listening");
		sleep(5);
	}
	return 1;
}
