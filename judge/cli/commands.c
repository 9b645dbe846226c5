#include "commands.h"

#include <stdio.h>

int commands_fail_input(const struct jerr *e)
{
	char buf[1024];

	jerr_format(e, buf, sizeof(buf));
	fprintf(stderr, "judge: %s\n", buf);
	return 2;
}
