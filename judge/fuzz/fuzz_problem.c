/* The Kattis problem.yaml reader on arbitrary bytes, in a package with one test. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "problem.h"

static char root[64];

/* No temporary files may outlive the fuzzer. */
static void cleanup(void)
{
	static const char *const rel[] = { "data/sample/1.in", "data/sample/1.ans", "problem.yaml",
					   "data/sample", "data" };
	char path[128];

	for (unsigned i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", root, rel[i]);
		if (unlink(path) < 0)
			rmdir(path);
	}
	rmdir(root);
}

static void put(const char *rel, const uint8_t *data, size_t size)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	if (size && write(fd, data, size) < 0)
		(void)0;
	close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct problem p;
	struct jerr err;
	char path[128];

	if (!root[0]) {
		snprintf(root, sizeof(root), "/tmp/judge-fuzz-problem-%d", (int)getpid());
		mkdir(root, 0755);
		snprintf(path, sizeof(path), "%s/data", root);
		mkdir(path, 0755);
		snprintf(path, sizeof(path), "%s/data/sample", root);
		mkdir(path, 0755);
		put("data/sample/1.in", (const uint8_t *)"1 2\n", 4);
		put("data/sample/1.ans", (const uint8_t *)"3\n", 2);
		atexit(cleanup);
	}
	put("problem.yaml", data, size);
	if (problem_load(root, &p, &err) == 0)
		problem_free(&p);
	return 0;
}
