#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Execs itself (allowed) hoping the new image starts without the filter. */
int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "again") == 0) {
		if (socket(AF_INET, SOCK_STREAM, 0) >= 0)
			puts("PWNED: socket after exec");
		return 1;
	}
	char *args[] = { argv[0], "again", NULL };
	char *envp[] = { NULL };

	execve(argv[0], args, envp);
	return 2;
}
