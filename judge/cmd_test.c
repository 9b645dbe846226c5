#include <stdio.h>

#include "commands.h"

int cmd_test(int argc, char **argv)
{
	(void)argc; (void)argv;
	fputs("judge: test: not available yet\n", stderr);
	return 2;
}

int cmd_grade(int argc, char **argv)
{
	(void)argc; (void)argv;
	fputs("judge: grade: not available yet\n", stderr);
	return 2;
}

int cmd_verify(int argc, char **argv)
{
	(void)argc; (void)argv;
	fputs("judge: verify: not available yet\n", stderr);
	return 2;
}
