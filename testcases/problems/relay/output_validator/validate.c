/*
 * Multi-pass validator: argv = input answer feedback_dir, the program's
 * output on stdin.  Pass 1 ("encode X"): the output must be a positive
 * number other than X; it goes on to pass 2 in feedback_dir/nextpass.in.
 * Pass 2 ("decode Y"): the output must be X, the answer file's number.
 */
#include <stdio.h>
#include <string.h>

static int say(const char *dir, int code, const char *why)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/judgemessage.txt", dir);
	if ((f = fopen(path, "w"))) {
		fprintf(f, "%s\n", why);
		fclose(f);
	}
	return code;
}

int main(int argc, char **argv)
{
	char word[16], path[4096];
	long n, want, got;
	FILE *in, *ans, *next;

	if (argc < 4 || !(in = fopen(argv[1], "r")) || !(ans = fopen(argv[2], "r")) ||
	    fscanf(in, "%15s %ld", word, &n) != 2 || fscanf(ans, "%ld", &want) != 1)
		return 1;
	if (scanf("%ld", &got) != 1)
		return say(argv[3], 43, "no number");
	if (!strcmp(word, "encode")) {
		if (got <= 0 || got == n)
			return say(argv[3], 43, "pass 1: not a fresh positive number");
		snprintf(path, sizeof(path), "%s/nextpass.in", argv[3]);
		if (!(next = fopen(path, "w")))
			return 1;
		fprintf(next, "decode %ld\n", got);
		fclose(next);
		return say(argv[3], 42, "pass 1 ok");
	}
	if (got != want)
		return say(argv[3], 43, "pass 2: not the number of pass 1");
	return say(argv[3], 42, "pass 2 ok");
}
