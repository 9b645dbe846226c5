#ifndef JUDGE_RAWSYS_H
#define JUDGE_RAWSYS_H

/*
 * System calls that touch no memory but their own arguments: the result is
 * the kernel's, -errno on failure, and errno is never written.
 *
 * The launch's child (launch.c) runs in the judge's own memory (CLONE_VM)
 * until its execve.  glibc's wrappers, syscall() included, store a failure
 * in errno, which lives in the judge's thread-local storage: a child's
 * EEXIST could land on the judge's errno between its wait4() and its test
 * for EINTR.  So everything the child does goes through here.
 */

#if defined(__x86_64__)
static inline long rawsys6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}
#elif defined(__aarch64__)
static inline long rawsys6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a1;
	register long x1 __asm__("x1") = a2;
	register long x2 __asm__("x2") = a3;
	register long x3 __asm__("x3") = a4;
	register long x4 __asm__("x4") = a5;
	register long x5 __asm__("x5") = a6;

	__asm__ volatile("svc 0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
			 : "memory");
	return x0;
}
#else
#error "rawsys.h: no raw system call for this architecture"
#endif

#define RAWSYS_(nr, a, b, c, d, e, f, ...)                                                   \
	rawsys6((long)(nr), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))
/* RAWSYS(SYS_close, fd): up to six arguments, the missing ones 0. */
#define RAWSYS(...) RAWSYS_(__VA_ARGS__, 0, 0, 0, 0, 0, 0, 0)

#endif
