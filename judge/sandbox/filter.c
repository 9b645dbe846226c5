#include "filter.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "guard.h"
#include "rawsys.h"
#include "util.h"

#define MAX_INSNS 4096	/* BPF_MAXINSNS */
/* FUTEX_CMD_MASK: the op without FUTEX_PRIVATE_FLAG (128) and FUTEX_CLOCK_REALTIME (256) */
#define FUTEX_CMD_MASK_BITS 0x7f

struct prog {
	struct sock_filter *v;
	size_t n;
	bool overflow;
};

static size_t emit(struct prog *p, struct sock_filter ins)
{
	if (p->n >= MAX_INSNS) {
		p->overflow = true;
		return p->n;
	}
	p->v[p->n] = ins;
	return p->n++;
}

#define STMT(code, k) ((struct sock_filter)BPF_STMT(code, k))
#define JUMP(code, k, jt, jf) ((struct sock_filter)BPF_JUMP(code, k, jt, jf))
#define LD_NR STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr))
#define RET(k) STMT(BPF_RET | BPF_K, k)
#define ARG_LO(i) STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args) + 8 * (i))
#define ARG_HI(i) STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args) + 8 * (i) + 4)

/* A far jump: conditional jumps reach only 255 instructions, BPF_JA 2^32. */
static void patch_ja(struct prog *p, size_t at, size_t target)
{
	if (!p->overflow)
		p->v[at].k = (uint32_t)(target - at - 1);
}

static uint32_t action_of(const struct policy *pol, enum filter_mode mode, enum abi a,
			  long nr)
{
	struct sys_entry e = policy_lookup(pol, a, nr);
	unsigned props = sysprops(a, nr);

	/* The launch itself is an execve; the tracer tells it from the program's. */
	if (props & SYSP_EXEC)
		return SECCOMP_RET_TRACE;
	if (mode == FILTER_TRACE_ALL)
		return SECCOMP_RET_TRACE;
	/* Never the program's choice: see decide_syscall(). */
	if (props & SYSP_RESTART)
		return SECCOMP_RET_ALLOW;
	switch (e.action) {
	case SYS_ALLOW: return SECCOMP_RET_ALLOW;
	case SYS_RULE: return SECCOMP_RET_TRACE;
	case SYS_ERRNO: return SECCOMP_RET_ERRNO | ((uint32_t)e.err & SECCOMP_RET_DATA);
	default: return SECCOMP_RET_TRAP;
	}
}

/* Which argument of an allowed allocation syscall holds the length, or -1. */
static int alloc_len_arg(unsigned props)
{
	if (props & SYSP_ALLOC_LEN1)
		return 1;
	if (props & SYSP_ALLOC_LEN2)
		return 2;
	return -1;
}

/*
 * An argument rule simple enough for the kernel to decide: a short list of
 * values, or a mask.  Matching calls then run without a stop (glibc's
 * prlimit64 read of RLIMIT_STACK in every program); the rest still go to the
 * tracer, which gives the RF and its reason.
 */
static const struct arg_rule *kernel_arg_rule(const struct policy *pol, enum filter_mode mode,
					      enum abi a, long nr)
{
	struct sys_entry e = policy_lookup(pol, a, nr);
	const struct arg_rule *r;

	if (mode != FILTER_SECCOMP || e.action != SYS_RULE || e.rule != RULE_ARG ||
	    e.arg_rule < 0 || (size_t)e.arg_rule >= pol->n_arg_rules)
		return NULL;
	r = &pol->arg_rules[e.arg_rule];
	if ((r->n_values && !r->has_mask && r->n_values <= 8) || (!r->n_values && r->has_mask))
		return r;
	return NULL;
}

/* Instructions emit_arg_rule() takes. */
static size_t arg_rule_len(const struct arg_rule *r)
{
	return r->n_values ? 5 * r->n_values + 1 : 6;
}

