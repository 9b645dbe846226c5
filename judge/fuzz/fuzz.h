#ifndef JUDGE_FUZZ_H
#define JUDGE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/*
 * Each fuzz target defines LLVMFuzzerTestOneInput.  Built with clang's
 * -fsanitize=fuzzer it is a libFuzzer binary (`make fuzz`); built with
 * replay.c instead it runs every file named on its command line once, which
 * is how `make test` replays the kept crash inputs and seeds with gcc.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A memory file holding data, and its /proc/self/fd path; -1 on failure. */
int fuzz_memfile(const uint8_t *data, size_t size, char *path, size_t len);

#endif
