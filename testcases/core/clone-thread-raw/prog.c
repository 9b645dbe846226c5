#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	static char stack[65536];
	long flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD;
	long tid;

	/* The child runs on the new stack and only exits. */
	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov $60, %%eax\n\t"
			 "xor %%edi, %%edi\n\t"
			 "syscall\n"
			 "1:"
			 : "=a"(tid)
			 : "a"(SYS_clone), "D"(flags), "S"(stack + sizeof(stack)), "d"(0), "r"(0)
			 : "rcx", "r11", "memory", "r10", "r8");
	if (tid > 0)
		puts("PWNED: a second thread ran");
	return tid < 0 ? 1 : 0;
}
