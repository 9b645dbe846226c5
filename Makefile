# make demo       install what is missing, build, judge a bundled problem
# make            build/judge
# make test       install what is missing, build, run unit tests (plain and
#                 sanitized) and the end-to-end cases
# make check      the inner loop: unit tests and the core end-to-end cases,
#                 seccomp mode only, as the current user (under a minute on
#                 a quiet 2-core machine)
# make bench      the benchmark table (make benchtools: its tools work, in seconds)
# make fuzz       every libFuzzer target for a bounded time
# make install    the judge, its policies, man page and bash completion
#                 under $(DESTDIR)$(PREFIX) (PREFIX=/usr/local)

CC      ?= gcc
BUILD   ?= build
WARN    := -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
           -Wimplicit-fallthrough -Wwrite-strings -Wno-missing-field-initializers
HARDEN  := -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fstack-clash-protection -fPIE
OPT     ?= -O2 -g
ifneq ($(findstring clang,$(CC)),)
WARN    += -Wno-unknown-warning-option
endif
# The sources sit in one folder per layer (README "Layout"); every folder is
# on the quote include path, so an #include names the header alone.
LAYERS  := common sandbox judging cli service
CFLAGS  := -std=gnu11 -D_GNU_SOURCE $(OPT) $(WARN) $(HARDEN) $(LAYERS:%=-iquote judge/%) -iquote $(BUILD)/gen $(EXTRA_CFLAGS)
LDFLAGS := -pie -Wl,-z,relro,-z,now $(EXTRA_LDFLAGS)
# hiredis, with its calls to getaddrinfo pointed at judge/service/resolve.c:
# glibc's needs its NSS modules at run time, which a static program cannot
# rely on (the linker's warning).
HIREDIS := $(BUILD)/lib/libhiredis-judge.a
LIBS    := -lelf -ljansson -lyaml -lz -lzstd $(HIREDIS) -lm
# The judge itself is linked statically: dynamic loading alone costs about
# 0.6 ms a run, more than the whole sandbox setup.  Sanitized builds link
# dynamically (the sanitizer runtimes need it).
STATIC  ?= -static-pie

