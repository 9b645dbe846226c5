#include "sysprops.h"

#include <pthread.h>
#include <string.h>

#include "util.h"

static const struct {
	const char *name;
	unsigned props;
} props[] = {
	{ "execve", SYSP_EXEC }, { "execveat", SYSP_EXEC },
	{ "restart_syscall", SYSP_RESTART },
	{ "mmap", SYSP_ALLOC_LEN1 }, { "mmap2", SYSP_ALLOC_LEN1 },
	{ "mremap", SYSP_ALLOC_LEN2 },
	{ "fork", SYSP_FORK }, { "vfork", SYSP_FORK },
};

unsigned sysprops_of_name(const char *name)
{
	if (!name)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(props); i++)
		if (strcmp(props[i].name, name) == 0)
			return props[i].props;
	return 0;
}

static uint8_t table[ABI_COUNT][SYSCALLS_MAX];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void fill(void)
{
	/*
	 * Each name's numbers looked up, not each number's name compared with
	 * every name above: that was 13,000 strcmp calls, 1% of a one-shot run.
	 * Every number, as an ABI may give one name two.
	 */
	for (int a = 0; a < ABI_COUNT; a++)
		for (size_t i = 0; i < ARRAY_SIZE(props); i++) {
			long nrs[4];
			int n = syscalls_numbers(a, props[i].name, nrs, ARRAY_SIZE(nrs));

			for (int k = 0; k < n; k++)
				if (nrs[k] >= 0 && nrs[k] < SYSCALLS_MAX)
					table[a][nrs[k]] = (uint8_t)props[i].props;
		}
}

void sysprops_init(void)
{
	pthread_once(&table_once, fill);
}

unsigned sysprops(enum abi a, long nr)
{
	if ((unsigned)a >= ABI_COUNT || nr < 0 || nr >= SYSCALLS_MAX)
		return 0;
	sysprops_init();
	return table[a][nr];
}
