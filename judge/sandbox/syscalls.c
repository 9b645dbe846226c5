#include "syscalls.h"

#include <stdio.h>
#include <string.h>

#include "util.h"

static const char *const table_x86_64[] = {
#include "syscalls_x86_64.h"
};
static const char *const table_i386[] = {
#include "syscalls_i386.h"
};
static const char *const table_x32[] = {
#include "syscalls_x32.h"
};

/* The same numbers ordered by name, for binary search. */
static const short byname_x86_64[] = {
#include "syscalls_x86_64_byname.h"
};
static const short byname_i386[] = {
#include "syscalls_i386_byname.h"
};
static const short byname_x32[] = {
#include "syscalls_x32_byname.h"
};

static const struct {
	const char *const *names;
	long count;
	const short *by_name;
	long n_named;
} tables[ABI_COUNT] = {
	[ABI_X86_64] = { table_x86_64, ARRAY_SIZE(table_x86_64), byname_x86_64, ARRAY_SIZE(byname_x86_64) },
	[ABI_I386] = { table_i386, ARRAY_SIZE(table_i386), byname_i386, ARRAY_SIZE(byname_i386) },
	[ABI_X32] = { table_x32, ARRAY_SIZE(table_x32), byname_x32, ARRAY_SIZE(byname_x32) },
};

_Static_assert(ARRAY_SIZE(table_x86_64) <= SYSCALLS_MAX, "table too big");
_Static_assert(ARRAY_SIZE(table_i386) <= SYSCALLS_MAX, "table too big");
_Static_assert(ARRAY_SIZE(table_x32) <= SYSCALLS_MAX, "table too big");

/* The first place in the by-name order whose name is not below `name`: equal names follow it. */
static long first_not_below(enum abi a, const char *name)
{
	long lo = 0, hi = tables[a].n_named;

	while (lo < hi) {
		long mid = (lo + hi) / 2;

		if (strcmp(tables[a].names[tables[a].by_name[mid]], name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

long syscalls_lookup(enum abi a, const char *name)
{
	long nr;

	return syscalls_numbers(a, name, &nr, 1) == 1 ? nr : -1;
}

int syscalls_numbers(enum abi a, const char *name, long *nrs, int max)
{
	int n = 0;

	if ((unsigned)a >= ABI_COUNT || !name)
		return 0;
	for (long i = first_not_below(a, name); i < tables[a].n_named && n < max; i++) {
		if (strcmp(tables[a].names[tables[a].by_name[i]], name) != 0)
			break;
		nrs[n++] = tables[a].by_name[i];
	}
	return n;
}

const char *syscalls_name(enum abi a, long nr)
{
	if ((unsigned)a >= ABI_COUNT || nr < 0 || nr >= tables[a].count)
		return NULL;
	return tables[a].names[nr];
}

const char *syscalls_name_or_nr(enum abi a, long nr, char *buf, unsigned len)
{
	const char *n = syscalls_name(a, nr);

	if (n)
		return n;
	snprintf(buf, len, "syscall_%ld", nr);
	return buf;
}

long syscalls_count(enum abi a)
{
	return (unsigned)a < ABI_COUNT ? tables[a].count : 0;
}

static int edit_distance(const char *s, const char *t)
{
	int ls = (int)strlen(s), lt = (int)strlen(t);
	int row[64];

	if (ls >= 63 || lt >= 63)
		return 1000;
	for (int j = 0; j <= lt; j++)
		row[j] = j;
	for (int i = 1; i <= ls; i++) {
		int prev = row[0];

		row[0] = i;
		for (int j = 1; j <= lt; j++) {
			int cur = row[j];
			int best = prev + (s[i - 1] != t[j - 1]);

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	return row[lt];
}

const char *syscalls_closest(const char *name)
{
	const char *best = NULL;
	int best_d = 1000;

	for (int a = 0; a < ABI_COUNT; a++)
		for (long nr = 0; nr < tables[a].count; nr++) {
			const char *n = tables[a].names[nr];
			int d;

			if (!n)
				continue;
			d = edit_distance(name, n);
			if (d < best_d) {
				best_d = d;
				best = n;
			}
		}
	return best_d <= 3 ? best : NULL;
}
