#include <criterion/criterion.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "policy.h"
#include "policyrecord.h"

/*
 * The record of a struct policy (policyrecord.c) read back whole, cut short
 * and with single values made wrong.  A record that is cut or wrong must
 * leave the cursor bad, with nothing read past its end and no allocation
 * larger than its bytes could pay for: the policy cache then loads afresh.
 * Each record is read where the byte after its last is unmapped, so a read
 * past the end crashes the test even without ASan.
 */

static struct policy base, got;	/* ~24 KiB each */

/* A small policy with a field of every kind: strings, lists, an entry per action, an argument rule. */
static void make_policy(struct policy *p)
{
	memset(p, 0, sizeof(*p));
	p->name = xstrdup("t");
	p->file = xstrdup("/p/t.json");
	p->description = xstrdup("d");
	strlist_push(&p->extensions, "c");
	strlist_push(&p->run, "{exe}");
	strlist_push(&p->env, "A=B");
	strlist_push(&p->files_read, "/usr/");
	p->abis[ABI_X86_64] = true;
	p->sys[ABI_X86_64][0] = (struct sys_entry){ .action = SYS_ALLOW };
	p->sys[ABI_X86_64][2] = (struct sys_entry){ .action = SYS_ERRNO, .err = EPERM };
	p->sys[ABI_X86_64][9] = (struct sys_entry){ .action = SYS_RULE, .rule = RULE_ARG, .arg_rule = 0 };
	p->default_action = (struct deny_action){ .kill = true };
	p->files_deny = (struct deny_action){ .err = EACCES };
	p->processes = 1;
	p->threads = 1;
	p->n_arg_rules = 1;
	p->arg_rules = xcalloc(1, sizeof(*p->arg_rules));
	p->arg_rules[0] = (struct arg_rule){ .arg = 2, .n_values = 2, .values = { 1, 3 },
					     .has_mask = true, .mask = 7, .else_err = EPERM };
}

static struct policyrecord_buf record_of(const struct policy *p)
{
	struct policyrecord_buf b = { 0 };

	policyrecord_put_policy(&b, p);
	return b;
}

/* A copy of rec whose last byte is the last before an unmapped page. */
static unsigned char *at_page_end(const unsigned char *rec, size_t len, void **map, size_t *map_len)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), data = (len + page - 1) / page * page;
	unsigned char *m;

	*map_len = data + page;
	m = mmap(NULL, *map_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	cr_assert_neq(m, MAP_FAILED);
	cr_assert_eq(mprotect(m + data, page, PROT_NONE), 0);
	*map = m;
	if (len)
		memcpy(m + data - len, rec, len);
	return m + data - len;
}

/* Reads rec[0..len) into `got` (from policy_load's starting point: all zero) and says whether it was bad. */
static bool read_is_bad(const unsigned char *rec, size_t len, size_t *left)
{
	void *map;
	size_t map_len;
	struct policyrecord_cur c = { .p = at_page_end(rec, len, &map, &map_len), .left = len };

	memset(&got, 0, sizeof(got));
	policyrecord_get_policy(&c, &got);
	if (left)
		*left = c.left;
	cr_assert_eq(munmap(map, map_len), 0);
	return c.bad;
}

Test(policyrecord, whole_record_reads_back_the_same)
{
	struct policyrecord_buf a, b;
	size_t left;

	make_policy(&base);
	a = record_of(&base);
	cr_assert_not(read_is_bad(a.p, a.n, &left));
	cr_expect_eq(left, 0, "%zu bytes not read", left);
	/* every field is in the record, so an equal record is an equal policy */
	b = record_of(&got);
	cr_assert_eq(a.n, b.n);
	cr_expect_arr_eq(a.p, b.p, a.n);
	cr_expect_str_eq(got.env.v[0], "A=B");
	cr_expect_eq(got.arg_rules[0].values[1], 3);
	policy_free(&got);
	policy_free(&base);
	free(a.p);
	free(b.p);
}

Test(policyrecord, every_cut_is_bad)
{
	struct policyrecord_buf a;

	make_policy(&base);
	a = record_of(&base);
	for (size_t cut = 0; cut < a.n; cut++) {
		cr_expect(read_is_bad(a.p, cut, NULL), "cut at %zu of %zu taken", cut, a.n);
		policy_free(&got);
	}
	policy_free(&base);
	free(a.p);
}

/*
 * Changes to the policy that move one value of its record: the first byte
 * where the two records differ is where that value is written.
 */
static void other_default_kill(struct policy *p) { p->default_action.kill = false; }
static void other_abi(struct policy *p) { p->abis[ABI_I386] = true; }
static void other_action(struct policy *p) { p->sys[ABI_X86_64][0].action = SYS_KILL; }
static void other_nr(struct policy *p)
{
	p->sys[ABI_X86_64][1] = p->sys[ABI_X86_64][0];
	p->sys[ABI_X86_64][0] = (struct sys_entry){ 0 };
}
static void other_rule(struct policy *p) { p->sys[ABI_X86_64][9].rule = RULE_NONE; }
static void other_mem_rlimit(struct policy *p) { p->mem_rlimit = MEM_RLIMIT_DATA; }
static void other_arg(struct policy *p) { p->arg_rules[0].arg = 3; }
static void other_n_values(struct policy *p) { p->arg_rules[0].n_values = 1; }
static void other_n_lists(struct policy *p) { strlist_push(&p->extensions, "h"); }
static void other_n_entries(struct policy *p) { p->sys[ABI_X86_64][5].action = SYS_ALLOW; }
static void other_n_arg_rules(struct policy *p) { p->n_arg_rules = 0; }
static void other_description(struct policy *p) { free(p->description); p->description = NULL; }
static void other_has_mask(struct policy *p) { p->arg_rules[0].has_mask = false; }

