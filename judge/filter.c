#include "filter.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util.h"

#define MAX_INSNS 4096	/* BPF_MAXINSNS */

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
			  long nr, const char *name)
{
	struct sys_entry e = policy_lookup(pol, a, nr);

	/* The launch itself is an execve; the tracer tells it from the program's. */
	if (name && (strcmp(name, "execve") == 0 || strcmp(name, "execveat") == 0))
		return SECCOMP_RET_TRACE;
	if (mode == FILTER_TRACE_ALL)
		return SECCOMP_RET_TRACE;
	/* Never the program's choice: see decide_syscall(). */
	if (name && strcmp(name, "restart_syscall") == 0)
		return SECCOMP_RET_ALLOW;
	switch (e.action) {
	case SYS_ALLOW: return SECCOMP_RET_ALLOW;
	case SYS_RULE: return SECCOMP_RET_TRACE;
	case SYS_ERRNO: return SECCOMP_RET_ERRNO | ((uint32_t)e.err & SECCOMP_RET_DATA);
	default: return SECCOMP_RET_TRAP;
	}
}

/* Which argument of an allowed allocation syscall holds the length, or -1. */
static int alloc_len_arg(const char *name)
{
	if (!name)
		return -1;
	if (strcmp(name, "mmap") == 0 || strcmp(name, "mmap2") == 0)
		return 1;
	if (strcmp(name, "mremap") == 0)
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

static void emit_arg_rule(struct prog *p, long nr, const struct arg_rule *r)
{
	if (r->n_values) {
		emit(p, JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)nr, 0, (uint8_t)(5 * r->n_values + 1)));
		for (size_t i = 0; i < r->n_values; i++) {
			emit(p, ARG_LO(r->arg));
			emit(p, JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)r->values[i], 0, 3));
			emit(p, ARG_HI(r->arg));
			emit(p, JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)(r->values[i] >> 32), 0, 1));
			emit(p, RET(SECCOMP_RET_ALLOW));
		}
		emit(p, RET(SECCOMP_RET_TRACE));
		return;
	}
	/* no bit outside the mask, in either half */
	emit(p, JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)nr, 0, 6));
	emit(p, ARG_LO(r->arg));
	emit(p, JUMP(BPF_JMP | BPF_JSET | BPF_K, ~(uint32_t)r->mask, 3, 0));
	emit(p, ARG_HI(r->arg));
	emit(p, JUMP(BPF_JMP | BPF_JSET | BPF_K, ~(uint32_t)(r->mask >> 32), 1, 0));
	emit(p, RET(SECCOMP_RET_ALLOW));
	emit(p, RET(SECCOMP_RET_TRACE));
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

	for (long lo = 0; lo < count;) {
		const char *name = syscalls_name(a, lo);
		uint32_t act = action_of(pol, mode, a, lo, name);
		int len_arg = act == SECCOMP_RET_ALLOW ? alloc_len_arg(name) : -1;
		const struct arg_rule *ar = kernel_arg_rule(pol, mode, a, lo);
		long hi = lo;

		if (ar) {
			emit_arg_rule(p, lo, ar);
			lo++;
			continue;
		}
		if (len_arg >= 0) {
			/* nr == lo: big lengths go to the tracer, the rest run */
			emit(p, JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)lo, 0, 7));
			emit(p, ARG_HI(len_arg));
			emit(p, JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0));
			emit(p, RET(SECCOMP_RET_TRACE));
			emit(p, ARG_LO(len_arg));
			emit(p, JUMP(BPF_JMP | BPF_JGE | BPF_K, FILTER_BIG_ALLOC, 0, 1));
			emit(p, RET(SECCOMP_RET_TRACE));
			emit(p, RET(SECCOMP_RET_ALLOW));
			lo++;
			continue;
		}
		while (hi + 1 < count) {
			const char *n2 = syscalls_name(a, hi + 1);

			if (action_of(pol, mode, a, hi + 1, n2) != act ||
			    (act == SECCOMP_RET_ALLOW && alloc_len_arg(n2) >= 0) ||
			    kernel_arg_rule(pol, mode, a, hi + 1))
				break;
			hi++;
		}
		if (act != dflt) {
			/* nr > hi: next range; nr < lo: a gap, default; else act */
			emit(p, JUMP(BPF_JMP | BPF_JGT | BPF_K, (uint32_t)hi, 3, 0));
			emit(p, JUMP(BPF_JMP | BPF_JGE | BPF_K, (uint32_t)lo, 1, 0));
			emit(p, RET(dflt));
			emit(p, RET(act));
		}
		lo = hi + 1;
	}
	emit(p, RET(dflt));
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
	return 0;
}

void filter_free(struct filter *f)
{
	free(f->insns);
	f->insns = NULL;
	f->len = 0;
}

int filter_install(const struct filter *f)
{
	struct sock_fprog prog = { f->len, f->insns };

	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}
