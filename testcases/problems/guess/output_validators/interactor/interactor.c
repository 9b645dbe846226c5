/*
 * Interactor, Kattis conventions: argv = input answer feedback_dir; stdin is
 * the submission's stdout and stdout its stdin; exit 42 accepted, 43 wrong
 * answer, with the reason in feedback_dir/judgemessage.txt.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_GUESSES 30

static FILE *msg;

static void __attribute__((noreturn, format(printf, 2, 3))) verdict(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (msg) {
		vfprintf(msg, fmt, ap);
		fputc('\n', msg);
		fclose(msg);
	}
	va_end(ap);
	exit(code);
}

int main(int argc, char **argv)
{
	char path[4096], line[128], *end;
	long long secret, guess;
	FILE *in;

	if (argc < 4)
		return 1;
	snprintf(path, sizeof(path), "%s/judgemessage.txt", argv[3]);
	msg = fopen(path, "w");
	in = fopen(argv[1], "r");
	if (!in || fscanf(in, "%lld", &secret) != 1)
		return 1;
	/* A submission that quits early must not kill us before we can say so. */
	signal(SIGPIPE, SIG_IGN);
	for (int n = 1;; n++) {
		if (!fgets(line, sizeof(line), stdin))
			verdict(43, "the program stopped after %d guesses without finding the number", n - 1);
		guess = strtoll(line, &end, 10);
		if (end == line || (*end && *end != '\n'))
			verdict(43, "guess %d is not a number: %.40s", n, line);
		if (guess == secret) {
			printf("correct\n");
			fflush(stdout);
			verdict(42, "found %lld in %d guesses", secret, n);
		}
		if (n == MAX_GUESSES)
			verdict(43, "no luck in %d guesses", MAX_GUESSES);
		printf("%s\n", guess > secret ? "lower" : "higher");
		fflush(stdout);
	}
}
