#ifndef JUDGE_FILTER_H
#define JUDGE_FILTER_H

#include <linux/filter.h>
#include <stdbool.h>

#include "policy.h"

/*
 * The kernel half of a policy: a seccomp-bpf program built in the parent
 * (where it may allocate and fail with a message) and installed by the child
 * just before execve.  Its shape, per architecture field:
 *
 *   arch not x86_64/i386, or an ABI the policy does not admit -> TRAP (RF)
 *   x86_64 number with the x32 bit                 -> x32 table (or TRAP)
 *   nr allowed outright                            -> ALLOW, no argument test,
 *                                                     so the kernel's action
 *                                                     cache skips the program
 *   nr with an argument rule                       -> TRACE: decide.c looks
 *   nr denied with an errno                        -> ERRNO(e) in the kernel
 *   nr forbidden                                   -> TRAP: the SIGSYS stop
 *                                                     names nr and arch, RF
 *   mmap/mremap asking for >= FILTER_BIG_ALLOC     -> TRACE, to see a refusal
 *
 * In FILTER_TRACE_ALL (--mode ptrace) every number of an admitted ABI goes
 * to the tracer and decide.c applies the whole policy itself.
 */
enum filter_mode { FILTER_SECCOMP, FILTER_TRACE_ALL };

#define FILTER_BIG_ALLOC (16L << 20)

struct filter {
	struct sock_filter *insns;
	unsigned short len;
	short cached;		/* 0: owned (filter_free frees it); else 1 + its slot in the cache */
};

int filter_compile(const struct policy *p, enum filter_mode mode, struct filter *out,
		   struct jerr *err);
/*
 * As filter_compile, but the program comes from this process's cache when
 * a policy with the same syscall table, ABIs, default action and argument
 * rules was compiled in the same mode before (judge test, grade and a
 * worker's slot run one policy for test after test).  The result is shared:
 * filter_free gives it back rather than freeing it.
 */
int filter_compile_cached(const struct policy *p, enum filter_mode mode, struct filter *out,
			  struct jerr *err);
/*
 * Puts a program compiled earlier for an equal policy (policycache.c keeps
 * them across processes) into that cache, unless every slot is held.
 */
void filter_cache_offer(const struct policy *p, enum filter_mode mode, const struct sock_filter *insns,
			size_t len);
void filter_free(struct filter *f);
/* Child side: only the raw seccomp syscall (rawsys.h), no allocation.  0 or -errno. */
int filter_install_raw(const struct filter *f);
/* The same, 0 or -1 with errno. */
int filter_install(const struct filter *f);

#endif
