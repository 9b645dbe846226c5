#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi.h"
#include "harness.h"
#include <elf.h>

#include "elf.h"
#include "util.h"

/*
 * Programs are built at test time with the host compiler into a private
 * temporary directory; 32-bit and x32 images that need a multilib toolchain
 * are also written by hand, so the ABI mapping is covered either way.
 */

static char dir[64];

static void setup(void)
{
	strcpy(dir, "/tmp/judge-test-elf-XXXXXX");
	cr_assert(mkdtemp(dir), "mkdtemp");
}

static void teardown(void)
{
	util_remove_tree(dir);
}

TestSuite(elf, .init = setup, .fini = teardown);

static const char *path_of(const char *name)
{
	static char buf[4][256];
	static int next;
	char *p = buf[next++ % 4];

	snprintf(p, sizeof(buf[0]), "%s/%s", dir, name);
	return p;
}

static const char *write_file(const char *name, const void *data, size_t len, mode_t mode)
{
	const char *p = path_of(name);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	cr_assert(fd >= 0, "open %s", p);
	cr_assert_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
	cr_assert_eq(chmod(p, mode), 0);
	return p;
}

static const char *write_text(const char *name, const char *text, mode_t mode)
{
	return write_file(name, text, strlen(text), mode);
}

/* Builds `src` with the given flags; NULL when this toolchain cannot. */
static const char *compile(const char *name, const char *src, const char *flags)
{
	char cmd[1024];
	const char *cc = getenv("CC") ? getenv("CC") : "cc";
	const char *out = path_of(name);
	const char *c = write_text("src.c", src, 0644);

	snprintf(cmd, sizeof(cmd), "%s %s -o %s %s >/dev/null 2>&1", cc, flags, out, c);
	return system(cmd) == 0 ? out : NULL;
}

static const char hello_c[] = "int main(void) { return 0; }\n";
/* No libc, so that a bare -m32/-mx32 compiler without multilib libraries still links it. */
static const char bare_c[] =
	"void _start(void) { __asm__ volatile(\"hlt\"); for (;;) ; }\n";

static void expect_error(const char *path, const char *want)
{
	struct elf_info info;
	struct jerr err;
	char msg[1024];

	cr_assert_eq(elf_inspect(path, &info, &err), -1, "%s accepted", path);
	jerr_format(&err, msg, sizeof(msg));
	cr_expect(strstr(msg, want), "message \"%s\" lacks \"%s\"", msg, want);
	/* Every message names the file and stays on one line. */
	cr_expect_str_eq(err.file, path);
	cr_expect_null(strchr(msg, '\n'), "multi-line message: %s", msg);
}

Test(elf, dynamic_pie_program)
{
	const char *p = compile("dyn", hello_c, "-fPIE -pie");
	struct elf_info info;
	struct jerr err;

	cr_assert(p, "cannot compile a plain C program");
	cr_assert_eq(elf_inspect(p, &info, &err), 0, "%s", err.msg);
	cr_expect_eq(info.kind, ELF_KIND_BINARY);
	cr_expect_eq(info.abi, ABI_X86_64);
	cr_expect_not(info.is_static);
	cr_expect(info.is_pie);
	cr_expect(strstr(info.interp, "ld-linux"), "interp %s", info.interp);
	cr_expect_str_empty(info.script_arg);
	cr_expect_gt(info.load_bytes, 0);
	cr_expect_lt(info.load_bytes, 1 << 24);
}

Test(elf, dynamic_non_pie_program)
{
	const char *p = compile("nopie", hello_c, "-fno-PIE -no-pie");
	struct elf_info info;
	struct jerr err;

	cr_assert(p);
	cr_assert_eq(elf_inspect(p, &info, &err), 0, "%s", err.msg);
	cr_expect_not(info.is_pie);
	cr_expect_not(info.is_static);
}

Test(elf, static_program)
{
	const char *p = compile("static", hello_c, "-static");
	struct elf_info info;
	struct jerr err;

	if (!p)
		harness_skip("no static libc here");
	cr_assert_eq(elf_inspect(p, &info, &err), 0, "%s", err.msg);
	cr_expect_eq(info.abi, ABI_X86_64);
	cr_expect(info.is_static);
	cr_expect_str_empty(info.interp);
}

