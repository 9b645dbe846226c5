#ifndef JUDGE_REDIS_URL_H
#define JUDGE_REDIS_URL_H

#include <limits.h>

#include "util.h"

/*
 * Where the job queue lives (SPEC §6):
 *   redis://[user:pass@]host[:port][/db]    TCP, port 6379 and db 0 by default
 *   redis://:pass@host                      a password without a user name
 *   unix:///path/to/socket                  a local socket (db 0)
 */
struct redis_url {
	char host[256];		/* "" for a unix socket */
	int port;
	char path[PATH_MAX];	/* the socket, "" for TCP */
	char user[128], pass[256];	/* "" when absent */
	int db;
};

/* Pure.  0, or -1 with `err` naming the part that is wrong (key "--redis"). */
int redis_url_parse(const char *s, struct redis_url *u, struct jerr *err);

#endif
