#include "elf.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "abi.h"

/*
 * The kernel reads this much of a file to decide how to run it; a "#!" line
 * must fit in it (fs/binfmt_script.c, BINPRM_BUF_SIZE).
 */
#define HEAD_SIZE 256
/* binfmt_script may hand over to another script; the kernel stops at a few levels. */
#define MAX_SCRIPT_DEPTH 4

struct why {
	char msg[300];
};

static int fail(struct why *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct why *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(w->msg, sizeof(w->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static const struct {
	int machine;
	const char *name;
} machines[] = {
	{ EM_AARCH64, "aarch64" },
	{ EM_ARM, "arm" },
	{ EM_RISCV, "riscv" },
	{ EM_PPC64, "ppc64" },
	{ EM_PPC, "ppc" },
	{ EM_S390, "s390x" },
	{ EM_MIPS, "mips" },
	{ EM_SPARCV9, "sparc64" },
	{ EM_SPARC, "sparc" },
	{ EM_IA_64, "ia64" },
	{ EM_ALPHA, "alpha" },
	{ EM_PARISC, "parisc" },
	{ EM_68K, "m68k" },
	{ EM_SH, "sh" },
	{ EM_LOONGARCH, "loongarch" },
	{ EM_AVR, "avr" },
};

static const char *machine_name(int machine, char *buf, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(machines); i++)
		if (machines[i].machine == machine)
			return machines[i].name;
	snprintf(buf, len, "machine type %d", machine);
	return buf;
}

static const char *host_machine(struct utsname *u)
{
	return uname(u) == 0 ? u->machine : "x86_64";
}

/* Opens `path` for inspection after the checks execve() itself would make. */
static int open_program(const char *path, struct stat *st, struct why *w)
{
	int fd;

	if (stat(path, st) < 0) {
		if (errno == ENOENT)
			return fail(w, "no such file");
		return fail(w, "%s", strerror(errno));
	}
	if (S_ISDIR(st->st_mode))
		return fail(w, "is a directory, not a program");
	if (!S_ISREG(st->st_mode))
		return fail(w, "not a regular file");
	if (faccessat(AT_FDCWD, path, X_OK, AT_EACCESS) < 0)
		return fail(w, "not executable (mode %04o)", (unsigned)(st->st_mode & 07777));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(w, "cannot read: %s", strerror(errno));
	return fd;
}

/*
 * Splits a "#!" line the way fs/binfmt_script.c does: blanks are spaces and
 * tabs only, the interpreter runs to the next blank, and everything after it
 * (trimmed) is one argument, spaces included.
 */
static int parse_shebang(const char *head, size_t n, char *interp, char *arg, struct why *w)
{
	const char *p = head + 2, *end = memchr(head, '\n', n), *q;
	size_t len;

	if (!end) {
		if (n == HEAD_SIZE)
			return fail(w, "#! line longer than %d bytes", HEAD_SIZE - 1);
		end = head + n;
	}
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	for (q = p; q < end && *q != ' ' && *q != '\t'; q++)
		;
	len = (size_t)(q - p);
	if (len == 0)
		return fail(w, "#! line names no interpreter");
	if (memchr(p, '\0', len))
		return fail(w, "#! line contains a NUL byte");
	memcpy(interp, p, len);
	interp[len] = '\0';

	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	while (end > q && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	len = (size_t)(end - q);
	memcpy(arg, q, len);
	arg[len] = '\0';
	return 0;
}

static int elf_abi(int cls, int machine, struct why *w)
{
	char buf[32];
	struct utsname u;

	if (machine == EM_X86_64)
		return cls == ELFCLASS64 ? ABI_X86_64 : ABI_X32;
	if (machine == EM_386) {
		if (cls != ELFCLASS32)
			return fail(w, "corrupt ELF: 64-bit class with an i386 machine type");
		return ABI_I386;
	}
	return fail(w, "built for %s, this machine runs %s",
		    machine_name(machine, buf, sizeof(buf)), host_machine(&u));
}

/*
 * Reads what the kernel's ELF loader reads: the header and the program
 * headers.  Section headers are ignored, as the loader ignores them, so a
 * stripped or oddly linked program is not rejected.
 */
static int inspect_elf(Elf *e, uint64_t file_size, struct elf_info *out, char *interp,
		       struct why *w)
{
	GElf_Ehdr eh;
	GElf_Phdr ph;
	size_t nph, raw_len;
	const char *raw;
	int cls, abi;
	bool have_load = false, have_interp = false;

	if (elf_kind(e) != ELF_K_ELF)
		return fail(w, "not an ELF file");
	cls = gelf_getclass(e);
	if (cls != ELFCLASS32 && cls != ELFCLASS64)
		return fail(w, "corrupt ELF: unknown class");
	if (!gelf_getehdr(e, &eh))
		return fail(w, "truncated or corrupt ELF header: %s", elf_errmsg(-1));
	abi = elf_abi(cls, eh.e_machine, w);
	if (abi < 0)
		return -1;
	if (eh.e_ident[EI_DATA] != ELFDATA2LSB)
		return fail(w, "corrupt ELF: big-endian data for a little-endian machine");
	switch (eh.e_type) {
	case ET_EXEC:
		break;
	case ET_DYN:
		out->is_pie = true;
		break;
	case ET_REL:
		return fail(w, "an object file (.o), not a linked program");
	case ET_CORE:
		return fail(w, "a core dump, not a program");
	default:
		return fail(w, "ELF type %u is not a program", (unsigned)eh.e_type);
	}
	out->abi = abi;

	if (eh.e_phentsize != gelf_fsize(e, ELF_T_PHDR, 1, EV_CURRENT))
		return fail(w, "corrupt ELF: program header size %u", (unsigned)eh.e_phentsize);
	/* libelf reports a table cut off by the end of the file as empty: look first. */
	nph = eh.e_phnum;
	if (nph == PN_XNUM && elf_getphdrnum(e, &nph) < 0)
		return fail(w, "corrupt program headers: %s", elf_errmsg(-1));
	if (nph == 0)
		return fail(w, "corrupt ELF: no program headers");
	if (eh.e_phoff > file_size || nph > (file_size - eh.e_phoff) / eh.e_phentsize)
		return fail(w, "truncated: program headers end past the end of the file (%llu bytes)",
			    (unsigned long long)file_size);
	raw = elf_rawfile(e, &raw_len);
	if (!raw)
		return fail(w, "cannot read: %s", elf_errmsg(-1));

	out->load_bytes = 0;
	for (size_t i = 0; i < nph; i++) {
		if (!gelf_getphdr(e, (int)i, &ph))
			return fail(w, "truncated or corrupt program headers: %s", elf_errmsg(-1));
		if (ph.p_type != PT_LOAD && ph.p_type != PT_INTERP)
			continue;
		if (ph.p_offset > file_size || ph.p_filesz > file_size - ph.p_offset)
			return fail(w, "truncated: segment %zu ends past the end of the file (%llu bytes)",
				    i, (unsigned long long)file_size);
		if (ph.p_type == PT_LOAD) {
			if (ph.p_filesz > ph.p_memsz)
				return fail(w, "corrupt ELF: segment %zu is larger in the file than in memory", i);
			if (out->load_bytes + ph.p_memsz < out->load_bytes)
				return fail(w, "corrupt ELF: segment sizes overflow");
			out->load_bytes += ph.p_memsz;
			have_load = true;
			continue;
		}
		if (have_interp)
			return fail(w, "corrupt ELF: two PT_INTERP headers");
		have_interp = true;
		/* The loader requires a NUL-terminated path filling the segment. */
		if (ph.p_filesz < 2 || ph.p_filesz > HEAD_SIZE || ph.p_offset + ph.p_filesz > raw_len ||
		    raw[ph.p_offset + ph.p_filesz - 1] != '\0' ||
		    strlen(raw + ph.p_offset) != ph.p_filesz - 1)
			return fail(w, "corrupt ELF: PT_INTERP is not a NUL-terminated path under %d bytes",
				    HEAD_SIZE);
		memcpy(interp, raw + ph.p_offset, ph.p_filesz);
	}
	if (!have_load)
		return fail(w, "corrupt ELF: nothing to load");
	out->is_static = !have_interp;
	return 0;
}

/*
 * One step of the walk in elf_inspect(): returns 1 when `path` is an ELF
 * (out filled), 0 when it is a script (interp and arg filled), -1 on error.
 */
static int inspect_one(const char *path, struct elf_info *out, char *interp, char *arg,
		       struct why *w)
{
	char head[HEAD_SIZE];
	struct stat st;
	size_t ehdr_size;
	ssize_t n;
	Elf *e;
	int fd, r;

	fd = open_program(path, &st, w);
	if (fd < 0)
		return -1;
	n = pread(fd, head, sizeof(head), 0);
	if (n < 0) {
		r = fail(w, "cannot read: %s", strerror(errno));
		goto out;
	}
	if (n >= 2 && head[0] == '#' && head[1] == '!') {
		r = parse_shebang(head, (size_t)n, interp, arg, w);
		goto out;
	}
	if (n < SELFMAG || memcmp(head, ELFMAG, SELFMAG) != 0) {
		r = fail(w, "not a program: neither an ELF executable nor a #! script");
		goto out;
	}
	ehdr_size = head[EI_CLASS] == ELFCLASS64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	if ((size_t)st.st_size < ehdr_size) {
		r = fail(w, "truncated: %lld bytes is shorter than an ELF header", (long long)st.st_size);
		goto out;
	}
	if (elf_version(EV_CURRENT) == EV_NONE) {
		r = fail(w, "libelf: %s", elf_errmsg(-1));
		goto out;
	}
	e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!e) {
		r = fail(w, "truncated or corrupt ELF: %s", elf_errmsg(-1));
		goto out;
	}
	interp[0] = '\0';
	r = inspect_elf(e, (uint64_t)st.st_size, out, interp, w);
	elf_end(e);
	if (r == 0)
		r = 1;
out:
	close(fd);
	return r;
}

int elf_inspect(const char *path, struct elf_info *out, struct jerr *err)
{
	char cur[PATH_MAX], interp[sizeof(out->interp)], arg[sizeof(out->script_arg)];
	struct why w;
	int r, depth;

	memset(out, 0, sizeof(*out));
	if (strlen(path) >= sizeof(cur)) {
		jerr_set(err, path, NULL, "path too long");
		return -1;
	}
	strcpy(cur, path);
	for (depth = 0;; depth++) {
		r = inspect_one(cur, out, interp, arg, &w);
		if (r < 0)
			break;
		if (depth == 0) {
			strcpy(out->interp, interp);
			if (r == 0) {
				out->kind = ELF_KIND_SCRIPT;
				strcpy(out->script_arg, arg);
			}
		}
		if (r == 1)
			return 0;
		if (depth == MAX_SCRIPT_DEPTH) {
			jerr_set(err, path, NULL, "too many levels of #! interpreters");
			return -1;
		}
		strcpy(cur, interp);
	}

	if (depth == 0) {
		jerr_set(err, path, NULL, "%s", w.msg);
	} else {
		size_t len = strlen(cur);
		/* A script saved with DOS line endings names "/bin/sh\r". */
		bool cr = len > 0 && cur[len - 1] == '\r';

		if (cr)
			cur[len - 1] = '\0';
		jerr_set(err, path, NULL, "interpreter %s%s: %s%s", cur, cr ? "\\r" : "", w.msg,
			 cr ? " (the #! line ends in \\r: DOS line endings?)" : "");
	}
	return -1;
}
