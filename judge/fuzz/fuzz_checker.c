/*
 * The built-in output checkers on arbitrary output and answer pairs (split at
 * the first NUL byte), and checker specs parsed from the first line.
 */
#include <string.h>
#include <unistd.h>

#include "checker.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const specs[] = { "tokens", "exact", "lines", "float:1e-6", "float:0" };
	const uint8_t *nul = memchr(data, '\0', size);
	size_t olen = nul ? (size_t)(nul - data) : size;
	char opath[64], apath[64], fb[256];
	int ofd = fuzz_memfile(data, olen, opath, sizeof(opath));
	int afd = nul ? fuzz_memfile(nul + 1, size - olen - 1, apath, sizeof(apath))
		      : fuzz_memfile(data, size, apath, sizeof(apath));
	struct checker c;
	struct jerr err;
	char spec[64];
	size_t sl = olen < sizeof(spec) - 1 ? olen : sizeof(spec) - 1;

	for (unsigned i = 0; ofd >= 0 && afd >= 0 && i < sizeof(specs) / sizeof(specs[0]); i++) {
		if (checker_parse(specs[i], &c, &err) == 0) {
			checker_run(&c, NULL, opath, apath, fb, sizeof(fb));
			checker_free(&c);
		}
	}
	/* a spec made of the output's first bytes: must parse or fail, never crash */
	memcpy(spec, data, sl);
	spec[sl] = '\0';
	if (!strchr(spec, '/') && checker_parse(spec, &c, &err) == 0)
		checker_free(&c);
	if (ofd >= 0)
		close(ofd);
	if (afd >= 0)
		close(afd);
	return 0;
}
