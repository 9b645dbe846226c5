#ifndef JUDGE_ELF_H
#define JUDGE_ELF_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

/*
 * What the judge needs to know about a program before it starts it: which
 * system-call ABI it will enter the kernel with (so that the filter allows
 * that one and kills the others), whether a dynamic loader runs first, and
 * how much memory the image claims before the first instruction (a 2 GiB
 * static array is an MLE the loader would otherwise report as a bare
 * "cannot allocate" crash).
 */

enum elf_kind {
	ELF_KIND_BINARY,	/* an ELF executable */
	ELF_KIND_SCRIPT,	/* a "#!" script; the ELF fields describe its interpreter */
};

struct elf_info {
	enum elf_kind kind;
	int abi;		/* ABI_X86_64, ABI_I386 or ABI_X32 (ELFCLASS32 + EM_X86_64) */
	bool is_static;		/* no PT_INTERP */
	bool is_pie;		/* ET_DYN */
	char interp[256];	/* PT_INTERP, or the #! interpreter for scripts */
	char script_arg[256];	/* the optional single argument after the #! interpreter */
	uint64_t load_bytes;	/* sum of PT_LOAD p_memsz: a huge bss shows here */
};

/*
 * Inspects the program at `path` as execve() would see it.  For a script the
 * interpreter is followed (as the kernel does, a few levels deep) and abi,
 * is_static, is_pie and load_bytes are those of the ELF that finally runs;
 * interp and script_arg stay those of the script's own "#!" line.
 *
 * Returns 0, or -1 with a one-line message in `err` naming the file: missing,
 * not a regular file, not executable, neither ELF nor "#!", built for another
 * machine, truncated or corrupt, or a script whose interpreter fails the same
 * checks.
 */
int elf_inspect(const char *path, struct elf_info *out, struct jerr *err);

#endif