/* The body for one nr (already matched): every path returns. */
static void emit_arg_rule(struct prog *p, const struct arg_rule *r)
{
	/* a refused call with an "else" errno fails here; an RF needs the tracer's reason */
	uint32_t refuse = r->else_err ? SECCOMP_RET_ERRNO | ((uint32_t)r->else_err & SECCOMP_RET_DATA)
				      : SECCOMP_RET_TRACE;

	if (r->n_values) {
		for (size_t i = 0; i < r->n_values; i++) {
			emit(p, ARG_LO(r->arg));
			emit(p, JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)r->values[i], 0, 3));
			emit(p, ARG_HI(r->arg));
			emit(p, JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)(r->values[i] >> 32), 0, 1));
			emit(p, RET(SECCOMP_RET_ALLOW));
		}
		emit(p, RET(refuse));
		return;
	}
	/* no bit outside the mask, in either half */
	emit(p, ARG_LO(r->arg));
	emit(p, JUMP(BPF_JMP | BPF_JSET | BPF_K, ~(uint32_t)r->mask, 3, 0));
	emit(p, ARG_HI(r->arg));
	emit(p, JUMP(BPF_JMP | BPF_JSET | BPF_K, ~(uint32_t)(r->mask >> 32), 1, 0));
	emit(p, RET(SECCOMP_RET_ALLOW));
	emit(p, RET(refuse));
}

#define ALLOC_LEN 7	/* instructions emit_alloc() takes */

/* The body for an allowed mmap/mremap: big lengths go to the tracer, the rest run. */
static void emit_alloc(struct prog *p, int len_arg)
{
	emit(p, ARG_HI(len_arg));
	emit(p, JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0));
	emit(p, RET(SECCOMP_RET_TRACE));
	emit(p, ARG_LO(len_arg));
	emit(p, JUMP(BPF_JMP | BPF_JGE | BPF_K, FILTER_BIG_ALLOC, 0, 1));
	emit(p, RET(SECCOMP_RET_TRACE));
	emit(p, RET(SECCOMP_RET_ALLOW));
}

/*
 * The harmless case of a guarded syscall (guard.h), decided here: it falls
 * through to the syscall's own outcome; anything else goes to the tracer.
 * Returns the instructions emitted, or with p NULL, the count it would emit.
 */
static size_t emit_guard(struct prog *p, const struct guard *g)
{
	struct sock_filter v[8];
	size_t n = 0;

#define G(ins) (v[n++] = (ins))
	switch (g->kind) {
	case GUARD_PID:		/* 0: the caller */
		G(ARG_LO(g->arg));
		G(JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0));
		break;
	case GUARD_SETPGID:	/* setpgid(0, 0) */
	case GUARD_PRIO:	/* (PRIO_PROCESS, 0) */
	case GUARD_IOPRIO:	/* (IOPRIO_WHO_PROCESS, 0) */
		G(ARG_LO(0));
		G(JUMP(BPF_JMP | BPF_JEQ | BPF_K, g->kind == GUARD_IOPRIO, 0, 2));
		G(ARG_LO(1));
		G(JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0));
		break;
	case GUARD_CLOCK:	/* a static clock: no sign bit */
		G(ARG_LO(0));
		G(JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x80000000u, 0, 1));
		break;
	case GUARD_FUTEX:	/* no PI op: not 6..8 (LOCK_PI, UNLOCK_PI, TRYLOCK_PI), not 11..13 */
		G(ARG_LO(1));
		G(STMT(BPF_ALU | BPF_AND | BPF_K, FUTEX_CMD_MASK_BITS));
		G(JUMP(BPF_JMP | BPF_JGE | BPF_K, 6, 0, 4));
		G(JUMP(BPF_JMP | BPF_JGE | BPF_K, 9, 0, 2));
		G(JUMP(BPF_JMP | BPF_JGE | BPF_K, 11, 0, 2));
		G(JUMP(BPF_JMP | BPF_JGE | BPF_K, 14, 1, 0));
		break;
	case GUARD_FCNTL:	/* not F_SETOWN, F_SETOWN_EX, F_SETPIPE_SZ */
		G(ARG_LO(1));
		G(JUMP(BPF_JMP | BPF_JEQ | BPF_K, 8, 2, 0));
		G(JUMP(BPF_JMP | BPF_JEQ | BPF_K, 15, 1, 0));
		G(JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1031, 0, 1));
		break;
	case GUARD_MMAP:	/* not MAP_SHARED | MAP_ANONYMOUS */
		G(ARG_LO(3));
		G(STMT(BPF_ALU | BPF_AND | BPF_K, 0x21));
		G(JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x21, 0, 1));
		break;
	default:		/* the target is never 0 or lies in memory: always the tracer */
		break;
	}
	G(RET(SECCOMP_RET_TRACE));
