/*
 * The policy cache's record reader (policyrecord_get_policy) on arbitrary
 * bytes, read the way policycache_get reads an entry's policy: into a zeroed
 * struct policy, freed with policy_free whether or not it was taken.
 *
 * A record the reader takes must be one the writer could have written:
 * written again with policyrecord_put_policy it gives back the very bytes
 * read, so a field read from the wrong place, at the wrong width or into
 * the wrong slot shows as a difference (abort).  Every string, list, syscall
 * entry and the argument rule each entry names are touched first, so ASan
 * sees an index or a length the checks let through.
 *
 * Seeds (corpus/policyrecord/): policyrecord_put_policy of policy_load(NAME,
 * "policies") for c, cpp, python3 and java with JUDGE_POLICY_CACHE=0 (a
 * one-off program linked against the judge's objects), and c's record cut
 * inside its name, inside its syscall entries and one byte short.  The
 * layout is native and per build: seeds from an older build still cover the
 * reader, they just may no longer be taken whole.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "policy.h"
#include "policyrecord.h"

static size_t touch_str(const char *s)
{
	return s ? strlen(s) : 0;
}

static size_t touch_list(const struct strlist *l)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		n += touch_str(l->v[i]);
	return n;
}

/* Reads everything a taken policy holds, as filter.c and decide.c would. */
static void touch_policy(const struct policy *p)
{
	volatile size_t sink = 0;

	sink += touch_str(p->name) + touch_str(p->file) + touch_str(p->description) +
		touch_str(p->compile_policy);
	sink += touch_list(&p->extensions) + touch_list(&p->compile) + touch_list(&p->run) +
		touch_list(&p->env) + touch_list(&p->files_read) + touch_list(&p->files_write) +
		touch_list(&p->files_exec);
	for (int a = 0; a < ABI_COUNT; a++)
		for (int nr = 0; nr < SYSCALLS_MAX; nr++) {
			const struct sys_entry *e = &p->sys[a][nr];
			struct sys_entry l = policy_lookup(p, a, nr);

			if (e->action > SYS_KILL || e->rule > RULE_ARG || l.action > SYS_KILL)
				abort();
			/* the reader promises that such an entry names a rule that exists */
			if (e->action == SYS_RULE && e->rule == RULE_ARG)
				sink += p->arg_rules[e->arg_rule].n_values;
		}
	for (size_t i = 0; i < p->n_arg_rules; i++) {
		const struct arg_rule *r = &p->arg_rules[i];

		if (r->arg < 0 || r->arg > 5 || r->n_values > ARRAY_SIZE(r->values))
			abort();
		for (size_t v = 0; v < r->n_values; v++)
			sink += (size_t)r->values[v];
	}
	(void)sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a copy of exactly size bytes: ASan then sees a read one past the end */
	unsigned char *rec = malloc(size ? size : 1);
	struct policy *p = calloc(1, sizeof(*p));	/* ~24 KiB */
	struct policyrecord_cur c = { .p = rec, .left = size };

	if (!rec || !p)
		abort();
	if (size)
		memcpy(rec, data, size);
	policyrecord_get_policy(&c, p);
	if (c.left > size)
		abort();
	if (!c.bad) {
		struct policyrecord_buf b = { 0 };
		size_t used = size - c.left;

		touch_policy(p);
		policyrecord_put_policy(&b, p);
		if (b.n != used || memcmp(b.p, rec, used) != 0)
			abort();
		free(b.p);
	}
	policy_free(p);
	free(p);
	free(rec);
	return 0;
}
