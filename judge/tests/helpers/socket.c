/* socket() is in no language policy: RF, x86_64 #41. */
#include <sys/socket.h>

int main(void)
{
	socket(AF_INET, SOCK_STREAM, 0);
	return 0;
}