#undef G
	if (p)
		for (size_t i = 0; i < n; i++)
			emit(p, v[i]);
	return n;
}

/* Whether a guard leaves nothing for the kernel to decide: then only the tracer. */
static bool guard_always_traces(const struct guard *g)
{
	return emit_guard(NULL, g) == 1;
}

/* A run of numbers [lo, next segment's lo) with one outcome. */
struct seg {
	uint32_t lo;
	uint32_t act;			/* a SECCOMP_RET_* value, when neither below */
	int len_arg;			/* >= 0: an allowed allocation, see emit_alloc() */
	const struct arg_rule *rule;	/* a rule the kernel decides, see emit_arg_rule() */
	const struct guard *guard;	/* checked first, see emit_guard() */
};

static size_t leaf_len(const struct seg *s)
{
	return (s->guard ? emit_guard(NULL, s->guard) : 0) +
	       (s->rule ? arg_rule_len(s->rule) : s->len_arg >= 0 ? ALLOC_LEN : 1);
}

/* Instructions emit_tree() takes for segments l..r. */
static size_t tree_len(const struct seg *s, size_t l, size_t r)
{
	size_t mid, left;

	if (l == r)
		return leaf_len(&s[l]);
	mid = (l + r + 1) / 2;
	left = tree_len(s, l, mid - 1);
	return 1 + (left > 255) + left + tree_len(s, mid, r);
}

/*
 * A binary search over the segments' lower bounds, with nr in the
 * accumulator: a dozen comparisons at most on any path, where a linear chain
 * took hundreds.  It matters twice: for syscalls the kernel cannot cache
 * (those with argument checks or the tracer), and when the filter is
 * installed, as the kernel then runs it once per syscall number to build its
 * action cache.
 */
static void emit_tree(struct prog *p, const struct seg *s, size_t l, size_t r)
{
	size_t mid, left;

	if (l == r) {
		if (s[l].guard)
			emit_guard(p, s[l].guard);
		if (s[l].rule)
			emit_arg_rule(p, s[l].rule);
		else if (s[l].len_arg >= 0)
			emit_alloc(p, s[l].len_arg);
		else
			emit(p, RET(s[l].act));
		return;
	}
	mid = (l + r + 1) / 2;
	left = tree_len(s, l, mid - 1);
	if (left > 255) {
		/* too far for a conditional jump: through an unconditional one */
		emit(p, JUMP(BPF_JMP | BPF_JGE | BPF_K, s[mid].lo, 0, 1));
		emit(p, STMT(BPF_JMP | BPF_JA, (uint32_t)left));
	} else {
		emit(p, JUMP(BPF_JMP | BPF_JGE | BPF_K, s[mid].lo, (uint8_t)left, 0));
	}
	emit_tree(p, s, l, mid - 1);
	emit_tree(p, s, mid, r);
}

/*
 * One ABI's table, with nr already loaded in the accumulator.  Runs of equal
 * action become one range test; the default action closes the block.
 */
