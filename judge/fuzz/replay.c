/* Runs a fuzz target once on each file given: the regression half of fuzzing. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "util.h"

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		size_t len;
		char *data = util_read_file(argv[i], &len);

		if (!data) {
			perror(argv[i]);
			return 1;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)data, len);
		free(data);
	}
	printf("%d inputs replayed\n", argc - 1);
	return 0;
}
