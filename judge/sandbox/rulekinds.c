#include "rulekinds.h"

#include <string.h>

#include "util.h"

/*
 * The kinds of argument rule and the syscalls each can apply to: what the
 * policy loader checks a "rules" entry against.  The checks themselves, made
 * while the program runs, are in rules.c.
 */

static const char *const kind_names[] = {
	[RULE_NONE] = "none",
	[RULE_PATH] = "path",
	[RULE_EXEC] = "exec",
	[RULE_CLONE] = "clone",
	[RULE_SELF] = "self",
	[RULE_ARG] = "arg",
};

enum rule_kind rules_kind_from_name(const char *name)
{
	for (unsigned k = RULE_PATH; k < ARRAY_SIZE(kind_names); k++)
		if (k != RULE_ARG && strcmp(name, kind_names[k]) == 0)
			return (enum rule_kind)k;
	return RULE_NONE;
}

const char *rules_kind_name(enum rule_kind kind)
{
	return (unsigned)kind < ARRAY_SIZE(kind_names) ? kind_names[kind] : "?";
}

/* Syscalls that take a path, and where: see rules_path_args(). */
static const char *const path_syscalls[] = {
	"open", "openat", "openat2", "creat", "stat", "lstat", "newfstatat", "statx",
	"access", "faccessat", "faccessat2", "readlink", "readlinkat", "chdir",
	"mkdir", "mkdirat", "rmdir", "unlink", "unlinkat", "truncate", "chmod",
	"fchmodat", "rename", "renameat", "renameat2", "link", "linkat", "symlink",
	"symlinkat", "utimensat", "utime", "utimes",
	"stat64", "lstat64", "fstatat64", "oldstat", "oldlstat",
};
static const char *const exec_syscalls[] = { "execve", "execveat" };
/* clone3 is absent: its flags live in memory another thread can rewrite after the check. */
static const char *const clone_syscalls[] = { "clone", "fork", "vfork" };
static const char *const self_syscalls[] = {
	"kill", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo",
	"pidfd_send_signal",
};

static bool in_list(const char *const *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

bool rules_applies(enum rule_kind kind, const char *name)
{
	switch (kind) {
	case RULE_PATH: return in_list(path_syscalls, ARRAY_SIZE(path_syscalls), name);
	case RULE_EXEC: return in_list(exec_syscalls, ARRAY_SIZE(exec_syscalls), name);
	case RULE_CLONE: return in_list(clone_syscalls, ARRAY_SIZE(clone_syscalls), name);
	case RULE_SELF: return in_list(self_syscalls, ARRAY_SIZE(self_syscalls), name);
	case RULE_ARG: return true;
	case RULE_NONE: break;
	}
	return false;
}