static void emit_table(struct prog *p, const struct policy *pol, enum filter_mode mode, enum abi a)
{
	long count = syscalls_count(a);
	uint32_t dflt = mode == FILTER_TRACE_ALL ? SECCOMP_RET_TRACE :
		pol->default_action.kill ? SECCOMP_RET_TRAP :
		SECCOMP_RET_ERRNO | ((uint32_t)pol->default_action.err & SECCOMP_RET_DATA);
	struct seg *s = xcalloc((size_t)count + 1, sizeof(*s));
	size_t n = 0;

	for (long nr = 0; nr < count; nr++) {
		uint32_t act = action_of(pol, mode, a, nr);
		struct seg cur = { (uint32_t)nr, act, -1, kernel_arg_rule(pol, mode, a, nr), NULL };

		if (!cur.rule && act == SECCOMP_RET_ALLOW)
			cur.len_arg = alloc_len_arg(sysprops(a, nr));
		/* what runs without the tracer may still have to name only the program's tasks */
		if (mode == FILTER_SECCOMP && (act == SECCOMP_RET_ALLOW || cur.rule))
			cur.guard = guard_of(a, nr);
		if (cur.guard && guard_always_traces(cur.guard))
			cur = (struct seg){ (uint32_t)nr, SECCOMP_RET_TRACE, -1, NULL, NULL };
		/* a plain number joins the run before it when the outcome is the same */
		if (n && !cur.rule && !cur.guard && cur.len_arg < 0 && !s[n - 1].rule &&
		    !s[n - 1].guard && s[n - 1].len_arg < 0 && s[n - 1].act == cur.act)
			continue;
		s[n++] = cur;
	}
	/* numbers past the table: the default */
	if (!n || s[n - 1].rule || s[n - 1].guard || s[n - 1].len_arg >= 0 || s[n - 1].act != dflt)
		s[n++] = (struct seg){ (uint32_t)count, dflt, -1, NULL, NULL };
	emit_tree(p, s, 0, n - 1);
	free(s);
}

int filter_compile(const struct policy *pol, enum filter_mode mode, struct filter *out,
		   struct jerr *err)
{
	struct prog p = { xcalloc(MAX_INSNS, sizeof(struct sock_filter)), 0, false };
	size_t ja_not64, ja_x32 = 0;

	emit(&p, STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)));
	emit(&p, JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0));
	ja_not64 = emit(&p, STMT(BPF_JMP | BPF_JA, 0));

	/* x86_64, and x32 which shares its arch value */
	emit(&p, LD_NR);
	emit(&p, JUMP(BPF_JMP | BPF_JGE | BPF_K, (uint32_t)ABI_X32_BIT, 0, 1));
	if (pol->abis[ABI_X32])
		ja_x32 = emit(&p, STMT(BPF_JMP | BPF_JA, 0));
	else
		emit(&p, RET(SECCOMP_RET_TRAP));
	if (pol->abis[ABI_X86_64])
		emit_table(&p, pol, mode, ABI_X86_64);
	else
		emit(&p, RET(SECCOMP_RET_TRAP));

	if (pol->abis[ABI_X32]) {
		patch_ja(&p, ja_x32, p.n);
		emit(&p, STMT(BPF_ALU | BPF_AND | BPF_K, (uint32_t)~ABI_X32_BIT));
		emit_table(&p, pol, mode, ABI_X32);
	}

	patch_ja(&p, ja_not64, p.n);
	if (pol->abis[ABI_I386]) {
		emit(&p, JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_I386, 1, 0));
		emit(&p, RET(SECCOMP_RET_TRAP));
		emit(&p, LD_NR);
		emit_table(&p, pol, mode, ABI_I386);
	} else {
		emit(&p, RET(SECCOMP_RET_TRAP));
	}

	if (p.overflow) {
		free(p.v);
		jerr_set(err, pol->file, "", "policy compiles to more than %d BPF instructions", MAX_INSNS);
		return -1;
	}
	out->insns = p.v;
	out->len = (unsigned short)p.n;
	out->cached = 0;
	return 0;
}

/* ==== The cache of compiled programs ==== */

/*
 * An entry holds a copy of everything filter_compile reads from a policy,
 * and is taken only when all of it is equal, compared in full (a digest
 * could collide; this cannot).  users counts the plans holding the program:
 * only an entry nobody holds is replaced.
 */
#define CACHE_SLOTS 4

struct cached {
	bool used;
	int users;
	enum filter_mode mode;
	bool abis[ABI_COUNT];
	struct deny_action dflt;
	struct sys_entry (*sys)[SYSCALLS_MAX];
	struct arg_rule *arg_rules;
	size_t n_arg_rules;
	struct filter flt;
};

static struct cached cache[CACHE_SLOTS];

