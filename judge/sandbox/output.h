#ifndef JUDGE_OUTPUT_H
#define JUDGE_OUTPUT_H

#include <stdint.h>
#include <sys/types.h>

#include "util.h"

/*
 * The program's stdout and stderr go to two memory files rather than pipes:
 * the program writes at full speed with no reader to wake, RLIMIT_FSIZE
 * stops it at the output limit (SIGXFSZ -> OLE), and nothing is left on disk.
 */
struct output {
	int out_fd, err_fd;
};

int output_open(struct output *o, struct jerr *err);
void output_close(struct output *o);
/* Bytes written to the file so far. */
int64_t output_size(int fd);
/* Copies the whole of `fd` to `to`; 0 or -1 with errno. */
int output_copy(int fd, int to);
/* Writes the whole of `fd` to `path` through a temporary file and rename. */
int output_save(int fd, const char *path, struct jerr *err);
/* The same with the new file's mode (umask applies), 0755 for a program. */
int output_save_mode(int fd, const char *path, mode_t mode, struct jerr *err);
/*
 * A new descriptor of the memory file that can only append: what the program
 * gets as stdout or stderr.  It cannot read back what it wrote nor map it, so
 * the output is no store of working memory; -1 with errno on failure.
 */
int output_sink(int fd);
/* A path that names the memory file, for checkers: "/proc/self/fd/N". */
void output_path(int fd, char *buf, size_t len);

#endif
