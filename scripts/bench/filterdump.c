/*
 * filterdump POLICY FILE: write the seccomp filter the judge compiles for
 * POLICY in --mode seccomp, as struct sock_filter after struct sock_filter,
 * for `floor --layers` to install the judge's own filter without parsing a
 * policy (make bench, "the layers alone").  Policies come from
 * JUDGE_POLICIES, as for the judge.
 */
#include <stdio.h>
#include <stdlib.h>

#include "filter.h"
#include "policy.h"

int main(int argc, char **argv)
{
	const char *dir = getenv("JUDGE_POLICIES") ? getenv("JUDGE_POLICIES") : "policies";
	struct policy pol;
	struct filter f;
	struct jerr err;
	FILE *out;

	if (argc != 3) {
		fprintf(stderr, "usage: filterdump POLICY FILE\n");
		return 2;
	}
	if (policy_load(argv[1], dir, &pol, &err) < 0 ||
	    filter_compile(&pol, FILTER_SECCOMP, &f, &err) < 0) {
		fprintf(stderr, "filterdump: %s: %s\n", argv[1], err.msg);
		return 2;
	}
	if (!(out = fopen(argv[2], "we")) ||
	    fwrite(f.insns, sizeof(f.insns[0]), f.len, out) != f.len || fclose(out) != 0) {
		perror(argv[2]);
		return 2;
	}
	filter_free(&f);
	policy_free(&pol);
	return 0;
}
