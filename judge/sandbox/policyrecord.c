#include "policyrecord.h"

#include <stddef.h>
#include <stdlib.h>

/*** Writing ***/

void policyrecord_put(struct policyrecord_buf *b, const void *data, size_t len)
{
	if (b->n + len > b->cap) {
		while (b->n + len > b->cap)
			b->cap = b->cap ? 2 * b->cap : 4096;
		b->p = xrealloc(b->p, b->cap);
	}
	if (len)
		memcpy(b->p + b->n, data, len);
	b->n += len;
}

void policyrecord_put_bytes(struct policyrecord_buf *b, const void *data, size_t len)
{
	POLICYRECORD_PUT(b, (uint32_t)len);
	policyrecord_put(b, data, len);
}

void policyrecord_put_str(struct policyrecord_buf *b, const char *s)
{
	policyrecord_put_bytes(b, s, strlen(s));
}

static void put_opt(struct policyrecord_buf *b, const char *s)
{
	POLICYRECORD_PUT(b, (uint8_t)(s != NULL));
	if (s)
		policyrecord_put_str(b, s);
}

static void put_list(struct policyrecord_buf *b, const struct strlist *l)
{
	POLICYRECORD_PUT(b, (uint32_t)l->n);
	for (size_t i = 0; i < l->n; i++)
		policyrecord_put_str(b, l->v[i]);
}

static void put_deny(struct policyrecord_buf *b, struct deny_action d)
{
	POLICYRECORD_PUT(b, (uint8_t)d.kill);
	POLICYRECORD_PUT(b, (int32_t)d.err);
}

/* An entry of the syscall table that is not all zero: the only ones in a record. */
static bool says_something(const struct sys_entry *e)
{
	return e->action != SYS_DEFAULT || e->err || e->rule || e->arg_rule;
}

/*
 * A field added to struct policy must be stored here, read in
 * policyrecord_get_policy and compared in test_policycache.c; this stops
 * the build until it is.
 */
_Static_assert(sizeof(struct policy) == 24792 && offsetof(struct policy, sys) == 100,
	       "struct policy changed: update policyrecord.c and test_policycache.c");

/*
 *   str name, str file, opt description, opt compile_policy
 *       (opt: u8 present, then the str when it is)
 *   7 lists: extensions, compile, run, env, files_read, files_write,
 *       files_exec (u32 n, n x str)
 *   ABI_COUNT x u8 abis
 *   u32 n, n x { u8 abi, u16 nr, struct sys_entry }
 *   default_action, files_deny (u8 kill, i32 err)
 *   i32 processes, i32 threads, u32 mem_rlimit, i64 runtime_memory_kib,
 *       i32 memory_exit_code
 *   u32 n, n x { i32 arg, u32 nv, nv x u64, u8 has_mask, u64 mask, i32 else_err }
 */
void policyrecord_put_policy(struct policyrecord_buf *b, const struct policy *p)
{
	uint32_t n = 0;

	policyrecord_put_str(b, p->name);
	policyrecord_put_str(b, p->file);
	put_opt(b, p->description);
	put_opt(b, p->compile_policy);
	put_list(b, &p->extensions);
	put_list(b, &p->compile);
	put_list(b, &p->run);
	put_list(b, &p->env);
	put_list(b, &p->files_read);
	put_list(b, &p->files_write);
	put_list(b, &p->files_exec);
	for (int a = 0; a < ABI_COUNT; a++)
		POLICYRECORD_PUT(b, (uint8_t)p->abis[a]);
	/* only the entries that say something: some hundreds of the 3 x 1024 */
	for (int a = 0; a < ABI_COUNT; a++)
		for (int nr = 0; nr < SYSCALLS_MAX; nr++)
			n += says_something(&p->sys[a][nr]);
	POLICYRECORD_PUT(b, n);
	for (int a = 0; a < ABI_COUNT; a++)
		for (int nr = 0; nr < SYSCALLS_MAX; nr++) {
			const struct sys_entry *e = &p->sys[a][nr];

			if (!says_something(e))
				continue;
			POLICYRECORD_PUT(b, (uint8_t)a);
			POLICYRECORD_PUT(b, (uint16_t)nr);
			policyrecord_put(b, e, sizeof(*e));
		}
	put_deny(b, p->default_action);
	put_deny(b, p->files_deny);
	POLICYRECORD_PUT(b, (int32_t)p->processes);
	POLICYRECORD_PUT(b, (int32_t)p->threads);
	POLICYRECORD_PUT(b, (uint32_t)p->mem_rlimit);
	POLICYRECORD_PUT(b, (int64_t)p->runtime_memory_kib);
	POLICYRECORD_PUT(b, (int32_t)p->memory_exit_code);
	POLICYRECORD_PUT(b, (uint32_t)p->n_arg_rules);
	for (size_t i = 0; i < p->n_arg_rules; i++) {
		const struct arg_rule *r = &p->arg_rules[i];

		POLICYRECORD_PUT(b, (int32_t)r->arg);
		POLICYRECORD_PUT(b, (uint32_t)r->n_values);
		policyrecord_put(b, r->values, r->n_values * sizeof(r->values[0]));
		POLICYRECORD_PUT(b, (uint8_t)r->has_mask);
		POLICYRECORD_PUT(b, (uint64_t)r->mask);
		POLICYRECORD_PUT(b, (int32_t)r->else_err);
	}
}

/*** Reading ***/

const void *policyrecord_take(struct policyrecord_cur *c, size_t n)
{
	const void *r = c->p;

	if (c->bad || n > c->left) {
		c->bad = true;
		return NULL;
	}
	c->p += n;
	c->left -= n;
	return r;
}

