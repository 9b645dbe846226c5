#ifndef JUDGE_RESOLVE_H
#define JUDGE_RESOLVE_H

#include <netdb.h>
#include <stdbool.h>

/*
 * getaddrinfo, freeaddrinfo and gai_strerror for hiredis's TCP connect,
 * without NSS: numeric addresses, localhost and /etc/hosts (resolve.c says
 * why).  The build points hiredis's calls here.
 */
int judge_getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
		      struct addrinfo **res);
void judge_freeaddrinfo(struct addrinfo *ai);
const char *judge_gai_strerror(int err);

#endif
