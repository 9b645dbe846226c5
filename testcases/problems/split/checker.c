/*
 * Split checker, testlib conventions: argv = input output answer; exit 0
 * accepted, 1 wrong answer, 2 presentation error; the message on stdout.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

enum { OK = 0, WA = 1, PE = 2, FAIL = 3 };

static void __attribute__((noreturn, format(printf, 2, 3))) quit(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	exit(code);
}

/* One whitespace-separated unsigned number; 0 at EOF, -1 when not a number. */
static int read_u64(FILE *f, unsigned long long *v)
{
	char tok[64];
	char *end;

	if (fscanf(f, "%63s", tok) != 1)
		return 0;
	if (!isdigit((unsigned char)tok[0]))
		return -1;
	errno = 0;
	*v = strtoull(tok, &end, 10);
	return *end || errno ? -1 : 1;
}

int main(int argc, char **argv)
{
	unsigned long long n, a, b, extra;
	FILE *in, *out;
	int r;

	if (argc < 4)
		quit(FAIL, "usage: checker input output answer");
	in = fopen(argv[1], "r");
	out = fopen(argv[2], "r");
	if (!in || !out)
		quit(FAIL, "cannot open the input or the output");
	if (read_u64(in, &n) != 1)
		quit(FAIL, "bad input file");
	if ((r = read_u64(out, &a)) != 1 || (r = read_u64(out, &b)) != 1)
		quit(r == 0 ? WA : PE, r == 0 ? "expected two numbers, the output ended early" :
		     "expected two non-negative integers");
	if (read_u64(out, &extra) != 0)
		quit(PE, "more than two numbers in the output");
	if (a == 0 || b == 0)
		quit(WA, "both parts must be positive, got %llu and %llu", a, b);
	if (a > n || b > n || a + b != n)
		quit(WA, "%llu + %llu is not %llu", a, b, n);
	quit(OK, "%llu = %llu + %llu", n, a, b);
}
