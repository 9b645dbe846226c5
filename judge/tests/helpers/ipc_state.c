/*
 * ipc_state make KEY | find KEY: makes a SysV shared memory segment under
 * KEY, or looks for one, and prints what happened.  Two runs of the judge
 * in one process must not see each other's segments.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

int main(int argc, char **argv)
{
	key_t key;
	int id;

	if (argc != 3)
		return 2;
	key = (key_t)atoi(argv[2]);
	if (strcmp(argv[1], "make") == 0)
		id = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0666);
	else
		id = shmget(key, 0, 0);
	if (id < 0)
		printf("%s: %s\n", argv[1], strerrorname_np(errno));
	else
		printf("%s: ok\n", argv[1]);
	fflush(stdout);
	return 0;
}
