/* The position scanner must never read past its input, whatever the text and path. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "jsonpos.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* first line: the path; the rest: the text (not NUL-terminated on purpose) */
	const uint8_t *nl = memchr(data, '\n', size);
	size_t plen = nl ? (size_t)(nl - data) : size;
	char *path = malloc(plen + 1);
	size_t tlen = nl ? size - plen - 1 : 0;
	char *text = malloc(tlen ? tlen : 1);
	struct jsonpos pos;
	char buf[64] = "";

	memcpy(path, data, plen);
	path[plen] = '\0';
	if (tlen)
		memcpy(text, nl + 1, tlen);
	jsonpos_value(text, tlen, path, &pos);
	jsonpos_key(text, tlen, path, &pos);
	jsonpos_append_key(buf, sizeof(buf), path);
	jsonpos_append_index(buf, sizeof(buf), plen);
	free(path);
	free(text);
	return 0;
}