ABIS    := x86_64 i386 x32
GEN     := $(ABIS:%=$(BUILD)/gen/syscalls_%.h) $(ABIS:%=$(BUILD)/gen/syscalls_%_byname.h)
# Made by pattern rules, so make would take them for intermediate files and
# delete them after every build, and then rebuild everything the next time.
.SECONDARY: $(GEN)
SRCS    := $(sort $(filter-out judge/cli/main.c,$(wildcard $(LAYERS:%=judge/%/*.c))))
OBJS    := $(SRCS:judge/%.c=$(BUILD)/obj/%.o)
HDRS    := $(wildcard $(LAYERS:%=judge/%/*.h))
TESTS   := $(sort $(wildcard judge/tests/test_*.c))
HELPERS := $(patsubst judge/tests/helpers/%.c,$(BUILD)/helpers/%,$(wildcard judge/tests/helpers/*.c)) \
           $(BUILD)/helpers/hostprobe

.PHONY: seccomp-compare all demo test check unit asan e2e e2e-full e2e-asan layers problems feedback endurance lifecycle worker cli benchtools man install bench fuzz fuzz-replay deps clean
all: $(BUILD)/judge

$(BUILD)/gen/syscalls_%_byname.h: scripts/gen-syscalls.sh
	@mkdir -p $(@D)
	CC=$(CC) sh $< --by-name $* > $@-t && mv $@-t $@

$(BUILD)/gen/syscalls_%.h: scripts/gen-syscalls.sh
	@mkdir -p $(@D)
	CC=$(CC) sh $< $* > $@-t && mv $@-t $@

# The version of the build for --version: rewritten only when it changes, so
# that a commit rebuilds cli.o and nothing else.
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo unknown)
$(BUILD)/gen/version.h: FORCE
	@mkdir -p $(@D)
	@echo '#define JUDGE_VERSION "$(VERSION)"' > $@-t
	@cmp -s $@-t $@ && rm -f $@-t || mv $@-t $@
$(BUILD)/obj/cli/cli.o: $(BUILD)/gen/version.h
FORCE:
.SECONDARY: $(GEN) $(BUILD)/gen/version.h

$(BUILD)/obj/%.o: judge/%.c $(GEN) $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(HIREDIS):
	@mkdir -p $(@D)
	objcopy --redefine-sym getaddrinfo=judge_getaddrinfo --redefine-sym freeaddrinfo=judge_freeaddrinfo \
		--redefine-sym gai_strerror=judge_gai_strerror "$$($(CC) -print-file-name=libhiredis.a)" $@-t && mv $@-t $@

$(BUILD)/judge: $(BUILD)/obj/cli/main.o $(OBJS) | $(HIREDIS)
	$(CC) $(CFLAGS) $(LDFLAGS) $(STATIC) -o $@ $^ $(LIBS)

$(BUILD)/obj/tests/%.o: judge/tests/%.c $(GEN) $(HDRS) $(wildcard judge/tests/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Wno-missing-prototypes -c -o $@ $<

$(BUILD)/unit-tests: $(TESTS:judge/tests/%.c=$(BUILD)/obj/tests/%.o) $(OBJS) | $(HIREDIS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) -lcriterion

# Tiny programs the unit tests run under the tracer: built plain so that the
# syscalls they make are exactly the ones written.
$(BUILD)/helpers/%: judge/tests/helpers/%.c
	@mkdir -p $(@D)
	$(CC) -O1 -w -o $@ $< -lpthread

# A program that does nothing, static where libc.a is installed, so that
# what the judge bills it can be compared with what the launcher spent.
$(BUILD)/helpers/nothing: judge/tests/helpers/nothing.c
	@mkdir -p $(@D)
	$(CC) -O1 -w -static -o $@ $< 2>/dev/null || $(CC) -O1 -w -o $@ $<

# What the machine offers (int $0x80, x32, Landlock's ABI, cgroups,
# namespaces): tests that need one skip, saying why, where it is missing.
$(BUILD)/helpers/hostprobe: scripts/hostprobe.c
	@mkdir -p $(@D)
	$(CC) -O1 -Wall -Wextra -Werror -o $@ $<

deps:
	@sh scripts/deps.sh

demo: deps
	$(MAKE) all
	$(BUILD)/judge test testcases/problems/aplusb/submissions/accepted/sum.cpp testcases/problems/aplusb

unit: $(BUILD)/unit-tests $(HELPERS) $(BUILD)/judge
	JUDGE_HELPERS=$(abspath $(BUILD)/helpers) JUDGE_POLICIES=$(abspath policies) \
		$(BUILD)/unit-tests --jobs 2

# Every sanitizer report fails the stage, a leak in a test's process too:
# Criterion counts a test passed before its process exits, so LSan's exit
# status alone would go unseen.  The reports go to files, one a process, and
# scripts/sanreports.sh decides which count (all but Criterion's runner's own
# leak, whose exit status exitcode=0 keeps from failing the run before that).
asan:
	rm -rf build-asan/reports && mkdir -p build-asan/reports
	ASAN_OPTIONS=log_path=$(abspath build-asan/reports/san):exitcode=0 \
	$(MAKE) BUILD=build-asan STATIC= OPT="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
		EXTRA_LDFLAGS="-fsanitize=address,undefined" unit fuzz-replay || { cat build-asan/reports/san.* 2>/dev/null; exit 1; }
	sh scripts/sanreports.sh build-asan/reports

# Fuzz targets: libFuzzer binaries under clang (`make fuzz`), and replay
# binaries that run the kept seeds and crash inputs once (`make fuzz-replay`,
# part of `make test`, sanitized).
FUZZ_TARGETS := policy jsonpos checker problem policyrecord
FUZZ_SECONDS ?= 60
FUZZ_SUPPORT := judge/fuzz/fuzz_util.c

$(BUILD)/fuzz/replay_%: judge/fuzz/fuzz_%.c judge/fuzz/replay.c $(FUZZ_SUPPORT) $(OBJS) | $(HIREDIS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -iquote judge/fuzz $(LDFLAGS) -o $@ $< judge/fuzz/replay.c $(FUZZ_SUPPORT) $(OBJS) $(LIBS)

$(BUILD)/fuzz/fuzz_%: judge/fuzz/fuzz_%.c $(FUZZ_SUPPORT) $(OBJS) | $(HIREDIS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -iquote judge/fuzz -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(FUZZ_SUPPORT) $(OBJS) $(LIBS)

fuzz-replay: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%)
	@for t in $(FUZZ_TARGETS); do \
		$(BUILD)/fuzz/replay_$$t $$(find judge/fuzz/corpus/$$t judge/fuzz/regressions/$$t -type f ! -name .keep) || exit 1; \
	done

# Each target runs FUZZ_SECONDS from the kept seeds; a crash input lands in
# judge/fuzz/regressions/<target>/ and is replayed by `make test` from then on.
fuzz: deps
	$(MAKE) BUILD=build-fuzz CC=clang STATIC= \
		OPT="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined" \
		EXTRA_LDFLAGS="-fsanitize=address,undefined" $(FUZZ_TARGETS:%=build-fuzz/fuzz/fuzz_%)
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p build-fuzz/corpus/$$t && cp -n judge/fuzz/corpus/$$t/* build-fuzz/corpus/$$t/ 2>/dev/null; \
		build-fuzz/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -rss_limit_mb=1024 \
			-artifact_prefix=judge/fuzz/regressions/$$t/ build-fuzz/corpus/$$t judge/fuzz/corpus/$$t \
			|| exit 1; \
	done

e2e: $(BUILD)/judge
	sh scripts/e2e.sh $(BUILD)/judge

# Every case in every mode, the languages' too (make test runs those in
# seccomp mode only, for time): after a change to the tracer's decisions.
e2e-full: $(BUILD)/judge
	E2E_LANG_MODES=all sh scripts/e2e.sh $(BUILD)/judge

# The sandbox core's cases once more with a judge built with ASan and UBSan:
# any memory error or leak in the judge fails its run.
e2e-asan:
	$(MAKE) BUILD=build-asan STATIC= OPT="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
		EXTRA_LDFLAGS="-fsanitize=address,undefined" build-asan/judge
	ASAN_OPTIONS=abort_on_error=0:exitcode=2 E2E_MODES=seccomp E2E_NOBODY=0 sh scripts/e2e.sh build-asan/judge core/

# Each layer of the sandbox shown holding on its own (scripts/layers.sh).
layers: $(BUILD)/judge
	sh scripts/layers.sh $(BUILD)/judge

problems: $(BUILD)/judge
	sh scripts/problems.sh $(BUILD)/judge

# What judge test and grade tell people: stderr excerpts, first differences,
# --keep-outputs, progress, the grade sheet's CSV and HTML.
feedback: $(BUILD)/judge
	sh scripts/feedback.sh $(BUILD)/judge

lifecycle: $(BUILD)/judge
	sh scripts/lifecycle.sh $(BUILD)/judge

# judge worker against a real redis-server: 300 jobs, a worker and Redis killed mid-run.
worker: $(BUILD)/judge
	sh scripts/worker.sh $(BUILD)/judge

# 500 runs in make test; `make endurance RUNS=10000` for the long one.
RUNS ?= 500
endurance: $(BUILD)/judge
	sh scripts/endurance.sh $(BUILD)/judge $(RUNS)

# What a change to the sandbox most often breaks, fast: no sanitizers, one
# mode, no second pass as nobody (`make test` does all of that).
check: $(BUILD)/unit-tests $(HELPERS) $(BUILD)/judge
	$(MAKE) unit
	E2E_MODES=seccomp E2E_NOBODY=0 sh scripts/e2e.sh $(BUILD)/judge core/

# Each stage's seconds are printed so a slow one shows in CI's log; builds
# use both cores (CI's budget is 25 minutes on 2).
TEST_STAGES = all unit asan e2e e2e-asan layers problems feedback endurance lifecycle worker cli benchtools
test: deps
	@MAKE="$(MAKE) -j2" sh scripts/stages.sh $(TEST_STAGES)

# The manual page is the help text (judge help all), laid out by help2man;
# sed keeps a command's usage lines ("judge run ...", then the other forms)
# one per line, where help2man would fill them into one paragraph.
$(BUILD)/judge.1: $(BUILD)/judge
	help2man --no-info --section=1 --help-option="help all" --version-option=--version \
		--name="run untrusted programs under a syscall policy and judge them" \
		--output=$@-t $(BUILD)/judge
	sed -i '/^\.IP$$/,/^\.PP$$/s/^judge .*/&\n.br/' $@-t && mv $@-t $@

man: $(BUILD)/judge.1

PREFIX  ?= /usr/local
DESTDIR ?=
install: $(BUILD)/judge $(BUILD)/judge.1
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/judge/policies \
		$(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 $(BUILD)/judge $(DESTDIR)$(PREFIX)/bin/judge
	install -m 644 policies/*.json $(DESTDIR)$(PREFIX)/share/judge/policies/
	install -m 644 $(BUILD)/judge.1 $(DESTDIR)$(PREFIX)/share/man/man1/judge.1
	install -m 644 scripts/judge-completion.bash \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/judge

# The command line itself: help, errors, man page, completion, make install.
cli: $(BUILD)/judge
	sh scripts/cli.sh $(BUILD)/judge

bench: deps
	$(MAKE) all $(BUILD)/filterdump
	sh scripts/bench.sh $(BUILD)/judge
	/usr/bin/python3 scripts/bench-worker.py $(BUILD)/judge $(BENCH_QUICK)

# The benchmark's tools build and do what make bench relies on (seconds, no measuring).
benchtools: $(BUILD)/judge $(BUILD)/filterdump
	sh scripts/bench/selftest.sh $(BUILD)/judge

# The judge's filter for a policy, for the bench's `floor --layers`.
$(BUILD)/filterdump: scripts/bench/filterdump.c $(OBJS) | $(HIREDIS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(OBJS) $(LIBS)

# The hand-assembled seccomp filter against libseccomp's for the same
# policies (docs/seccomp.md); libseccomp is linked here only.
seccomp-compare: $(OBJS) | $(HIREDIS)
	$(CC) $(CFLAGS) -Wno-missing-prototypes $(LDFLAGS) -o $(BUILD)/seccomp-compare scripts/bench/seccomp-compare.c $(OBJS) $(LIBS) -lseccomp
	JUDGE_POLICIES=$(abspath policies) $(BUILD)/seccomp-compare c python3

clean:
	rm -rf build build-asan build-fuzz