static size_t where(const struct policyrecord_buf *a, void (*change)(struct policy *))
{
	struct policy *p = xcalloc(1, sizeof(*p));
	struct policyrecord_buf b;
	size_t i = 0;

	make_policy(p);
	change(p);
	b = record_of(p);
	while (i < a->n && i < b.n && a->p[i] == b.p[i])
		i++;
	cr_assert_lt(i, a->n, "the change moved nothing");
	policy_free(p);
	free(p);
	free(b.p);
	return i;
}

struct wrong {
	const char *what;
	void (*change)(struct policy *);
	size_t width;
	uint32_t value;
};

Test(policyrecord, each_value_out_of_range_is_bad)
{
	static const struct wrong cases[] = {
		{ "deny kill not 0 or 1", other_default_kill, 1, 2 },
		{ "description flag not 0 or 1", other_description, 1, 2 },
		{ "has_mask not 0 or 1", other_has_mask, 1, 2 },
		{ "abi flag not 0 or 1", other_abi, 1, 2 },
		{ "action past SYS_KILL", other_action, 1, SYS_KILL + 1 },
		{ "nr past the table", other_nr, 2, SYSCALLS_MAX },
		{ "rule kind past RULE_ARG", other_rule, 1, RULE_ARG + 1 },
		{ "mem_rlimit past MEM_RLIMIT_DATA", other_mem_rlimit, 4, MEM_RLIMIT_DATA + 1 },
		{ "argument 6", other_arg, 4, 6 },
		{ "33 values", other_n_values, 4, 33 },
		/* counts beyond the bytes left (the rules' refused before the allocation it sizes) */
		{ "list count", other_n_lists, 4, UINT32_MAX },
		{ "entry count", other_n_entries, 4, UINT32_MAX },
		{ "argument rule count", other_n_arg_rules, 4, UINT32_MAX },
		/* and one too small: an entry names a rule that is not there */
		{ "no argument rules", other_n_arg_rules, 4, 0 },
	};
	struct policyrecord_buf a;
	unsigned char *rec;

	make_policy(&base);
	a = record_of(&base);
	rec = xmalloc(a.n);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t at = where(&a, cases[i].change);

		memcpy(rec, a.p, a.n);
		memcpy(rec + at, &cases[i].value, cases[i].width);	/* little-endian: the low bytes */
		cr_expect(read_is_bad(rec, a.n, NULL), "%s (at %zu) taken", cases[i].what, at);
		policy_free(&got);
	}
	free(rec);
	policy_free(&base);
	free(a.p);
}

Test(policyrecord, a_string_with_a_nul_is_bad)
{
	struct policyrecord_buf a;

	make_policy(&base);
	free(base.name);
	base.name = xstrdup("ab");
	a = record_of(&base);
	a.p[4 + 1] = '\0';	/* after the name's u32 length: "a\0" */
	cr_expect(read_is_bad(a.p, a.n, NULL));
	policy_free(&got);
	policy_free(&base);
	free(a.p);
}

Test(policyrecord, an_entry_naming_a_missing_argument_rule_is_bad)
{
	struct policyrecord_buf a;

	make_policy(&base);
	base.sys[ABI_X86_64][9].arg_rule = 1;	/* there is one rule: index 0 */
	a = record_of(&base);
	cr_expect(read_is_bad(a.p, a.n, NULL));
	policy_free(&got);
	base.sys[ABI_X86_64][9].arg_rule = -1;
	free(a.p);
	a = record_of(&base);
	cr_expect(read_is_bad(a.p, a.n, NULL));
	policy_free(&got);
	policy_free(&base);
	free(a.p);
}

/*
 * The syscall entries as the writer puts them: in table order, each once,
 * none all zero.  Otherwise n entries would be read into fewer, or in
 * another order, and the policy would not be the record's (fuzz_policyrecord
 * found such records taken).  make_policy's entries: x86_64 0, 2 and 9.
 */
Test(policyrecord, entries_out_of_order_repeated_or_empty_are_bad)
{
	enum { ENTRY = 1 + 2 + sizeof(struct sys_entry) };	/* u8 abi, u16 nr, the entry */
	struct policyrecord_buf a;
	unsigned char *rec;
	size_t first;
	uint16_t nr;

	make_policy(&base);
	a = record_of(&base);
	first = where(&a, other_n_entries) + 4;	/* after the count */
	rec = xmalloc(a.n);
	memcpy(&nr, a.p + first + 1, 2);
	cr_assert_eq(nr, 0, "the first entry is not where it was looked for");
	cr_assert_not(read_is_bad(a.p, a.n, NULL));
	policy_free(&got);

	/* the second entry (nr 2) names nr 0 again: it would overwrite the first */
	memcpy(rec, a.p, a.n);
	memcpy(rec + first + ENTRY, rec + first, ENTRY);
	cr_expect(read_is_bad(rec, a.n, NULL), "a repeated entry taken");
	policy_free(&got);

	/* the first two swapped */
	memcpy(rec, a.p, a.n);
	memcpy(rec + first, a.p + first + ENTRY, ENTRY);
	memcpy(rec + first + ENTRY, a.p + first, ENTRY);
	cr_expect(read_is_bad(rec, a.n, NULL), "entries out of order taken");
	policy_free(&got);

	/* the first (SYS_ALLOW, nothing else) made all zero */
	memcpy(rec, a.p, a.n);
	memset(rec + first + 3, 0, sizeof(struct sys_entry));
	cr_expect(read_is_bad(rec, a.n, NULL), "an entry that says nothing taken");
	policy_free(&got);

	free(rec);
	policy_free(&base);
	free(a.p);
}
