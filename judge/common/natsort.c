#include "natsort.h"

#include <string.h>

static int is_digit(unsigned char c)
{
	/* Not isdigit(): the order must not depend on the locale. */
	return c >= '0' && c <= '9';
}

/*
 * Compares the digit runs at *pa and *pb by value, advancing both past their
 * runs.  Leading zeros are skipped and the longer remaining run is larger, so
 * numbers of any length compare without overflow.
 */
static int cmp_number(const unsigned char **pa, const unsigned char **pb)
{
	const unsigned char *a = *pa, *b = *pb, *ea, *eb;
	size_t la, lb;
	int r;

	while (*a == '0')
		a++;
	while (*b == '0')
		b++;
	for (ea = a; is_digit(*ea); ea++)
		;
	for (eb = b; is_digit(*eb); eb++)
		;
	*pa = ea;
	*pb = eb;
	la = (size_t)(ea - a);
	lb = (size_t)(eb - b);
	if (la != lb)
		return la < lb ? -1 : 1;
	r = memcmp(a, b, la);
	return r < 0 ? -1 : r > 0;
}

int natsort_cmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;
	int r;

	while (*p && *q) {
		if (is_digit(*p) && is_digit(*q)) {
			r = cmp_number(&p, &q);
			if (r)
				return r;
			continue;
		}
		if (*p != *q)
			return *p < *q ? -1 : 1;
		p++;
		q++;
	}
	if (*p || *q)
		return *p ? 1 : -1;
	r = strcmp(a, b);
	return r < 0 ? -1 : r > 0;
}