Test(elf, static_pie_program)
{
	const char *p = compile("spie", hello_c, "-static-pie");
	struct elf_info info;
	struct jerr err;

	if (!p)
		harness_skip("no static-pie support here");
	cr_assert_eq(elf_inspect(p, &info, &err), 0, "%s", err.msg);
	cr_expect(info.is_static);
	cr_expect(info.is_pie);
}

/* A 1 GiB array costs nothing on disk but must count against the memory limit. */
Test(elf, huge_bss_shows_in_load_bytes)
{
	const char *p = compile("big", "static char big[1 << 30];\n"
				"int main(void) { return big[12345]; }\n", "");
	struct elf_info info;
	struct jerr err;
	struct stat st;

	cr_assert(p);
	cr_assert_eq(stat(p, &st), 0);
	cr_expect_lt(st.st_size, 1 << 20);
	cr_assert_eq(elf_inspect(p, &info, &err), 0, "%s", err.msg);
	cr_expect_geq(info.load_bytes, 1ULL << 30);
}

Test(elf, i386_program)
{
	const char *p = compile("i386", bare_c, "-m32 -nostdlib -static");
	struct elf_info info;
	struct jerr err;

	if (!p)
		harness_skip("no -m32 toolchain; hand-made headers cover i386");
	cr_assert_eq(elf_inspect(p, &info, &err), 0, "%s", err.msg);
	cr_expect_eq(info.abi, ABI_I386);
	cr_expect(info.is_static);
}

Test(elf, x32_program)
{
	const char *p = compile("x32", bare_c, "-mx32 -nostdlib -static");
	struct elf_info info;
	struct jerr err;

	if (!p)
		harness_skip("no -mx32 toolchain; hand-made headers cover x32");
	cr_assert_eq(elf_inspect(p, &info, &err), 0, "%s", err.msg);
	cr_expect_eq(info.abi, ABI_X32);
}

/*
 * A minimal image: an ELF header, one PT_LOAD and optionally a PT_INTERP,
 * for either class.  The kernel would load it; it is enough for the judge.
 */
static const char *handmade(const char *name, int cls, int machine, int type, const char *interp,
			    uint64_t memsz)
{
	unsigned char buf[512];
	size_t ilen = interp ? strlen(interp) + 1 : 0, nph = interp ? 2 : 1, off;

	memset(buf, 0, sizeof(buf));
	if (cls == ELFCLASS64) {
		Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
		Elf64_Phdr *ph = (Elf64_Phdr *)(buf + sizeof(*eh));

		off = sizeof(*eh) + nph * sizeof(*ph);
		memcpy(eh->e_ident, ELFMAG, SELFMAG);
		eh->e_ident[EI_CLASS] = ELFCLASS64;
		eh->e_ident[EI_DATA] = ELFDATA2LSB;
		eh->e_ident[EI_VERSION] = EV_CURRENT;
		eh->e_type = type;
		eh->e_machine = machine;
		eh->e_version = EV_CURRENT;
		eh->e_entry = 0x400000 + off;
		eh->e_phoff = sizeof(*eh);
		eh->e_ehsize = sizeof(*eh);
		eh->e_phentsize = sizeof(*ph);
		eh->e_phnum = nph;
		ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = 0,
				      .p_vaddr = 0x400000, .p_filesz = off + ilen, .p_memsz = memsz,
				      .p_align = 0x1000 };
		if (interp)
			ph[1] = (Elf64_Phdr){ .p_type = PT_INTERP, .p_offset = off, .p_filesz = ilen,
					      .p_memsz = ilen, .p_align = 1 };
	} else {
		Elf32_Ehdr *eh = (Elf32_Ehdr *)buf;
		Elf32_Phdr *ph = (Elf32_Phdr *)(buf + sizeof(*eh));

		off = sizeof(*eh) + nph * sizeof(*ph);
		memcpy(eh->e_ident, ELFMAG, SELFMAG);
		eh->e_ident[EI_CLASS] = ELFCLASS32;
		eh->e_ident[EI_DATA] = ELFDATA2LSB;
		eh->e_ident[EI_VERSION] = EV_CURRENT;
		eh->e_type = type;
		eh->e_machine = machine;
		eh->e_version = EV_CURRENT;
		eh->e_entry = 0x8048000 + off;
		eh->e_phoff = sizeof(*eh);
		eh->e_ehsize = sizeof(*eh);
		eh->e_phentsize = sizeof(*ph);
		eh->e_phnum = nph;
		ph[0] = (Elf32_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = 0,
				      .p_vaddr = 0x8048000, .p_filesz = off + ilen, .p_memsz = memsz,
				      .p_align = 0x1000 };
		if (interp)
			ph[1] = (Elf32_Phdr){ .p_type = PT_INTERP, .p_offset = off, .p_filesz = ilen,
					      .p_memsz = ilen, .p_align = 1 };
	}
	if (interp)
		memcpy(buf + off, interp, ilen);
	return write_file(name, buf, off + ilen, 0755);
}

