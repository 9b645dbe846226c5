#ifndef JUDGE_COMMANDS_H
#define JUDGE_COMMANDS_H

#include "util.h"
#include "verdict.h"

/* Subcommands besides run and policy, each in its own file (cmd_*.c). */
int cmd_compile(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_grade(int argc, char **argv);
int cmd_verify(int argc, char **argv);

/* Bad input to the judge: its one-line message on stderr, and exit status 2. */
int commands_fail_input(const struct jerr *e);

#endif
