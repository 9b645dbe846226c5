/* One program for every C-with-clang case; the first argument picks what it does. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

char *volatile blocks;

static int cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (strcmp(mode, "hello") == 0) {
		puts("Hello, World!");
	} else if (strcmp(mode, "aplusb") == 0) {
		long long a, b;
		if (scanf("%lld %lld", &a, &b) != 2)
			return 1;
		printf("%lld\n", a + b);
	} else if (strcmp(mode, "sort") == 0) {
		int n;
		if (scanf("%d", &n) != 1)
			return 1;
		int *v = malloc(sizeof(int) * (size_t)n);
		for (int i = 0; i < n; i++)
			if (scanf("%d", &v[i]) != 1)
				return 1;
		qsort(v, (size_t)n, sizeof(int), cmp);
		for (int i = 0; i < n; i++)
			printf("%d\n", v[i]);
	} else if (strcmp(mode, "tle") == 0) {
		volatile unsigned i = 0;
		for (;;)
			i = (i + 1) % 7;
	} else if (strcmp(mode, "mle") == 0) {
		/* keeps every block alive and touched, 1 MiB at a time; the list
		 * is global so that clang cannot drop the unused allocations */
		for (;;) {
			char *p = malloc(1 << 20);
			if (!p)
				return 3;
			memset(p, 1, 1 << 20);
			*(char **)p = blocks;
			blocks = p;
		}
	} else if (strcmp(mode, "spawn") == 0) {
		if (system("echo PWNED > /tmp/judge-e2e-pwned") == 0)
			puts("PWNED");
	} else if (strcmp(mode, "socket") == 0) {
		if (socket(AF_INET, SOCK_STREAM, 0) >= 0)
			puts("PWNED");
	} else if (strcmp(mode, "write") == 0) {
		FILE *f = fopen(argv[2], "w");
		if (!f) {
			puts("denied");
			return 42;
		}
		fputs("PWNED\n", f);
		puts("PWNED");
	} else if (strcmp(mode, "read") == 0) {
		for (int i = 2; i < argc; i++) {
			char line[256];
			FILE *f = fopen(argv[i], "r");
			if (f && fgets(line, sizeof(line), f)) {
				fputs(line, stdout);
				return 0;
			}
		}
		puts("denied");
		return 42;
	} else if (strcmp(mode, "syscall") == 0) {
		/* inline asm: fork(2) below libc */
		long ret;
		__asm__ volatile("syscall" : "=a"(ret) : "a"(SYS_fork) : "rcx", "r11", "memory");
		printf("PWNED: fork returned %ld\n", ret);
	} else {
		fputs("unknown mode\n", stderr);
		return 1;
	}
	return 0;
}
