#include "tracelog.h"

#include "policy.h"
#include "syscalls.h"

void tracelog_syscall(FILE *f, pid_t pid, enum abi a, long nr, const uint64_t args[6],
		      const struct decision *d)
{
	char nbuf[32];
	const char *name = syscalls_name_or_nr(a, nr, nbuf, sizeof(nbuf));

	fprintf(f, "%d %s %s(%#llx, %#llx, %#llx, %#llx, %#llx, %#llx) = ", pid, abi_name(a), name,
		(unsigned long long)args[0], (unsigned long long)args[1],
		(unsigned long long)args[2], (unsigned long long)args[3],
		(unsigned long long)args[4], (unsigned long long)args[5]);
	switch (d->kind) {
	case DECIDE_ALLOW:
		fputs("allow", f);
		break;
	case DECIDE_ERRNO:
		fprintf(f, "errno %s", policy_errno_name(d->err));
		break;
	case DECIDE_KILL:
		fputs("kill", f);
		break;
	}
	if (d->detail[0])
		fprintf(f, " %s", d->detail);
	fputc('\n', f);
}