Test(elf, handmade_abis)
{
	static const struct {
		int cls, machine, abi;
	} cases[] = {
		{ ELFCLASS64, EM_X86_64, ABI_X86_64 },
		{ ELFCLASS32, EM_386, ABI_I386 },
		{ ELFCLASS32, EM_X86_64, ABI_X32 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *p = handmade("h", cases[i].cls, cases[i].machine, ET_EXEC, NULL, 0x3000);
		struct elf_info info;
		struct jerr err;

		cr_assert_eq(elf_inspect(p, &info, &err), 0, "case %zu: %s", i, err.msg);
		cr_expect_eq(info.abi, cases[i].abi, "case %zu", i);
		cr_expect(info.is_static);
		cr_expect_not(info.is_pie);
		cr_expect_eq(info.load_bytes, 0x3000);
	}
}

Test(elf, handmade_dynamic_32bit)
{
	const char *p = handmade("h", ELFCLASS32, EM_386, ET_DYN, "/lib/ld-linux.so.2", 0x1000);
	struct elf_info info;
	struct jerr err;

	cr_assert_eq(elf_inspect(p, &info, &err), 0, "%s", err.msg);
	cr_expect_eq(info.abi, ABI_I386);
	cr_expect_not(info.is_static);
	cr_expect(info.is_pie);
	cr_expect_str_eq(info.interp, "/lib/ld-linux.so.2");
}

Test(elf, foreign_machine_from_patched_copy)
{
	const char *p = compile("dyn", hello_c, "");
	uint16_t machine = EM_AARCH64;
	int fd;

	cr_assert(p);
	fd = open(p, O_WRONLY);
	cr_assert(fd >= 0);
	cr_assert_eq(pwrite(fd, &machine, sizeof(machine), offsetof(Elf64_Ehdr, e_machine)), 2);
	close(fd);
	expect_error(p, "built for aarch64, this machine runs x86_64");
}

Test(elf, foreign_machines_handmade)
{
	expect_error(handmade("arm", ELFCLASS32, EM_ARM, ET_EXEC, NULL, 0x1000), "built for arm,");
	expect_error(handmade("rv", ELFCLASS64, EM_RISCV, ET_EXEC, NULL, 0x1000), "built for riscv,");
	expect_error(handmade("odd", ELFCLASS64, 0x7777, ET_EXEC, NULL, 0x1000), "built for machine type 30583,");
	expect_error(handmade("mix", ELFCLASS64, EM_386, ET_EXEC, NULL, 0x1000), "corrupt");
}

Test(elf, not_programs)
{
	expect_error(handmade("core", ELFCLASS64, EM_X86_64, ET_CORE, NULL, 0x1000), "core dump");
	expect_error(handmade("rel", ELFCLASS64, EM_X86_64, ET_REL, NULL, 0x1000), "object file");
}

Test(elf, object_file)
{
	const char *p = compile("obj.o", hello_c, "-c");

	cr_assert(p);
	cr_assert_eq(chmod(p, 0755), 0);
	expect_error(p, "object file");
}

Test(elf, truncated_copies)
{
	static const size_t cuts[] = { 5, 20, 63, 100, 2000 };
	const char *p = compile("dyn", hello_c, "");
	char *data;
	size_t len;

	cr_assert(p);
	data = util_read_file(p, &len);
	cr_assert(data);
	for (size_t i = 0; i < ARRAY_SIZE(cuts); i++) {
		cr_assert_lt(cuts[i], len);
		expect_error(write_file("cut", data, cuts[i], 0755), "truncated");
	}
	free(data);
}

Test(elf, bad_interp_segment)
{
	const char *p = handmade("h", ELFCLASS64, EM_X86_64, ET_EXEC, "/lib/ld.so", 0x1000);
	int fd = open(p, O_WRONLY);
	char x = 'x';
	struct stat st;

	/* Overwrite the terminating NUL. */
	cr_assert(fd >= 0);
	cr_assert_eq(fstat(fd, &st), 0);
	cr_assert_eq(pwrite(fd, &x, 1, st.st_size - 1), 1);
	close(fd);
	expect_error(p, "corrupt ELF: PT_INTERP is not a NUL-terminated path");
}

Test(elf, shell_script)
{
	const char *p = write_text("s.sh", "#!/bin/sh\necho hi\n", 0755);
	struct elf_info info;
	struct jerr err;

	cr_assert_eq(elf_inspect(p, &info, &err), 0, "%s", err.msg);
	cr_expect_eq(info.kind, ELF_KIND_SCRIPT);
	cr_expect_str_eq(info.interp, "/bin/sh");
	cr_expect_str_empty(info.script_arg);
	/* The interpreter's own image decides the ABI. */
	cr_expect_eq(info.abi, ABI_X86_64);
	cr_expect_gt(info.load_bytes, 0);
}

Test(elf, env_python_script)
{
	const char *p = write_text("s.py", "#!/usr/bin/env python3\nprint(1)\n", 0755);
	struct elf_info info;
	struct jerr err;

	cr_assert_eq(elf_inspect(p, &info, &err), 0, "%s", err.msg);
	cr_expect_eq(info.kind, ELF_KIND_SCRIPT);
	cr_expect_str_eq(info.interp, "/usr/bin/env");
	cr_expect_str_eq(info.script_arg, "python3");
}

/* As in the kernel: one argument, inner blanks kept, outer ones trimmed, no newline needed. */
Test(elf, script_argument_split)
{
	const char *p = write_text("s", "#!  /bin/sh \t -e  -u \t", 0755);
	struct elf_info info;
	struct jerr err;

	cr_assert_eq(elf_inspect(p, &info, &err), 0, "%s", err.msg);
	cr_expect_str_eq(info.interp, "/bin/sh");
	cr_expect_str_eq(info.script_arg, "-e  -u");
}

Test(elf, script_of_script)
{
	const char *inner = write_text("inner", "#!/bin/sh\n", 0755);
	char text[300];
	struct elf_info info;
	struct jerr err;

	snprintf(text, sizeof(text), "#!%s arg\n", inner);
	cr_assert_eq(elf_inspect(write_text("outer", text, 0755), &info, &err), 0, "%s", err.msg);
	cr_expect_eq(info.kind, ELF_KIND_SCRIPT);
	cr_expect_str_eq(info.interp, inner);
	cr_expect_str_eq(info.script_arg, "arg");
	cr_expect_eq(info.abi, ABI_X86_64);
}

Test(elf, script_errors)
{
	char text[300], self[256];

	snprintf(self, sizeof(self), "%s", path_of("self"));

	expect_error(write_text("dos", "#!/bin/sh\r\necho hi\r\n", 0755), "DOS line endings");
	expect_error(write_text("gone", "#!/no/such/interp\n", 0755),
		     "interpreter /no/such/interp: no such file");
	expect_error(write_text("empty", "#!\n", 0755), "names no interpreter");
	expect_error(write_text("notexec", "#!/etc/passwd\n", 0755),
		     "interpreter /etc/passwd: not executable");
	snprintf(text, sizeof(text), "#!%s\n", self);
	expect_error(write_text("self", text, 0755), "too many levels");

	memset(text, 'x', sizeof(text));
	memcpy(text, "#!/bin/sh ", 10);
	expect_error(write_file("long", text, sizeof(text), 0755), "#! line longer than");
}

Test(elf, file_errors)
{
	expect_error(path_of("missing"), "no such file");
	expect_error(dir, "is a directory");
	expect_error("/dev/null", "not a regular file");
	expect_error(write_text("text", "hello world\n", 0755), "neither an ELF executable nor a #! script");
	expect_error(write_text("empty", "", 0755), "neither an ELF");
	expect_error(write_text("noexec.sh", "#!/bin/sh\n", 0644), "not executable (mode 0644)");
}
