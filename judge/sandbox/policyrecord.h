#ifndef JUDGE_POLICYRECORD_H
#define JUDGE_POLICYRECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "policy.h"

/*
 * A parsed struct policy as bytes, and back: what policycache.c stores so
 * that a later judge process takes the result of a load without parsing
 * the JSON again.  The pointers of a policy (strings, lists, argument
 * rules) cannot be written as they are, and its 24 KiB syscall table is
 * mostly empty, so each field is written in turn and the table as the
 * entries that say something.
 *
 * Native byte order and widths: the cache key holds the judge's build id,
 * so a record is only ever read by the binary that wrote it.  A change to
 * the layout is also a change to the build.
 *
 * The reader trusts nothing in the bytes.  Every length and count is
 * checked against what is left before it is used (a count is never larger
 * than the bytes that would follow it, so a lie cannot make a large
 * allocation), every index, enum value and flag against its range, the
 * syscall entries must come as the writer puts them (in table order, each
 * once, none all zero), and every argument rule a syscall names must
 * exist: a record taken is one the writer makes from the policy it reads
 * into (fuzz_policyrecord.c).  A truncated or corrupt record
 * sets the cursor's `bad` and nothing is read past its end; the policy is
 * then half written and is for policy_free only.  What the reader cannot
 * tell is a record that is well formed but not what was written: the
 * cache's CRC and the directory's owner keep those out.
 */

/* A growing buffer that records are written into. */
struct policyrecord_buf {
	unsigned char *p;
	size_t n, cap;
};

void policyrecord_put(struct policyrecord_buf *b, const void *data, size_t len);
/* A value of fixed width (cast it to uint32_t and the like), in native order. */
#define POLICYRECORD_PUT(b, v) \
	do { __typeof__(v) v_ = (v); policyrecord_put(b, &v_, sizeof(v_)); } while (0)
/* u32 length, then the bytes */
void policyrecord_put_bytes(struct policyrecord_buf *b, const void *data, size_t len);
void policyrecord_put_str(struct policyrecord_buf *b, const char *s);
void policyrecord_put_policy(struct policyrecord_buf *b, const struct policy *p);

/* A read position in a record; `bad` once anything did not fit or make sense. */
struct policyrecord_cur {
	const unsigned char *p;
	size_t left;
	bool bad;
};

/* The next n bytes, or NULL (and bad) when fewer are left or the cursor is bad. */
const void *policyrecord_take(struct policyrecord_cur *c, size_t n);
/* Fills v from the next sizeof(v) bytes; zero when they are not there. */
#define POLICYRECORD_GET(c, v) \
	do { \
		const void *g_ = policyrecord_take(c, sizeof(v)); \
		if (g_) \
			memcpy(&(v), g_, sizeof(v)); \
		else \
			memset(&(v), 0, sizeof(v)); \
	} while (0)
/* What policyrecord_put_bytes wrote: a pointer into the record, or NULL. */
const void *policyrecord_get_bytes(struct policyrecord_cur *c, uint32_t *len);
/* What policyrecord_put_str wrote, as a new C string; NULL (and bad) if it holds a NUL. */
char *policyrecord_get_str(struct policyrecord_cur *c);
/*
 * What policyrecord_put_policy wrote, into `p` as policy_load's defaults
 * left it (lists empty, every syscall SYS_DEFAULT: only the entries that
 * say something are in the record).  Afterwards c->bad says whether p may
 * be used; either way everything it points to is its own, for policy_free.
 */
void policyrecord_get_policy(struct policyrecord_cur *c, struct policy *p);

#endif
