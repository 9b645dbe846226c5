#ifndef JUDGE_COMMANDS_H
#define JUDGE_COMMANDS_H

#include "verdict.h"

/* Subcommands besides run and policy, each in its own file (cmd_*.c). */
int cmd_compile(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_grade(int argc, char **argv);
int cmd_verify(int argc, char **argv);

#endif
