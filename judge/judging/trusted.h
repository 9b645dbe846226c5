#ifndef JUDGE_TRUSTED_H
#define JUDGE_TRUSTED_H

#include <stddef.h>

#include "util.h"

/*
 * The problem's own programs: a plain folder's checker, a Kattis output
 * validator or interactor.  The problem setter wrote them, so they are built
 * with the host compiler, outside the sandbox, once per problem; checker.c
 * and interact.c still run them under rlimits.
 *
 * `path` may be:
 *   an executable file                 used as it is
 *   NAME.c / NAME.cpp (.cc, .cxx)      compiled alone, with -I its directory
 *                                      (so a testlib.h next to it is found)
 *   NAME.py / NAME.sh                  run through python3 / sh by a wrapper
 *   a directory (Kattis)               its executable "run", else all its C++
 *                                      sources, else all its C sources, else
 *                                      its one .py file
 *
 * The result goes to build_dir/name.  Returns 0 with `exe` set to an
 * absolute path, or -1 with `err` naming `path` (and quoting the compiler's
 * first lines when it does not compile): the problem is broken, bad input.
 */
int trusted_prepare(const char *path, const char *build_dir, const char *name,
		    char *exe, size_t len, struct jerr *err);

#endif
