#ifndef JUDGE_KEEPOUT_H
#define JUDGE_KEEPOUT_H

#include "util.h"

/*
 * judge test --keep-outputs DIR: every test's stdout and stderr, as
 * DIR/NAME.stdout and DIR/NAME.stderr (NAME may hold folders, as the
 * problem's tests do).  DIR is made when missing; it and every folder below
 * it are opened without following symbolic links, and the files are written
 * with O_NOFOLLOW, so a link planted in DIR never redirects a write.
 */

/* Opens (or makes) DIR.  The descriptor, or -1 with `err` naming --keep-outputs. */
int keepout_open(const char *dir, struct jerr *err);

/* Copies the whole of `src_fd` to DIR/NAME.SUFFIX.  0, or -1 with `err`. */
int keepout_save(int dir_fd, const char *name, const char *suffix, int src_fd, struct jerr *err);

#endif
