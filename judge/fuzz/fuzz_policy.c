/* The policy loader on arbitrary bytes: JSON parsing, merging, positions of errors. */
#include <stdlib.h>
#include <unistd.h>

#include "fuzz.h"
#include "policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	struct policy p;
	struct jerr err;
	char msg[1024];
	int fd = fuzz_memfile(data, size, path, sizeof(path));

	if (fd < 0)
		return 0;
	/* the parser is under test, not the cache (which would store every input) */
	setenv("JUDGE_POLICY_CACHE", "0", 0);
	/* "extends" names resolve nowhere: only this one file is under test */
	if (policy_load(path, "/nonexistent-policies", &p, &err) == 0)
		policy_free(&p);
	else
		jerr_format(&err, msg, sizeof(msg));
	close(fd);
	return 0;
}
