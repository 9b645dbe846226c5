/*
 * The referee of a guessing game, Kattis conventions: argv = input answer
 * feedback_dir; it reads guesses on stdin and answers "<", ">" or "=" on
 * stdout; exit 42 accepted, 43 wrong answer (reason in judgemessage.txt).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static void done(const char *dir, int code, const char *why, long n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/judgemessage.txt", dir);
	f = fopen(path, "w");
	if (f) {
		fprintf(f, "%s (guess %ld)\n", why, n);
		fclose(f);
	}
	exit(code);
}

int main(int argc, char **argv)
{
	long secret, guess;
	FILE *in;

	if (argc < 4 || !(in = fopen(argv[1], "r")) || fscanf(in, "%ld", &secret) != 1)
		return 1;
	signal(SIGPIPE, SIG_IGN);
	for (long n = 1; n <= 25; n++) {
		if (scanf("%ld", &guess) != 1)
			done(argv[3], 43, "no guess", n);
		if (guess < 1 || guess > 1000000)
			done(argv[3], 43, "guess out of range", n);
		printf("%s\n", guess < secret ? "<" : guess > secret ? ">" : "=");
		fflush(stdout);
		if (guess == secret)
			done(argv[3], 42, "found", n);
	}
	done(argv[3], 43, "too many guesses", 25);
	return 0;
}