static bool cache_matches(const struct cached *c, const struct policy *pol, enum filter_mode mode)
{
	return c->used && c->mode == mode && !memcmp(c->abis, pol->abis, sizeof(c->abis)) &&
	       c->dflt.kill == pol->default_action.kill && c->dflt.err == pol->default_action.err &&
	       c->n_arg_rules == pol->n_arg_rules &&
	       (!pol->n_arg_rules ||
		!memcmp(c->arg_rules, pol->arg_rules, pol->n_arg_rules * sizeof(*pol->arg_rules))) &&
	       !memcmp(c->sys, pol->sys, sizeof(pol->sys));
}

static void cache_drop(struct cached *c)
{
	free(c->flt.insns);
	free(c->sys);
	free(c->arg_rules);
	memset(c, 0, sizeof(*c));
}

/* What cache_matches compares, copied from the policy the slot's program was made for. */
static void cache_key_from(struct cached *c, const struct policy *pol, enum filter_mode mode)
{
	c->mode = mode;
	memcpy(c->abis, pol->abis, sizeof(c->abis));
	c->dflt = pol->default_action;
	c->sys = xmalloc(sizeof(pol->sys));
	memcpy(c->sys, pol->sys, sizeof(pol->sys));
	c->n_arg_rules = pol->n_arg_rules;
	c->arg_rules = pol->n_arg_rules ? xmalloc(pol->n_arg_rules * sizeof(*pol->arg_rules)) : NULL;
	if (pol->n_arg_rules)
		memcpy(c->arg_rules, pol->arg_rules, pol->n_arg_rules * sizeof(*pol->arg_rules));
}

int filter_compile_cached(const struct policy *pol, enum filter_mode mode, struct filter *out,
			  struct jerr *err)
{
	struct cached *c = NULL;

	for (int i = 0; i < CACHE_SLOTS; i++) {
		if (cache_matches(&cache[i], pol, mode)) {
			cache[i].users++;
			*out = cache[i].flt;
			out->cached = (short)(i + 1);
			return 0;
		}
		if (!c && !cache[i].used)
			c = &cache[i];
	}
	for (int i = 0; i < CACHE_SLOTS && !c; i++)
		if (!cache[i].users)
			c = &cache[i];
	if (!c)		/* every entry held by a plan: compile one of the caller's own */
		return filter_compile(pol, mode, out, err);
	if (c->used)
		cache_drop(c);
	if (filter_compile(pol, mode, &c->flt, err) < 0) {
		memset(c, 0, sizeof(*c));
		return -1;
	}
	c->used = true;
	c->users = 1;
	cache_key_from(c, pol, mode);
	*out = c->flt;
	out->cached = (short)(c - cache + 1);
	return 0;
}

void filter_cache_offer(const struct policy *pol, enum filter_mode mode, const struct sock_filter *insns,
			size_t len)
{
	static int next;
	struct cached *c = NULL;

	if (!len || len > MAX_INSNS)
		return;
	for (int i = 0; i < CACHE_SLOTS; i++) {
		if (cache_matches(&cache[i], pol, mode))
			return;
		if (!c && !cache[i].used)
			c = &cache[i];
	}
	/* a process that loads many policies (the language of a source) keeps the last ones */
	for (int i = 0; i < CACHE_SLOTS && !c; i++, next = (next + 1) % CACHE_SLOTS)
		if (!cache[next].users)
			c = &cache[next];
	if (!c)
		return;
	if (c->used)
		cache_drop(c);
	c->flt.insns = xmalloc(len * sizeof(*insns));
	memcpy(c->flt.insns, insns, len * sizeof(*insns));
	c->flt.len = (unsigned short)len;
	c->used = true;
	cache_key_from(c, pol, mode);
}

void filter_free(struct filter *f)
{
	if (f->insns && f->cached > 0 && f->cached <= CACHE_SLOTS)
		cache[f->cached - 1].users--;
	else
		free(f->insns);
	f->insns = NULL;
	f->len = 0;
	f->cached = 0;
}

int filter_install_raw(const struct filter *f)
{
	struct sock_fprog prog = { f->len, f->insns };

	return (int)RAWSYS(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

int filter_install(const struct filter *f)
{
	int r = filter_install_raw(f);

	if (r < 0) {
		errno = -r;
		return -1;
	}
	return 0;
}
