#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* A non-leader thread execs the program again: the new image takes the leader's pid. */
static char **args;

static void *worker(void *arg)
{
	char *argv[] = { args[0], "again", NULL };
	char *envp[] = { NULL };

	execve(args[0], argv, envp);
	return arg;
}

int main(int argc, char **argv)
{
	pthread_t t;

	if (argc > 1 && strcmp(argv[1], "again") == 0) {
		puts("second image");
		return 0;
	}
	args = argv;
	if (pthread_create(&t, NULL, worker, NULL) != 0)
		return 1;
	pthread_join(t, NULL);
	return 2;
}