const void *policyrecord_get_bytes(struct policyrecord_cur *c, uint32_t *len)
{
	POLICYRECORD_GET(c, *len);
	return policyrecord_take(c, *len);
}

/* A string holds no NUL: it becomes a C string. */
char *policyrecord_get_str(struct policyrecord_cur *c)
{
	uint32_t len;
	const char *s = policyrecord_get_bytes(c, &len);

	if (!s || memchr(s, '\0', len)) {
		c->bad = true;
		return NULL;
	}
	return xstrndup(s, len);
}

static char *get_opt(struct policyrecord_cur *c)
{
	uint8_t has;

	POLICYRECORD_GET(c, has);
	c->bad |= has > 1;
	return has == 1 ? policyrecord_get_str(c) : NULL;
}

static void get_list(struct policyrecord_cur *c, struct strlist *l)
{
	uint32_t n;

	POLICYRECORD_GET(c, n);
	/* each string takes at least its length: a count beyond what is left is a lie */
	if (n > c->left / 4) {
		c->bad = true;
		return;
	}
	for (uint32_t i = 0; i < n && !c->bad; i++) {
		char *s = policyrecord_get_str(c);

		if (s)
			strlist_push(l, s);
		free(s);
	}
}

static struct deny_action get_deny(struct policyrecord_cur *c)
{
	uint8_t kill;
	int32_t err;

	POLICYRECORD_GET(c, kill);
	POLICYRECORD_GET(c, err);
	if (kill > 1)
		c->bad = true;
	return (struct deny_action){ .kill = kill, .err = err };
}

void policyrecord_get_policy(struct policyrecord_cur *c, struct policy *p)
{
	uint32_t n, mem;
	int32_t i32;
	int64_t i64;

	p->name = policyrecord_get_str(c);
	p->file = policyrecord_get_str(c);
	p->description = get_opt(c);
	p->compile_policy = get_opt(c);
	get_list(c, &p->extensions);
	get_list(c, &p->compile);
	get_list(c, &p->run);
	get_list(c, &p->env);
	get_list(c, &p->files_read);
	get_list(c, &p->files_write);
	get_list(c, &p->files_exec);
	for (int a = 0; a < ABI_COUNT; a++) {
		uint8_t on;

		POLICYRECORD_GET(c, on);
		c->bad |= on > 1;
		p->abis[a] = on;
	}
	POLICYRECORD_GET(c, n);
	for (uint32_t i = 0, next = 0; i < n && !c->bad; i++) {
		uint8_t a;
		uint16_t nr;
		struct sys_entry e;

		POLICYRECORD_GET(c, a);
		POLICYRECORD_GET(c, nr);
		POLICYRECORD_GET(c, e);
		/*
		 * The writer goes through the table in order and leaves out the
		 * entries that say nothing.  An entry before the last one's place
		 * would overwrite it or sit out of order: the policy would not be
		 * the record's (n entries read into fewer), so that is corrupt too.
		 */
		if (a >= ABI_COUNT || nr >= SYSCALLS_MAX || (uint32_t)a * SYSCALLS_MAX + nr < next ||
		    !says_something(&e) || e.action > SYS_KILL || e.rule > RULE_ARG) {
			c->bad = true;
			break;
		}
		next = (uint32_t)a * SYSCALLS_MAX + nr + 1;
		p->sys[a][nr] = e;
	}
	p->default_action = get_deny(c);
	p->files_deny = get_deny(c);
	POLICYRECORD_GET(c, i32);
	p->processes = i32;
	POLICYRECORD_GET(c, i32);
	p->threads = i32;
	POLICYRECORD_GET(c, mem);
	c->bad |= mem > MEM_RLIMIT_DATA;
	p->mem_rlimit = (enum mem_rlimit)mem;
	POLICYRECORD_GET(c, i64);
	p->runtime_memory_kib = i64;
	POLICYRECORD_GET(c, i32);
	p->memory_exit_code = i32;
	POLICYRECORD_GET(c, n);
	if (c->bad || n > c->left / 8)
		return (void)(c->bad = true);
	p->n_arg_rules = n;
	p->arg_rules = n ? xcalloc(n, sizeof(*p->arg_rules)) : NULL;
	for (uint32_t i = 0; i < n && !c->bad; i++) {
		struct arg_rule *r = &p->arg_rules[i];
		uint32_t nv;
		uint8_t has;
		const void *v;

		POLICYRECORD_GET(c, i32);
		r->arg = i32;
		POLICYRECORD_GET(c, nv);
		if (nv > ARRAY_SIZE(r->values) || i32 < 0 || i32 > 5) {
			c->bad = true;
			break;
		}
		r->n_values = nv;
		v = policyrecord_take(c, nv * sizeof(r->values[0]));
		if (v)
			memcpy(r->values, v, nv * sizeof(r->values[0]));
		POLICYRECORD_GET(c, has);
		c->bad |= has > 1;
		r->has_mask = has;
		POLICYRECORD_GET(c, r->mask);
		POLICYRECORD_GET(c, i32);
		r->else_err = i32;
	}
	/* every RULE_ARG entry must point at a rule that exists */
	for (int a = 0; a < ABI_COUNT && !c->bad; a++)
		for (int nr = 0; nr < SYSCALLS_MAX; nr++)
			if (p->sys[a][nr].action == SYS_RULE && p->sys[a][nr].rule == RULE_ARG &&
			    (p->sys[a][nr].arg_rule < 0 || (size_t)p->sys[a][nr].arg_rule >= p->n_arg_rules)) {
				c->bad = true;
				break;
			}
}
